import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from "discord-api-types/v10";
import type { Level, ResourceKind } from "../src/content/schema.js";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { truncate } from "../src/format.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import {
  decodeFilters,
  KIND_LABELS,
  KINDS,
  LEVEL_LABELS,
  LEVELS,
  noMatchMessage,
  type ResourceFilters,
} from "../src/taxonomy/filters.js";
import { pickResource } from "../src/taxonomy/picks.js";
import { RESOURCE_COMMAND, renderResourcePick, type View } from "../src/taxonomy/render.js";
import { resolveTopic, suggestTopics } from "../src/taxonomy/suggest.js";

const STALE = "This button is from an older version of Gradient. Run /resource again for a new pick.";

/** Picks for the member and renders the pick; a UserError when nothing matches. */
function pickView(ctx: AppContext, userId: string, filters: ResourceFilters): View {
  const pick = pickResource(ctx, userId, filters);
  if (!pick.found) throw new UserError(noMatchMessage(ctx.content, filters));
  return renderResourcePick(pick.resource, ctx.content, { filters, ...pick });
}

function filtersFromOptions(
  ctx: AppContext,
  options: {
    topic: string | null;
    kind: string | null;
    level: string | null;
    free: boolean | null;
  },
): ResourceFilters {
  const filters: ResourceFilters = {};
  if (options.topic) {
    const { topic, suggestions } = resolveTopic(ctx.content, options.topic);
    if (!topic) {
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
      throw new UserError(
        `There is no topic called "${truncate(options.topic, 100)}".${hint} Pick one from the list as you type.`,
      );
    }
    filters.topic = topic.id;
  }
  // Discord only sends the registered choices; anything else comes from an outdated client or registration.
  if (options.kind) {
    if (!KINDS.includes(options.kind as ResourceKind))
      throw new UserError(`"${truncate(options.kind, 40)}" is not a kind of resource I know.`);
    filters.kind = options.kind as ResourceKind;
  }
  if (options.level) {
    if (!LEVELS.includes(options.level as Level))
      throw new UserError(`"${truncate(options.level, 40)}" is not a level I know.`);
    filters.level = options.level as Level;
  }
  if (options.free !== null) filters.free = options.free;
  return filters;
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
    const filters = filtersFromOptions(ctx, {
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
