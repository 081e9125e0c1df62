import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import type { LocalDate } from "../time/index.js";
import {
  type Board,
  type BoardStatements,
  boardStatementsFor,
  monthBoard,
  SLOT_MS,
  slotOf,
} from "./board-statements.js";
import { isAlive, lapseInstant, type RestDays, type StreakState } from "./engine.js";
import { restDaysAfter } from "./rest.js";

/**
 * The leaderboards: a cache of member_stats and the completion log, kept beside them by the write path and
 * rebuildable from them (their statements: ./board-statements.ts).
 */

export { type Board, monthBoard, slotOf } from "./board-statements.js";

type EntryKey = { guildId: string; board: Board; userId: string };

/** Moves a member's entry on a board to `value` reached at `reachedAt` (value 0 takes them off the board). */
function setEntry(
  s: BoardStatements,
  key: EntryKey,
  value: number,
  reachedAt: number,
  lapseAt: number | null,
  old = s.readEntry.get(key),
): void {
  if (old) {
    if (old.value === value && old.reachedAt === reachedAt) {
      if (old.lapseAt !== lapseAt) s.writeEntry.run({ ...key, value, reachedAt, lapseAt });
      return;
    }
    uncount(s, key, old.value, old.reachedAt);
  }
  if (value <= 0) {
    if (old) s.deleteEntry.run(key);
    return;
  }
  s.writeEntry.run({ ...key, value, reachedAt, lapseAt });
  s.addValue.run({ guildId: key.guildId, board: key.board, value });
  s.addSlot.run({ guildId: key.guildId, board: key.board, value, slot: slotOf(reachedAt) });
}

function uncount(s: BoardStatements, key: Omit<EntryKey, "userId">, value: number, reachedAt: number): void {
  const v = { guildId: key.guildId, board: key.board, value };
  if ((s.removeValue.get(v)?.n ?? 0) <= 0) s.dropValue.run(v);
  const slot = { ...v, slot: slotOf(reachedAt) };
  if ((s.removeSlot.get(slot)?.n ?? 0) <= 0) s.dropSlot.run(slot);
}

function bumpMonth(s: BoardStatements, guildId: string, userId: string, date: LocalDate, at: number): void {
  const key = { guildId, board: monthBoard(date), userId };
  const old = s.readEntry.get(key);
  setEntry(s, key, (old?.value ?? 0) + 1, at, null, old);
}

export interface Credit {
  guildId: string;
  userId: string;
  date: LocalDate;
  zone: string;
  at: number;
}

/**
 * Moves the boards for a credited daily completion, inside the caller's transaction: 'current' to the new streak,
 * 'longest' when it grew, and the month's count.
 */
export function creditDailyOnBoards(
  s: BoardStatements,
  credit: Credit,
  previous: StreakState,
  state: StreakState,
  rest: RestDays,
): void {
  const { guildId, userId, at } = credit;
  setEntry(s, { guildId, board: "current", userId }, state.current, at, lapseInstant(state, credit.zone, rest));
  if (state.longest !== previous.longest) {
    setEntry(s, { guildId, board: "longest", userId }, state.longest, state.longestAt ?? at, null);
  }
  bumpMonth(s, guildId, userId, credit.date, at);
}

/** A practice completion counts on the month's board only, inside the caller's transaction. */
export function creditPracticeOnBoards(s: BoardStatements, credit: Omit<Credit, "zone">): void {
  bumpMonth(s, credit.guildId, credit.userId, credit.date, credit.at);
}

function sweep(s: BoardStatements, guildId: string, now: number): number {
  const due = s.lapsed.all({ guildId, now });
  for (const row of due) setEntry(s, { guildId, board: row.board as Board, userId: row.userId }, 0, 0, null);
  return due.length;
}

function refresh(db: Db, s: BoardStatements, userId: string, zoneFor: (guildId: string) => string): void {
  for (const state of s.statsOfMember.all({ userId })) {
    const key = { guildId: state.guildId, board: "current" as Board, userId };
    const entry = s.readEntry.get(key);
    if (!entry) continue;
    const rest = restDaysAfter(db, state.guildId, userId, state.lastDate);
    const lapseAt = lapseInstant(state, zoneFor(state.guildId), rest);
    s.writeEntry.run({ ...key, value: entry.value, reachedAt: entry.reachedAt, lapseAt });
  }
}

