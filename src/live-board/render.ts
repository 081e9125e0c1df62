/**
 * What the live board message says: a board's top 10 as /leaderboard shows it (src/streaks/render.ts), and on the
 * week board who topped last week. Its footer starts with LIVE_BOARD_MARKER, which is how the bot recognises its
 * own message in the channel's history after a crash between Discord's answer and the database write.
 */
import { createHash } from "node:crypto";
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { COLOURS, plural } from "../format.js";
import type { Board, BoardRow } from "../streaks/boards.js";
import { BOARD_TITLES, boardLines, boardScope, boardUnit, TIE_RULE } from "../streaks/render.js";
import type { LocalDate } from "../time/index.js";
import type { LiveBoardKind } from "./store.js";

export const LIVE_BOARD_MARKER = "Gradient live board";

export const LIVE_BOARD_LABELS: Record<LiveBoardKind, string> = {
  week: "this week's daily challenges (starts over every Monday)",
  month: "this month's completions",
  current: "current streaks",
  longest: "longest streaks",
};

export interface LiveBoardView {
  kind: LiveBoardKind;
  board: Board;
  top: BoardRow[];
  asOf: { date: LocalDate; zone: string };
  /** The week board only: last week's board and its first place, when anyone completed a daily that week. */
  lastWeek?: { board: Board; top: BoardRow } | undefined;
}

export interface RenderedBoard {
  body: RESTPostAPIChannelMessageJSONBody;
  /** A hash of everything it shows, to tell whether an edit would change anything. */
  shown: string;
}

/** The week's or month's dates; a streak board names no date, which would change the message every day. */
function scope(view: LiveBoardView): string {
  if (view.kind === "week" || view.kind === "month") return boardScope(view.kind, view.board, view.asOf);
  return `on ${view.asOf.zone}'s calendar`;
}

export function renderLiveBoard(view: LiveBoardView): RenderedBoard {
  const lines = boardLines(view.kind, view);
  const description = [lines.length > 0 ? lines.join("\n") : "Nobody is on this board yet."];
  if (view.lastWeek) {
    const { top } = view.lastWeek;
    description.push(
      "",
      `🏅 Last week (${view.lastWeek.board.slice("week:".length)}) was topped by <@${top.userId}> with ${plural(top.value, boardUnit("week"))}.`,
    );
  }
  const body: RESTPostAPIChannelMessageJSONBody = {
    embeds: [
      {
        color: COLOURS.streak,
        title: BOARD_TITLES[view.kind],
        description: description.join("\n"),
        footer: {
          text: `${LIVE_BOARD_MARKER} · updated within a minute of a change · ${scope(view)}. ${TIE_RULE}`,
        },
      },
    ],
    allowed_mentions: { parse: [] },
  };
  return { body, shown: createHash("sha256").update(JSON.stringify(body)).digest("hex") };
}
