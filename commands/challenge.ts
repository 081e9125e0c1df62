import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { ANSWER_MAX } from "../src/challenges/answers.js";
import { completePractice, completeToday, NOTE_MAX, pickPractice } from "../src/challenges/complete.js";
import { challengeIds } from "../src/challenges/custom-ids.js";
import { memberToday } from "../src/challenges/daily.js";
import { ratePicker } from "../src/challenges/feedback.js";
import { answerMessage, doneMessage, historyEmbed, practiceMessage, streakLine } from "../src/challenges/messages.js";
import { checkedAnswer, openDaily } from "../src/challenges/open.js";
import { ratingsOf } from "../src/challenges/ratings.js";
import {
  answerModal,
  challengeButtons,
  renderChallengeCard,
  renderHints,
  renderResources,
  TRACK_LABELS,
} from "../src/challenges/render.js";
import { setMemberTrack, TRACKS, trackOf } from "../src/challenges/rules.js";
import { pastDaily } from "../src/challenges/solution.js";
import { answerChallenge, submitAnswer } from "../src/challenges/submit.js";
import { findChallenge } from "../src/content/load.js";
import { type Challenge, LEVELS, type Level } from "../src/content/schema.js";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { COLOURS, LEVEL_LABELS, truncate } from "../src/format.js";
import { defineCommand, type GuildChatInput } from "../src/interactions/command.js";
import { feedbackComponent } from "../src/interactions/feedback.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { creditedThrough } from "../src/streaks/engine.js";
import { completionsSince, practisedChallenges } from "../src/streaks/history.js";
import { readState } from "../src/streaks/store.js";
import { addDays } from "../src/time/index.js";

const HISTORY_DAYS = 30;