type MemberStats = ReturnType<BoardStatements["statsOfGuild"]["all"]>[number];
type StreakEntry = { value: number; reachedAt: number; lapseAt: number | null };

/** What a member's figures put on the streak boards at `now` in `zone`: the one rule of every rebuild. */
function streakEntries(
  db: Db,
  state: MemberStats,
  now: number,
  zone: string,
): { current: StreakEntry | null; longest: StreakEntry | null } {
  const rest = restDaysAfter(db, state.guildId, state.userId, state.lastDate);
  const alive = state.lastAt !== null && isAlive(state, now, zone, rest);
  return {
    current:
      alive && state.lastAt !== null
        ? { value: state.current, reachedAt: state.lastAt, lapseAt: lapseInstant(state, zone, rest) }
        : null,
    longest:
      state.longest > 0 && state.longestAt !== null
        ? { value: state.longest, reachedAt: state.longestAt, lapseAt: null }
        : null,
  };
}

function rebuild(db: Db, s: BoardStatements, guildId: string, now: number, zoneFor: (userId: string) => string): void {
  s.clearEntries.run({ guildId });
  s.clearValues.run({ guildId });
  s.clearSlots.run({ guildId });
  for (const state of s.statsOfGuild.all({ guildId })) {
    const { userId } = state;
    const { current, longest } = streakEntries(db, state, now, zoneFor(userId));
    if (current) s.writeEntry.run({ guildId, board: "current", userId, ...current });
    if (longest) s.writeEntry.run({ guildId, board: "longest", userId, ...longest });
  }
  s.rebuildMonths.run(guildId);
  s.rebuildValueCounts.run(guildId);
  s.rebuildSlotCounts.run(guildId);
}

export interface StreakSlice {
  /** The last member rebuilt (user ids in order), where the next slice starts. */
  last: string;
  /** Members rebuilt by this slice. */
  members: number;
  /** No member is left after `last`. */
  done: boolean;
}

/**
 * Rebuilds the streak boards ('current' and 'longest') of a guild's members after `after`, in user id order, as
 * rebuildBoards does, inside the caller's transaction. Each entry moves with its counts (setEntry), so every rank
 * stays exact between slices. Stops after `limit` members or at `deadline` (a performance.now() instant). The month
 * boards count completions by their recorded date, which no zone change moves, so they are left as they are.
 */
export function rebuildStreakSlice(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  after: string,
  now: number,
  zoneFor: (userId: string) => string,
  { limit, deadline }: { limit: number; deadline: number },
): StreakSlice {
  const s = boardStatementsFor(ctx.db);
  const states = s.statsOfGuildAfter.all({ guildId, after, limit });
  let last = after;
  let members = 0;
  for (const state of states) {
    const { userId } = state;
    const { current, longest } = streakEntries(ctx.db, state, now, zoneFor(userId));
    setEntry(
      s,
      { guildId, board: "current", userId },
      current?.value ?? 0,
      current?.reachedAt ?? 0,
      current?.lapseAt ?? null,
    );
    setEntry(s, { guildId, board: "longest", userId }, longest?.value ?? 0, longest?.reachedAt ?? 0, null);
    last = userId;
    members += 1;
    if (performance.now() >= deadline) return { last, members, done: false };
  }
  return { last, members, done: states.length < limit };
}

/**
 * Takes a member off every board of a guild, each entry with its counts, inside the caller's transaction: what a
 * privacy deletion needs. The work grows with the member's own entries, never with the server, and everyone else's
 * rank stays what a rebuild from the log would give (lapsed streaks are swept as a read would).
 */
export function removeFromBoards(ctx: Pick<AppContext, "db">, guildId: string, userId: string, now: number): void {
  const s = boardStatementsFor(ctx.db);
  for (const { board } of s.boardsOf.all({ guildId, userId }))
    setEntry(s, { guildId, board: board as Board, userId }, 0, 0, null);
  sweep(s, guildId, now);
}

/**
 * Each write of this module is one immediate transaction, made once per connection. Called inside another
 * transaction (a use case that changes more than the boards), it becomes a savepoint of that one.
 */
