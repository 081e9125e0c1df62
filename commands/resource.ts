import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { LEVELS, RESOURCE_KINDS } from "../src/content/schema.js";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { LEVEL_LABELS, RESOURCE_KIND_LABELS } from "../src/format.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import type { View } from "../src/taxonomy/card-parts.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import { resourceIds } from "../src/taxonomy/custom-ids.js";
import { filtersFromOptions, noMatchMessage, type ResourceFilters } from "../src/taxonomy/filters.js";
import { pickResource } from "../src/taxonomy/picks.js";
import { renderResourcePick } from "../src/taxonomy/render.js";
import { suggestTopics } from "../src/taxonomy/suggest.js";

/** Picks for the member and renders the pick; a UserError when nothing matches. */
async function pickView(ctx: AppContext, userId: string, filters: ResourceFilters): Promise<View> {
  const pick = await pickResource(ctx, userId, filters);
  if (!pick.found) throw new UserError(noMatchMessage(ctx.content, filters));
  return renderResourcePick(pick.resource, ctx.content, { filters, ...pick });
}

export default defineCommand({
  data: {
    name: resourceIds.command,
    description: "One hand-picked learning resource, optionally for a topic, kind, level or price",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        description: "A topic such as transformers, SQL or gradient boosting",
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: "kind",
        description: "Book, course, paper, article, video, documentation, practice site, community…",
        choices: RESOURCE_KINDS.map((kind) => ({ name: RESOURCE_KIND_LABELS[kind], value: kind })),
      },
      {
        type: ApplicationCommandOptionType.String,
        name: "level",
        description: "Beginner, intermediate or advanced",
        choices: LEVELS.map((level) => ({ name: LEVEL_LABELS[level], value: level })),
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: "free",
        description: "True for free resources only, false for paid ones only",
      },
    ],
  },
  runIn: "anywhere",

  async execute(interaction, ctx, args) {
    const filters = filtersFromOptions(ctx.content, args);
    await respond(interaction, { ...(await pickView(ctx, interaction.user.id, filters)), ephemeral: true });
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestTopics(ctx.content, interaction.options.getFocused()));
  },

  customIds: resourceIds,
  async component(interaction, ctx, { filters }) {
    if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
    if (filters.topic && !catalogOf(ctx.content).topic(filters.topic)) {
      throw new UserError("The topic on this button is no longer in the library. Run /resource again for a new pick.");
    }
    await interaction.update({
      ...(await pickView(ctx, interaction.user.id, filters)),
      allowedMentions: { parse: [] },
    });
  },
});
