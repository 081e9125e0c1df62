import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from "discord-api-types/v10";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { truncate } from "../src/format.js";
import { type ComponentInteraction, defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import { renderAreasView, renderAreaView, renderTopicCard, TOPICS_COMMAND, type View } from "../src/taxonomy/render.js";
import { resolveArea, suggestAreas } from "../src/taxonomy/suggest.js";

const STALE = "This menu is from an older version of Gradient. Run /topics again to browse the current map.";

function areaView(ctx: AppContext, areaId: string | undefined): View {
  const area = areaId ? catalogOf(ctx.content).area(areaId) : undefined;
  if (!area) throw new UserError("That area is no longer on the map. Run /topics again to see the current areas.");
  return renderAreaView(area, ctx.content);
}

function topicView(ctx: AppContext, topicId: string | undefined): View {
  const topic = topicId ? catalogOf(ctx.content).topic(topicId) : undefined;
  if (!topic) throw new UserError("That topic is no longer on the map. Run /topics again to see the current topics.");
  return renderTopicCard(topic, ctx.content);
}

/** The value a select menu sent, or the id a button carries after its verb (e.g. `topics:area:<id>`). */
function chosen(interaction: ComponentInteraction, args: string[]): string | undefined {
  return interaction.isStringSelectMenu() ? interaction.values[0] : args[1];
}

export default defineCommand({
  data: {
    name: TOPICS_COMMAND,
    description: "Browse the ML-engineering map: areas, their topics, and each topic's challenges and resources",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "area",
        description: "Open one area straight away",
        autocomplete: true,
      },
    ],
  },

  async execute(interaction, ctx) {
    const typed = interaction.options.getString("area");
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

  async component(interaction, ctx, args) {
    if (!interaction.isMessageComponent()) throw new UserError(STALE);
    const [verb] = args;
    let view: View;
    if (verb === "areas") view = renderAreasView(ctx.content);
    else if (verb === "area") view = areaView(ctx, chosen(interaction, args));
    else if (verb === "topic") view = topicView(ctx, chosen(interaction, args));
    else throw new UserError(STALE);
    await interaction.update({ ...view, allowedMentions: { parse: [] } });
  },
});
