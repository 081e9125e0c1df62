import type { APIEmbed } from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import { findChallenge } from "../content/load.js";
import { COLOURS, memberText, plural, truncate } from "../format.js";
import { seatLine } from "../solvers/render.js";
import { currentStreak, MAX_FREEZES, type StreakState } from "../streaks/engine.js";
import type { HistoryRow } from "../streaks/history.js";
import type { DailyResult } from "../streaks/store.js";
import { addDays, type LocalDate } from "../time/index.js";
import { MAX_TRIES } from "./answers.js";
import type { DoneOutcome, PracticeOutcome } from "./complete.js";
import { feedbackRow } from "./feedback.js";
import { renderHints } from "./render.js";
import type { SubmitOutcome } from "./submit.js";

/** What members read after a completion attempt. Kept apart from the handlers so tests can check every wording. */

export const MILESTONE_LINES: Record<number, string> = {
  7: "🎉 **A 7-day streak!** A full week of challenges. That's a habit forming.",
  30: "🏅 **A 30-day streak!** A month without a miss. Remarkable.",
  100: "🏆 **A 100-day streak!** Triple digits. You're in rare company.",
  365: "👑 **A 365-day streak!** A whole year of daily practice. Legendary.",
};

export interface CompletionReply {
  content: string;
  ephemeral: boolean;
  /** After a completion: the rating and report buttons (src/challenges/feedback.ts). */
  components?: ReturnType<typeof feedbackRow>[];
}

export function doneMessage(outcome: DoneOutcome, userId: string): CompletionReply {
  switch (outcome.status) {
    case "closed":
      return {
        ephemeral: true,
        content: `That card is for the challenge of ${outcome.cardDate}, which has closed: it's ${outcome.date} for you now (${outcome.zone}). Nothing was recorded. Use \`/challenge today\` for today's challenge.`,
      };
    case "not-yet":
      return {
        ephemeral: true,
        content: `That card is for the challenge of ${outcome.cardDate}, but it's still ${outcome.date} for you (${outcome.zone}). Nothing was recorded. Use \`/challenge today\` for your challenge.`,
      };
    case "already":
      if (outcome.creditedDate === outcome.date) {
        return {
          ephemeral: true,
          content: `You've already completed today's challenge (${outcome.date}), so nothing new was recorded. Your streak is ${plural(outcome.state.current, "day")}. See you tomorrow!`,
        };
      }
      return {
        ephemeral: true,
        content: `Your last completion was credited to ${outcome.creditedDate}, which is later than today here (${outcome.date}, ${outcome.zone}). Days only move forward, so nothing was recorded; the next day you can complete is ${addDays(outcome.creditedDate, 1)}.`,
      };
    case "needs-answer":
      return {
        ephemeral: true,
        content: `Today's challenge, **${truncate(outcome.challenge.title, 120)}**, has a checked answer: press **Submit answer** on its card (\`/challenge today\`) to complete it. Nothing was recorded.`,
      };
    case "recorded": {
      const lines = [`✅ <@${userId}> completed today's challenge: **${truncate(outcome.challenge.title, 120)}**`];
      lines.push(...creditLines(outcome.result, outcome.date));
      if (outcome.note) lines.push(`> ${memberText(outcome.note, 300)}`);
      if (outcome.room) lines.push(seatLine(outcome.room));
      return { ephemeral: false, content: lines.join("\n"), components: [feedbackRow(outcome.challenge.id)] };
    }
  }
}

/** What a newly credited day did to the streak: grew, bridged, restarted; milestones and freezes earned. */
function creditLines(result: Extract<DailyResult, { status: "recorded" }>, date: LocalDate): string[] {
  const { state, outcome: credit } = result;
  const lines: string[] = [];
  if (credit.kind === "bridged") {
    lines.push(
      `❄️ A freeze bridged ${addDays(date, -1)}, so your streak carries on: **${plural(state.current, "day")}**.`,
    );
  } else if (credit.kind === "restarted") {
    lines.push(`🔥 A new streak starts today: **1 day**. Your longest is ${plural(state.longest, "day")}.`);
  } else {
    lines.push(`🔥 Streak: **${plural(state.current, "day")}**`);
  }
  if (credit.milestone !== null) lines.push(MILESTONE_LINES[credit.milestone] ?? "");
  if (credit.earnedFreeze) lines.push(`🧊 Seven days in a row earned a freeze (${state.freezes}/${MAX_FREEZES} held).`);
  return lines;
}

export interface AnswerReply {
  content: string;
  ephemeral: boolean;
  components?: ReturnType<typeof renderHints>["components"] | ReturnType<typeof feedbackRow>[];
}

