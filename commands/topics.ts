import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { truncate } from "../src/format.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import type { View } from "../src/taxonomy/card-parts.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import { topicsIds } from "../src/taxonomy/custom-ids.js";
import { renderAreasView, renderAreaView, renderTopicCard } from "../src/taxonomy/render.js";
import { resolveArea, suggestAreas } from "../src/taxonomy/suggest.js";

function areaView(ctx: Pick<AppContext, "content">, areaId: string | undefined): View {
  const area = areaId ? catalogOf(ctx.content).area(areaId) : undefined;
  if (!area) throw new UserError("That area is no longer on the map. Run /topics again to see the current areas.");
  return renderAreaView(area, ctx.content);
}

function topicView(ctx: Pick<AppContext, "content">, topicId: string | undefined): View {
  const topic = topicId ? catalogOf(ctx.content).topic(topicId) : undefined;
  if (!topic) throw new UserError("That topic is no longer on the map. Run /topics again to see the current topics.");
  return renderTopicCard(topic, ctx.content);
}

export default defineCommand({
  data: {
    name: topicsIds.command,
    description: "Browse the ML-engineering map: areas, their topics, and each topic's challenges and resources",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "area",
        description: "Open one area straight away",
        autocomplete: true,
      },
    ],
  },
  runIn: "anywhere",

  async execute(interaction, ctx, args) {
    const typed = args.area;
    if (!typed) {
      await respond(interaction, { ...renderAreasView(ctx.content), ephemeral: true });
      return;
    }
    const { area, suggestions } = resolveArea(ctx.content, typed);
    if (!area) {
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
      throw new UserError(
        `There is no area called "${truncate(typed, 100)}".${hint} Pick one from the list as you type.`,
      );
    }
    await respond(interaction, { ...renderAreaView(area, ctx.content), ephemeral: true });
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestAreas(ctx.content, interaction.options.getFocused()));
  },

  customIds: topicsIds,
  async component(interaction, ctx, control) {
    if (!interaction.isMessageComponent()) throw new UserError(STALE_CONTROL);
    // A select menu sends the chosen id as its value; the "Back to" button carries it in its custom_id.
    const chosen = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
    let view: View;
    if (control.view === "areas") view = renderAreasView(ctx.content);
    else if (control.view === "area") view = areaView(ctx, control.areaId ?? chosen);
    else view = topicView(ctx, control.topicId ?? chosen);
    await interaction.update({ ...view, allowedMentions: { parse: [] } });
  },
});