const transactionsFor = preparedPerDatabase((db: Db) => {
  const s = boardStatementsFor(db);
  const tx = db.$client;
  return {
    sweep: tx.transaction((guildId: string, now: number) => sweep(s, guildId, now)),
    sweepAndRead: tx.transaction((guildId: string, userId: string, now: number, limit: number) => {
      sweep(s, guildId, now);
      return view(s, guildId, "current", userId, limit);
    }),
    refresh: tx.transaction((userId: string, zoneFor: (guildId: string) => string) => refresh(db, s, userId, zoneFor)),
    rebuild: tx.transaction((guildId: string, now: number, zoneFor: (userId: string) => string) =>
      rebuild(db, s, guildId, now, zoneFor),
    ),
  };
});

/**
 * Takes lapsed streaks off the 'current' board (their lapse instant has passed); returns how many. When nothing
 * has lapsed it is one index probe, outside any transaction.
 */
export function sweepLapsed(db: Db, guildId: string, now: number): number {
  if (!boardStatementsFor(db).lapsed.get({ guildId, now })) return 0;
  return transactionsFor(db).sweep.immediate(guildId, now);
}

/**
 * Recomputes when a member's current streaks lapse after their zone or rest days changed (rule 6 depends on
 * both), in every guild where they have one. `zoneFor` gives the member's zone in a guild.
 */
export function refreshLapse(ctx: Pick<AppContext, "db">, userId: string, zoneFor: (guildId: string) => string): void {
  transactionsFor(ctx.db).refresh.immediate(userId, zoneFor);
}

/**
 * Rebuilds every board of a guild from member_stats and the completion log, as of `now`: the boards are a cache
 * too. `zoneFor` gives a member's current zone (which decides whether their streak is still alive).
 */
export function rebuildBoards(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  now: number,
  zoneFor: (userId: string) => string,
): void {
  transactionsFor(ctx.db).rebuild.immediate(guildId, now, zoneFor);
}

export interface BoardRow {
  rank: number;
  userId: string;
  value: number;
  reachedAt: number;
}

export interface BoardView {
  top: BoardRow[];
  /** The caller's own row, or null when they are not on this board. */
  me: BoardRow | null;
  size: number;
}

/**
 * The top `limit` of a board and the caller's rank, as stored (see readBoardAt for the board as members see it).
 * The rank is 1 + (entries with a larger value, summed from board_value_counts) + (entries with the same value
 * reached in an earlier hour, summed from board_slot_counts) + (entries ahead within the same hour, counted from
 * the index): no scan grows with the board.
 */
export function readBoard(db: Db, guildId: string, board: Board, userId: string, limit = 10): BoardView {
  return view(boardStatementsFor(db), guildId, board, userId, limit);
}

function view(s: BoardStatements, guildId: string, board: Board, userId: string, limit: number): BoardView {
  const top = s.top.all({ guildId, board, limit }).map((row, i) => ({ rank: i + 1, ...row }));
  const mine = s.readEntry.get({ guildId, board, userId });
  const size = Number(s.boardSize.get({ guildId, board })?.n ?? 0);
  if (!mine) return { top, me: null, size };
  const inTop = top.find((r) => r.userId === userId);
  if (inTop) return { top, me: inTop, size };
  const slot = slotOf(mine.reachedAt);
  const base = { guildId, board, value: mine.value };
  const ahead =
    Number(s.valuesAbove.get(base)?.n ?? 0) +
    Number(s.slotsBefore.get({ ...base, slot })?.n ?? 0) +
    Number(s.aheadInSlot.get({ ...base, slotStart: slot * SLOT_MS, reachedAt: mine.reachedAt, userId })?.n ?? 0);
  return { top, me: { rank: ahead + 1, userId, value: mine.value, reachedAt: mine.reachedAt }, size };
}

/**
 * A board as members see it at `now`: streaks lapsed by then are off 'current'. The sweep and the read share one
 * immediate transaction, so the ranks shown are those of the swept board; with nothing lapsed (the usual case)
 * the read takes no write lock.
 */
export function readBoardAt(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  board: Board,
  userId: string,
  now: Date,
  limit = 10,
): BoardView {
  const at = now.getTime();
  if (board !== "current" || !boardStatementsFor(ctx.db).lapsed.get({ guildId, now: at })) {
    return readBoard(ctx.db, guildId, board, userId, limit);
  }
  return transactionsFor(ctx.db).sweepAndRead.immediate(guildId, userId, at, limit);
}