/** What a member reads after submitting an answer. It never contains the answer itself. */
export function answerMessage(outcome: SubmitOutcome, userId: string): AnswerReply {
  switch (outcome.status) {
    case "closed":
    case "not-yet":
      return doneMessage(outcome, userId);
    case "unreadable":
      return { ephemeral: true, content: `${outcome.message} That try didn't count.` };
    case "out-of-tries":
      return {
        ephemeral: true,
        content: `You've used all ${MAX_TRIES} tries on **${truncate(outcome.challenge.title, 120)}** today, so this answer wasn't checked. The worked solution opens with \`/challenge solution\` once your day has ended.`,
      };
    case "solved-before":
      return { ephemeral: true, content: "You've already answered this one correctly today. 🎯" };
    case "wrong": {
      const hints = renderHints(outcome.challenge, outcome.tries);
      const left =
        outcome.triesLeft > 0
          ? `${plural(outcome.triesLeft, "try", "tries")} left today`
          : "that was your last try today; the solution opens with `/challenge solution` once your day has ended";
      const hint = (outcome.challenge.hints?.length ?? 0) > 0 ? `\n${hints.content}` : "";
      return {
        ephemeral: true,
        content: truncate(`Not quite: nothing was recorded (${left}).${hint}`, 2000),
        components: outcome.triesLeft > 0 ? hints.components : [],
      };
    }
    case "right": {
      const title = truncate(outcome.challenge.title, 120);
      const { recorded } = outcome;
      if (!recorded)
        return {
          ephemeral: true,
          content: outcome.markedVerified
            ? `🎯 Right! ${outcome.daily ? "Your day was already credited" : "You'd already practised this one"}, so nothing new was counted; it's now marked verified.`
            : "🎯 Right! Your day was already credited with another challenge, so nothing new was counted.",
        };
      if (recorded.status === "practice")
        return {
          ephemeral: false,
          content: `🎯 <@${userId}> solved the practice challenge **${title}** with a checked answer (${plural(recorded.state.total, "completion")} in all).`,
          components: [feedbackRow(outcome.challenge.id)],
        };
      return {
        ephemeral: false,
        components: [feedbackRow(outcome.challenge.id)],
        content: [
          `🎯 <@${userId}> solved today's challenge with a checked answer: **${title}**`,
          ...creditLines(recorded, outcome.date),
          ...(outcome.room ? [seatLine(outcome.room)] : []),
        ].join("\n"),
      };
    }
  }
}

export function practiceMessage(outcome: PracticeOutcome, userId: string): CompletionReply {
  if (outcome.status === "already") {
    return {
      ephemeral: true,
      content: `You've already practised **${truncate(outcome.challenge.title, 120)}**, so nothing new was recorded. Try \`/challenge random\` for another.`,
    };
  }
  return {
    ephemeral: false,
    content: `🏋️ <@${userId}> practised **${truncate(outcome.challenge.title, 120)}** (${plural(outcome.state.total, "completion")} in all; practice doesn't change a streak).`,
    components: [feedbackRow(outcome.challenge.id)],
  };
}

/** A line about the member's streak for today's card. */
export function streakLine(state: StreakState, doneToday: boolean, at: number, zone: string): string {
  const current = currentStreak(state, at, zone);
  if (doneToday) return `✅ You've done today's challenge. Streak: ${plural(current, "day")}.`;
  if (current > 0)
    return `🔥 Your streak is ${plural(current, "day")}: complete today's challenge to make it ${current + 1}.`;
  return "Complete today's challenge to start a streak.";
}

const HISTORY_LIMIT = 3900;

export function historyEmbed(rows: HistoryRow[], content: Content, from: string, today: string): APIEmbed {
  const newestFirst = [...rows].reverse();
  const lines: string[] = [];
  let used = 0;
  for (const row of newestFirst) {
    const mark = row.kind === "daily" ? "✅" : "🏋️";
    const title = truncate(findChallenge(content, row.challengeId)?.title ?? row.challengeId, 70);
    const when = `<t:${Math.floor(row.completedAt / 1000)}:t>`;
    const note = row.note ? `\n  “${memberText(row.note, 80)}”` : "";
    const kinds = `${row.kind === "practice" ? " · practice" : ""}${row.verified ? " · 🎯 verified" : ""}`;
    const line = `\`${row.localDate}\` ${mark} ${title} · ${when}${kinds}${note}`;
    if (used + line.length + 1 > HISTORY_LIMIT) {
      lines.push(`…and ${newestFirst.length - lines.length} more.`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const daily = rows.filter((r) => r.kind === "daily").length;
  return {
    color: COLOURS.challenge,
    title: "Your last 30 days",
    description:
      lines.length > 0
        ? lines.join("\n")
        : "Nothing completed in the last 30 days yet. `/challenge today` shows today's challenge.",
    footer: {
      text: `${from} to ${today} · ${plural(daily, "daily challenge")}, ${rows.length - daily} practice · ✅ daily 🏋️ practice 🎯 checked answer`,
    },
  };
}
