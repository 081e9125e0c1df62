import type { APIEmbed } from "discord-api-types/v10";
import { COLOURS, plural } from "../format.js";
import { isoWeekMonday } from "../jobs/slots.js";
import { addDays, type LocalDate } from "../time/index.js";
import type { Board, BoardView } from "./boards.js";
import { MAX_FREEZES, type StreakState } from "./engine.js";

export const HEATMAP_FILE = "streak.png";

export function streakEmbed(
  who: { id: string; name: string },
  state: StreakState,
  current: number,
  today: { date: LocalDate; zone: string },
  verified = 0,
  /** Another member's zone is theirs to share: their card names neither the zone nor their date. */
  own = true,
): APIEmbed {
  let status: string;
  if (state.days === 0) status = `<@${who.id}> hasn't completed a daily challenge here yet.`;
  else if (current === 0)
    status = `The last streak ended after ${plural(state.current, "day")} (last day ${state.lastDate}).`;
  else if (state.lastDate === today.date) status = "Today's challenge is done. 🔥";
  else status = "Today's challenge is still open: completing it keeps the streak going.";
  return {
    color: COLOURS.streak,
    title: `🔥 ${who.name}'s streak`.slice(0, 256),
    description: status,
    fields: [
      { name: "Current", value: plural(current, "day"), inline: true },
      { name: "Longest", value: plural(state.longest, "day"), inline: true },
      {
        name: "Total",
        value: `${plural(state.total, "completion")} (${plural(state.days, "daily challenge")})`,
        inline: true,
      },
      { name: "Verified", value: `🎯 ${plural(verified, "checked answer")}`, inline: true },
      {
        name: "Freezes",
        value: `❄️ ${state.freezes}/${MAX_FREEZES} held · ${state.freezesUsed} used\nOne is earned every 7 days in a row; a freeze bridges a single missed day.`,
      },
    ],
    image: { url: `attachment://${HEATMAP_FILE}` },
    footer: {
      text: own
        ? `Last 26 weeks on ${today.zone}'s calendar, Monday at the top. Today is ${today.date}.`
        : "Last 26 weeks on their own calendar, Monday at the top.",
    },
  };
}

export type BoardKind = "current" | "longest" | "month" | "week";

export const BOARD_TITLES: Record<BoardKind, string> = {
  current: "🔥 Current streaks",
  longest: "🏆 Longest streaks",
  month: "📅 Completions this month",
  week: "🗓️ Daily challenges this week",
};

/** The unit a board counts, for "3 days" or "3 completions". */
export const boardUnit = (kind: BoardKind): string =>
  kind === "month" ? "completion" : kind === "week" ? "daily challenge" : "day";

/** "2026-W10, Mon 2026-03-02 to Sun 2026-03-08": the dates a week board counts. */
export function weekSpan(board: Board): string {
  const week = board.slice("week:".length);
  const monday = isoWeekMonday(week);
  return `${week}, Mon ${monday} to Sun ${addDays(monday, 6)}`;
}

/** What a board covers, for its footer. */
export function boardScope(kind: BoardKind, board: Board, asOf: { date: LocalDate; zone: string }): string {
  if (kind === "month") return `${board.slice("month:".length)} on the server's calendar (${asOf.zone})`;
  if (kind === "week") return `${weekSpan(board)}: daily challenges credited to those dates (${asOf.zone})`;
  return `as of ${asOf.date} (${asOf.zone})`;
}

/** A board's top rows, one a line, with the caller marked when given. */
export function boardLines(kind: BoardKind, view: Pick<BoardView, "top">, caller?: string): string[] {
  const unit = boardUnit(kind);
  return view.top.map(
    (r) => `**${r.rank}.** <@${r.userId}> · ${plural(r.value, unit)}${r.userId === caller ? " ← you" : ""}`,
  );
}

export const TIE_RULE = "Ties: whoever reached the figure first ranks higher, then the older account.";

export function boardEmbed(
  kind: BoardKind,
  board: Board,
  view: BoardView,
  caller: string,
  asOf: { date: LocalDate; zone: string },
): APIEmbed {
  const unit = boardUnit(kind);
  const lines = boardLines(kind, view, caller);
  const me = view.me
    ? `Your rank: **#${view.me.rank.toLocaleString("en-US")}** of ${view.size.toLocaleString("en-US")} · ${plural(view.me.value, unit)}`
    : kind === "current"
      ? "You're not on this board: complete today's challenge to start a streak."
      : kind === "week"
        ? "You're not on this board yet: complete today's challenge to join it. It starts over every Monday."
        : "You're not on this board yet: complete a challenge to join it.";
  return {
    color: COLOURS.streak,
    title: BOARD_TITLES[kind],
    description: [lines.length > 0 ? lines.join("\n") : "Nobody is on this board yet.", "", me].join("\n"),
    footer: {
      text: `${boardScope(kind, board, asOf)}. ${TIE_RULE}`,
    },
  };
}