export default defineCommand({
  data: {
    name: challengeIds.command,
    description: "Today's challenge, answering or marking it, your level, a practice challenge, history, solutions",
    type: ApplicationCommandType.ChatInput,
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: "today", description: "Show today's challenge" },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "done",
        description: "Mark today's challenge done (one with a checked answer is completed by answering it)",
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
        name: "level",
        description: "Choose your daily track in this server: one level, or all levels",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "level",
            description: "Your track",
            required: true,
            choices: [
              ...TRACKS.map((track) => ({ name: TRACK_LABELS[track], value: track })),
              // Going back to whatever the server's default is.
              { name: "The server's default", value: "server-default" },
            ],
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
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "solution",
        description: "The worked solution of a past day's challenge, once that day has ended in every time zone",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "date",
            description: "YYYY-MM-DD (yesterday if left out)",
            min_length: 10,
            max_length: 10,
          },
        ],
      },
    ],
  },
  runIn: "guild",

  async execute(interaction, ctx, args) {
    const guildId = interaction.guildId;
    const userId = interaction.user.id;
    switch (args.subcommand) {
      case "today": {
        const { date, zone, now, track, challenge } = await openDaily(ctx, guildId, userId);
        const state = await readState(ctx, guildId, userId);
        return respond(interaction, {
          content: streakLine(state, creditedThrough(state, date) !== null, now.getTime(), zone),
          embeds: [renderChallengeCard(challenge, ctx.content, { date, track })],
          components: challengeButtons(challenge, { date, track }),
          ephemeral: true,
        });
      }
      case "done": {
        const outcome = await completeToday(ctx, guildId, userId, { note: args.options.note });
        return respond(interaction, doneMessage(outcome, userId));
      }
      case "level": {
        const choice = args.options.level;
        await setMemberTrack(ctx, guildId, userId, choice === "server-default" ? null : choice, ctx.clock.now());
        const track = await trackOf(ctx, guildId, userId);
        const which = choice === "server-default" ? "the server's default, " : "";
        return respond(interaction, {
          content: `Your daily track here is now ${which}**${TRACK_LABELS[track]}**. \`/challenge today\` shows today's challenge on it; your streak counts any level's daily.`,
          ephemeral: true,
        });
      }
      case "random":
        return practice(interaction, ctx, guildId, userId, args.options);
      case "history": {
        const { date } = await memberToday(ctx, guildId, userId);
        const from = addDays(date, -(HISTORY_DAYS - 1));
        const rows = await completionsSince(ctx, guildId, userId, from);
        const newestFirst = rows.map((r) => r.challengeId).reverse();
        const picker = ratePicker(newestFirst, ctx.content, await ratingsOf(ctx, guildId, userId, newestFirst));
        return respond(interaction, {
          embeds: [historyEmbed(rows, ctx.content, from, date)],
          components: picker ? [picker] : [],
          ephemeral: true,
        });
      }
      case "solution": {
        const { date, challenge } = await pastDaily(ctx, guildId, userId, args.options.date);
        return respond(interaction, { embeds: [solutionEmbed(date, challenge)], ephemeral: true });
      }
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
    if (
      control.action === "rate" ||
      control.action === "report" ||
      control.action === "reported" ||
      control.action === "pick"
    )
      return feedbackComponent(interaction, ctx, control);
    if (control.action === "submit") {
      if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
      const given = interaction.fields.getTextInputValue("answer").slice(0, ANSWER_MAX);
      return respond(
        interaction,
        answerMessage(await submitAnswer(ctx, guildId, userId, control.target, given), userId),
      );
    }
    if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
    const find = (id: string) => {
      const challenge = findChallenge(ctx.content, id);
      if (!challenge) throw new UserError("That challenge is no longer in the library.");
      return challenge;
    };
    switch (control.action) {
      case "done":
        return respond(
          interaction,
          doneMessage(
            await completeToday(ctx, guildId, userId, { cardDate: control.date, track: control.track }),
            userId,
          ),
        );
      case "practice":
        return respond(
          interaction,
          practiceMessage(await completePractice(ctx, guildId, userId, control.challengeId), userId),
        );
      case "resources":
        return respond(interaction, {
          embeds: [renderResources(find(control.challengeId), ctx.content)],
          ephemeral: true,
        });
      case "hint":
        return respond(interaction, { ...renderHints(find(control.challengeId), control.shown), ephemeral: true });
      case "answer": {
        const open = await answerChallenge(ctx, guildId, userId, control.target);
        if ("status" in open) return respond(interaction, doneMessage(open, userId));
        checkedAnswer(open.challenge);
        return interaction.showModal(
          answerModal(open.challenge, challengeIds.build({ action: "submit", target: control.target })),
        );
      }
      case "level": {
        const open = await openDaily(ctx, guildId, userId, { cardDate: control.date, track: control.track });
        if ("status" in open) return respond(interaction, doneMessage(open, userId));
        const { date, challenge } = open;
        return respond(interaction, {
          embeds: [renderChallengeCard(challenge, ctx.content, { date, track: control.track })],
          components: challengeButtons(challenge, { date, track: control.track }),
          ephemeral: true,
        });
      }
    }
  },
});

/** A past day's challenge with its worked explanation, or, without a checked answer, what "done" looked like. */
function solutionEmbed(date: string, challenge: Challenge): APIEmbed {
  const body = challenge.answer
    ? `**The answer and how to get it:** ${challenge.answer.explanation}`
    : `This challenge had no single checked answer. It was done when ${challenge.doneWhen.replace(/^done when,?\s+/i, "")}`;
  return {
    color: COLOURS.challenge,
    author: { name: `Solution · ${date}` },
    title: truncate(challenge.title, 256),
    description: truncate(body, 4096),
  };
}

async function practice(
  interaction: GuildChatInput,
  ctx: AppContext,
  guildId: string,
  userId: string,
  { area, level }: { area: string | null; level: Level | null },
) {
  if (area && !ctx.content.areas.some((a) => a.id === area)) {
    throw new UserError(`There is no area called '${area}'. Pick one from the list as you type.`);
  }
  const challenge = pickPractice(ctx, { area, level }, await practisedChallenges(ctx, guildId, userId));
  return respond(interaction, {
    embeds: [renderChallengeCard(challenge, ctx.content, { practice: true })],
    components: challengeButtons(challenge, { practice: true }),
    ephemeral: true,
  });
}
