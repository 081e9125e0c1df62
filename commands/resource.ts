import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from "discord-api-types/v10";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import {
  decodeFilters,
  filtersFromOptions,
  KIND_LABELS,
  KINDS,
  LEVEL_LABELS,
  LEVELS,
  noMatchMessage,
  type ResourceFilters,
} from "../src/taxonomy/filters.js";
import { pickResource } from "../src/taxonomy/picks.js";
import { RESOURCE_COMMAND, renderResourcePick, type View } from "../src/taxonomy/render.js";
import { suggestTopics } from "../src/taxonomy/suggest.js";

const STALE = "This button is from an older version of Gradient. Run /resource again for a new pick.";

/** Picks for the member and renders the pick; a UserError when nothing matches. */
function pickView(ctx: AppContext, userId: string, filters: ResourceFilters): View {
  const pick = pickResource(ctx, userId, filters);
  if (!pick.found) throw new UserError(noMatchMessage(ctx.content, filters));
  return renderResourcePick(pick.resource, ctx.content, { filters, ...pick });
}

export default defineCommand({
  data: {
    name: RESOURCE_COMMAND,
    description: "One hand-picked learning resource, optionally for a topic, kind, level or price",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
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
        description: "Book, course, paper, article, practice site, documentation or video",
        choices: KINDS.map((kind) => ({ name: KIND_LABELS[kind], value: kind })),
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

  async execute(interaction, ctx) {
    const filters = filtersFromOptions(ctx.content, {
      topic: interaction.options.getString("topic"),
      kind: interaction.options.getString("kind"),
      level: interaction.options.getString("level"),
      free: interaction.options.getBoolean("free"),
    });
    await respond(interaction, { ...pickView(ctx, interaction.user.id, filters), ephemeral: true });
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestTopics(ctx.content, interaction.options.getFocused()));
  },

  async component(interaction, ctx, args) {
    const [verb, ...rest] = args;
    const filters = verb === "more" ? decodeFilters(rest) : null;
    if (!filters || !interaction.isButton()) throw new UserError(STALE);
    if (filters.topic && !catalogOf(ctx.content).topic(filters.topic)) {
      throw new UserError("The topic on this button is no longer in the library. Run /resource again for a new pick.");
    }
    await interaction.update({ ...pickView(ctx, interaction.user.id, filters), allowedMentions: { parse: [] } });
  },
});
