import type { ChatInputCommandInteraction } from "discord.js";
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { completePractice, completeToday, NOTE_MAX, pickPractice } from "../src/challenges/complete.js";
import { challengeIds } from "../src/challenges/custom-ids.js";
import { getDailyChallenge, memberToday } from "../src/challenges/daily.js";
import { doneMessage, historyEmbed, practiceMessage, streakLine } from "../src/challenges/messages.js";
import { challengeButtons, renderChallengeCard, renderResources } from "../src/challenges/render.js";
import { LEVELS } from "../src/content/schema.js";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { LEVEL_LABELS } from "../src/format.js";
import { defineCommand } from "../src/interactions/command.js";
import { choiceOption } from "../src/interactions/options.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { completionsSince, practisedChallenges } from "../src/streaks/history.js";
import { readState } from "../src/streaks/store.js";
import { addDays } from "../src/time/index.js";

const HISTORY_DAYS = 30;

export default defineCommand({
  data: {
    name: challengeIds.command,
    description: "Today's challenge, marking it done, a practice challenge, or your last 30 days",
    type: ApplicationCommandType.ChatInput,
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: "today", description: "Show today's challenge" },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "done",
        description: "Mark today's challenge done",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "note",
            description: `What you did or learned (at most ${NOTE_MAX} characters)`,
            max_length: NOTE_MAX,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "random",
        description: "A practice challenge (counts in your total, not your streak)",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "area",
            description: "Pick from an area",
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: "level",
            description: "Pick a level",
            choices: LEVELS.map((level) => ({ name: LEVEL_LABELS[level], value: level })),
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "history",
        description: "What you did in the last 30 days",
      },
    ],
  },
  runIn: "guild",

  async execute(interaction, ctx) {
    const guildId = interaction.guildId;
    const userId = interaction.user.id;
    switch (interaction.options.getSubcommand()) {
      case "today": {
        const { date, zone } = memberToday(ctx, userId, guildId);
        const challenge = getDailyChallenge(ctx, guildId, date);
        const state = readState(ctx.db, guildId, userId);
        return respond(interaction, {
          content: streakLine(
            state,
            state.lastDate !== null && state.lastDate >= date,
            ctx.clock.now().getTime(),
            zone,
          ),
          embeds: [renderChallengeCard(challenge, ctx.content, { date })],
          components: challengeButtons(challenge, { date }),
          ephemeral: true,
        });
      }
      case "done": {
        const outcome = completeToday(ctx, guildId, userId, { note: interaction.options.getString("note") });
        return respond(interaction, doneMessage(outcome, userId));
      }
      case "random":
        return practice(interaction, ctx, guildId, userId);
      case "history": {
        const { date } = memberToday(ctx, userId, guildId);
        const from = addDays(date, -(HISTORY_DAYS - 1));
        const rows = completionsSince(ctx.db, guildId, userId, from);
        return respond(interaction, { embeds: [historyEmbed(rows, ctx.content, from, date)], ephemeral: true });
      }
      default:
        throw new UserError("That subcommand is not available any more.");
    }
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().toLowerCase().trim();
    const choices = ctx.content.areas
      .filter((a) => !typed || a.name.toLowerCase().includes(typed) || a.id.includes(typed))
      .slice(0, 25)
      .map((a) => ({ name: a.name, value: a.id }));
    await interaction.respond(choices);
  },

  customIds: challengeIds,
  async component(interaction, ctx, control) {
    const guildId = interaction.guildId;
    const userId = interaction.user.id;
    if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
    switch (control.action) {
      case "done":
        return respond(
          interaction,
          doneMessage(completeToday(ctx, guildId, userId, { cardDate: control.date }), userId),
        );
      case "practice":
        return respond(
          interaction,
          practiceMessage(completePractice(ctx, guildId, userId, control.challengeId), userId),
        );
      case "resources": {
        const challenge = ctx.content.challenges.find((c) => c.id === control.challengeId);
        if (!challenge) throw new UserError("That challenge is no longer in the library.");
        return respond(interaction, { embeds: [renderResources(challenge, ctx.content)], ephemeral: true });
      }
    }
  },
});

async function practice(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string, userId: string) {
  const area = interaction.options.getString("area");
  if (area && !ctx.content.areas.some((a) => a.id === area)) {
    throw new UserError(`There is no area called '${area}'. Pick one from the list as you type.`);
  }
  const level = choiceOption(interaction, "level", LEVELS);
  const challenge = pickPractice(ctx, { area, level }, practisedChallenges(ctx.db, guildId, userId));
  return respond(interaction, {
    embeds: [renderChallengeCard(challenge, ctx.content, { practice: true })],
    components: challengeButtons(challenge, { practice: true }),
    ephemeral: true,
  });
}
