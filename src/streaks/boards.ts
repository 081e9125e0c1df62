import { sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { jsonRows } from "../db/dialect.js";
import type { memberStats } from "../db/schema.js";
import { all, exec, type Gen, get, run, type Session } from "../db/store.js";
import type { LocalDate } from "../time/index.js";
import {
  type Board,
  type BoardStatements,
  boardStatements,
  monthBoard,
  rebuildCountedBoards,
  SLOT_MS,
  slotOf,
  weekBoard,
} from "./board-statements.js";
import { isAlive, lapseInstant, type RestDays, type StreakState } from "./engine.js";
import { restDaysAfter, restStatements } from "./rest.js";

/**
 * The leaderboards: a cache of member_stats and the completion log, kept beside them by the write path and
 * rebuildable from them (their statements: ./board-statements.ts).
 */

export { type Board, monthBoard, slotOf, weekBoard } from "./board-statements.js";

/** The board of `kind` that is current on `date` (the server's date): this month's or this ISO week's. */
export function boardOn(kind: "current" | "longest" | "month" | "week", date: LocalDate): Board {
  if (kind === "month") return monthBoard(date);
  if (kind === "week") return weekBoard(date);
  return kind;
}

/** A member's zone in a guild (or a guild member's zone), read inside the body that needs it: settings' zoneIn. */
export type ZoneOf = (s: Session, id: string) => Gen<string>;

type EntryKey = { guildId: string; board: Board; userId: string };
type Entry = { value: number; reachedAt: number; lapseAt: number | null };

/** Moves a member's entry on a board to `value` reached at `reachedAt` (value 0 takes them off the board). */
function* setEntry(
  q: BoardStatements,
  key: EntryKey,
  value: number,
  reachedAt: number,
  lapseAt: number | null,
  known?: Entry | undefined,
): Gen<void> {
  const old = known ?? (yield* get(q.readEntry, key));
  if (old) {
    if (old.value === value && old.reachedAt === reachedAt) {
      if (old.lapseAt !== lapseAt) yield* run(q.writeEntry, { ...key, value, reachedAt, lapseAt });
      return;
    }
    yield* uncount(q, key, old.value, old.reachedAt);
  }
  if (value <= 0) {
    if (old) yield* run(q.deleteEntry, key);
    return;
  }
  yield* run(q.writeEntry, { ...key, value, reachedAt, lapseAt });
  yield* run(q.addValue, { guildId: key.guildId, board: key.board, value });
  yield* run(q.addSlot, { guildId: key.guildId, board: key.board, value, slot: slotOf(reachedAt) });
}

function* uncount(q: BoardStatements, key: Omit<EntryKey, "userId">, value: number, reachedAt: number): Gen<void> {
  const v = { guildId: key.guildId, board: key.board, value };
  if (((yield* get(q.removeValue, v))?.n ?? 0) <= 0) yield* run(q.dropValue, v);
  const slot = { ...v, slot: slotOf(reachedAt) };
  if (((yield* get(q.removeSlot, slot))?.n ?? 0) <= 0) yield* run(q.dropSlot, slot);
}

/** One more completion on a counting board (a month's or a week's), reached at `at`. */
function* bumpCount(q: BoardStatements, guildId: string, userId: string, board: Board, at: number): Gen<void> {
  const key = { guildId, board, userId };
  const old = yield* get(q.readEntry, key);
  yield* setEntry(q, key, (old?.value ?? 0) + 1, at, null, old);
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
 * 'longest' when it grew, and the counts of the month and the ISO week of the credited date.
 */
export function* creditDailyOnBoards(
  s: Session,
  credit: Credit,
  previous: StreakState,
  state: StreakState,
  rest: RestDays,
): Gen<void> {
  const q = boardStatements(s);
  const { guildId, userId, at } = credit;
  yield* setEntry(q, { guildId, board: "current", userId }, state.current, at, lapseInstant(state, credit.zone, rest));
  if (state.longest !== previous.longest) {
    yield* setEntry(q, { guildId, board: "longest", userId }, state.longest, state.longestAt ?? at, null);
  }
  yield* bumpCount(q, guildId, userId, monthBoard(credit.date), at);
  yield* bumpCount(q, guildId, userId, weekBoard(credit.date), at);
}

/** A practice completion counts on the month's board only (a week counts dailies), in the caller's transaction. */
export function* creditPracticeOnBoards(s: Session, credit: Omit<Credit, "zone">): Gen<void> {
  yield* bumpCount(boardStatements(s), credit.guildId, credit.userId, monthBoard(credit.date), credit.at);
}

/** Takes lapsed streaks off the 'current' board (their lapse instant has passed); returns how many. */
export function* sweepIn(s: Session, guildId: string, now: number): Gen<number> {
  const q = boardStatements(s);
  const due = yield* all(q.lapsed, { guildId, now });
  for (const row of due) yield* setEntry(q, { guildId, board: row.board as Board, userId: row.userId }, 0, 0, null);
  return due.length;
}

/**
 * Recomputes when a member's current streaks lapse after their zone or rest days changed (rule 6 depends on
 * both), in every guild where they have one, inside the caller's transaction. `zoneFor` gives the member's zone in
 * a guild.
 */
export function* refreshLapseIn(s: Session, userId: string, zoneFor: ZoneOf): Gen<void> {
  const q = boardStatements(s);
  for (const state of yield* all(q.statsOfMember, { userId })) {
    const key = { guildId: state.guildId, board: "current" as Board, userId };
    const entry = yield* get(q.readEntry, key);
    if (!entry) continue;
    const rest = yield* restDaysAfter(s, state.guildId, userId, state.lastDate);
    const lapseAt = lapseInstant(state, yield* zoneFor(s, state.guildId), rest);
    yield* run(q.writeEntry, { ...key, value: entry.value, reachedAt: entry.reachedAt, lapseAt });
  }
}

type MemberStats = typeof memberStats.$inferSelect;

/** What a member's figures put on the streak boards at `now` in `zone`, given their rest days after their last day. */
function streakEntriesOf(
  state: MemberStats,
  now: number,
  zone: string,
  rest: RestDays,
): { current: Entry | null; longest: Entry | null } {
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

/** streakEntriesOf with the member's rest days read: the one rule of every rebuild. */
function* streakEntries(
  s: Session,
  state: MemberStats,
  now: number,
  zone: string,
): Gen<{ current: Entry | null; longest: Entry | null }> {
  return streakEntriesOf(state, now, zone, yield* restDaysAfter(s, state.guildId, state.userId, state.lastDate));
}

/**
 * Rebuilds every board of a guild from member_stats and the completion log, as of `now`, inside the caller's
 * transaction. `zoneFor` gives a member's current zone (which decides whether their streak is still alive).
 */
export function* rebuildBoardsIn(s: Session, guildId: string, now: number, zoneFor: ZoneOf): Gen<void> {
  const q = boardStatements(s);
  yield* run(q.clearEntries, { guildId });
  yield* run(q.clearValues, { guildId });
  yield* run(q.clearSlots, { guildId });
  for (const state of yield* all(q.statsOfGuild, { guildId })) {
    const { userId } = state;
    const { current, longest } = yield* streakEntries(s, state, now, yield* zoneFor(s, userId));
    if (current) yield* run(q.writeEntry, { guildId, board: "current", userId, ...current });
    if (longest) yield* run(q.writeEntry, { guildId, board: "longest", userId, ...longest });
  }
  for (const statement of rebuildCountedBoards(s.engine, guildId)) yield* exec(statement);
}

export interface StreakSlice {
  /** The last member rebuilt (user ids in order), where the next slice starts. */
  last: string;
  /** Members rebuilt by this slice. */
  members: number;
  /** No member is left after `last`. */
  done: boolean;
}

/** Many members' zones in one guild at once (one for each id), read inside the body that needs them: settings' zonesIn. */
export type ZonesOf = (s: Session, userIds: readonly string[]) => Gen<Map<string, string>>;

/**
 * Rebuilds the streak boards ('current' and 'longest') of a guild's members after `after`, in user id order, as
 * rebuildBoards does, inside the caller's transaction. Set-based, so its statements do not grow with the slice (on
 * PostgreSQL each is a round trip): the members' figures, zones, rest days and entries are read in a few
 * statements, and the entries that change are written, and their counts moved, in a few more. Every entry moves
 * with its counts, so every rank stays exact between slices. Stops after `limit` members or at `deadline` (a
 * performance.now() instant). The month and week boards count completions by their credited date, which no zone
 * change moves, so they are left as they are: the server's zone only picks which week (or month) is current.
 */
export function* rebuildStreakSliceIn(
  s: Session,
  guildId: string,
  after: string,
  now: number,
  zonesFor: ZonesOf,
  { limit, deadline }: { limit: number; deadline: number },
): Gen<StreakSlice> {
  const q = boardStatements(s);
  const states = yield* all(q.statsOfGuildAfter, { guildId, after, limit });
  const lastRead = states.at(-1)?.userId;
  if (lastRead === undefined) return { last: after, members: 0, done: true };
  const zones = yield* zonesFor(
    s,
    states.map((state) => state.userId),
  );
  const restOf = new Map<string, string[]>();
  for (const { userId, date } of yield* all(restStatements(s).ofMembersBetween, {
    guildId,
    afterUser: after,
    lastUser: lastRead,
  }))
    restOf.set(userId, [...(restOf.get(userId) ?? []), date]);
  const stored = new Map<string, Entry>();
  for (const row of yield* all(q.streakEntriesBetween, { guildId, after, last: lastRead }))
    stored.set(`${row.board} ${row.userId}`, row);

  const moves = new BoardMoves(guildId);
  let last = after;
  let members = 0;
  for (const state of states) {
    const { userId } = state;
    const rest = (restOf.get(userId) ?? []).filter((date) => state.lastDate === null || date > state.lastDate);
    const zone = zones.get(userId);
    if (zone === undefined) throw new Error("zonesFor gave no zone for a member it was asked about");
    const { current, longest } = streakEntriesOf(state, now, zone, rest);
    moves.set("current", userId, current, stored.get(`current ${userId}`));
    moves.set("longest", userId, longest, stored.get(`longest ${userId}`));
    last = userId;
    members += 1;
    if (performance.now() >= deadline) break;
  }
  yield* moves.apply(s);
  return { last, members, done: last === lastRead && states.length < limit };
}

/** The entries a slice moves and the counts that move with them, written together by `apply`. */
class BoardMoves {
  private readonly writes: (EntryKey & Entry)[] = [];
  private readonly deletes = new Map<Board, string[]>();
  private readonly values = new Map<string, { board: Board; value: number; n: number }>();
  private readonly slots = new Map<string, { board: Board; value: number; slot: number; n: number }>();

  constructor(private readonly guildId: string) {}

  /** Moves a member's entry on a board from `old` to `entry` (null takes them off the board). */
  set(board: Board, userId: string, entry: Entry | null, old: Entry | undefined): void {
    if (old && entry && old.value === entry.value && old.reachedAt === entry.reachedAt) {
      if (old.lapseAt !== entry.lapseAt) this.writes.push({ guildId: this.guildId, board, userId, ...entry });
      return;
    }
    if (old) this.count(board, old, -1);
    if (!entry) {
      if (old) this.deletes.set(board, [...(this.deletes.get(board) ?? []), userId]);
      return;
    }
    this.writes.push({ guildId: this.guildId, board, userId, ...entry });
    this.count(board, entry, 1);
  }

  private count(board: Board, { value, reachedAt }: Entry, by: number): void {
    const v = this.values.get(`${board} ${value}`) ?? { board, value, n: 0 };
    v.n += by;
    this.values.set(`${board} ${value}`, v);
    const slot = slotOf(reachedAt);
    const sl = this.slots.get(`${board} ${value} ${slot}`) ?? { board, value, slot, n: 0 };
    sl.n += by;
    this.slots.set(`${board} ${value} ${slot}`, sl);
  }

  *apply(s: Session): Gen<void> {
    const { guildId } = this;
    const rows = (list: readonly object[], columns: Record<string, "text" | "bigint">) =>
      jsonRows(s.engine, list, columns);
    const deletes = [...this.deletes].flatMap(([board, userIds]) => userIds.map((user_id) => ({ board, user_id })));
    if (deletes.length > 0)
      yield* exec(sql`DELETE FROM board_entries WHERE guild_id = ${guildId} AND (board, user_id) IN
        (SELECT board, user_id FROM ${rows(deletes, { board: "text", user_id: "text" })} d)`);
    if (this.writes.length > 0) {
      const writes = this.writes.map((w) => ({
        board: w.board,
        user_id: w.userId,
        value: w.value,
        reached_at: w.reachedAt,
        lapse_at: w.lapseAt,
      }));
      const columns = {
        board: "text",
        user_id: "text",
        value: "bigint",
        reached_at: "bigint",
        lapse_at: "bigint",
      } as const;
      yield* exec(sql`INSERT INTO board_entries (guild_id, board, user_id, value, reached_at, lapse_at)
        SELECT ${guildId}, board, user_id, value, reached_at, lapse_at FROM ${rows(writes, columns)} w
        WHERE true ON CONFLICT (guild_id, board, user_id) DO UPDATE
        SET value = excluded.value, reached_at = excluded.reached_at, lapse_at = excluded.lapse_at`);
    }
    const values = [...this.values.values()].filter((v) => v.n !== 0);
    if (values.length > 0) {
      const moved = rows(values, { board: "text", value: "bigint", n: "bigint" });
      yield* exec(sql`INSERT INTO board_value_counts (guild_id, board, value, n)
        SELECT ${guildId}, board, value, n FROM ${moved} v
        WHERE true ON CONFLICT (guild_id, board, value) DO UPDATE SET n = board_value_counts.n + excluded.n`);
      const emptied = values.filter((v) => v.n < 0);
      if (emptied.length > 0)
        yield* exec(sql`DELETE FROM board_value_counts WHERE guild_id = ${guildId} AND n <= 0 AND (board, value) IN
          (SELECT board, value FROM ${rows(emptied, { board: "text", value: "bigint" })} e)`);
    }
    const slots = [...this.slots.values()].filter((v) => v.n !== 0);
    if (slots.length > 0) {
      const moved = rows(slots, { board: "text", value: "bigint", slot: "bigint", n: "bigint" });
      yield* exec(sql`INSERT INTO board_slot_counts (guild_id, board, value, slot, n)
        SELECT ${guildId}, board, value, slot, n FROM ${moved} v
        WHERE true ON CONFLICT (guild_id, board, value, slot) DO UPDATE SET n = board_slot_counts.n + excluded.n`);
      const emptied = slots.filter((v) => v.n < 0);
      if (emptied.length > 0)
        yield* exec(sql`DELETE FROM board_slot_counts WHERE guild_id = ${guildId} AND n <= 0
          AND (board, value, slot) IN
          (SELECT board, value, slot FROM ${rows(emptied, { board: "text", value: "bigint", slot: "bigint" })} e)`);
    }
  }
}

/**
 * Takes a member off every board of a guild, each entry with its counts, inside the caller's transaction: what a
 * privacy deletion needs. The work grows with the member's own entries, never with the server, and everyone else's
 * rank stays what a rebuild from the log would give (lapsed streaks are swept as a read would).
 */
export function* removeFromBoardsIn(s: Session, guildId: string, userId: string, now: number): Gen<void> {
  const q = boardStatements(s);
  for (const { board } of yield* all(q.boardsOf, { guildId, userId }))
    yield* setEntry(q, { guildId, board: board as Board, userId }, 0, 0, null);
  yield* sweepIn(s, guildId, now);
}

function* anyLapsed(s: Session, guildId: string, now: number): Gen<boolean> {
  return (yield* get(boardStatements(s).lapsed, { guildId, now })) !== undefined;
}

/**
 * Takes lapsed streaks off the 'current' board (their lapse instant has passed); returns how many. When nothing
 * has lapsed it is one index probe, outside any transaction.
 */
export async function sweepLapsed(ctx: Pick<AppContext, "store">, guildId: string, now: number): Promise<number> {
  if (!(await ctx.store.read(anyLapsed, guildId, now))) return 0;
  return ctx.store.write(sweepIn, guildId, now);
}

/** refreshLapseIn as a use case of its own (one transaction). */
export function refreshLapse(ctx: Pick<AppContext, "store">, userId: string, zoneFor: ZoneOf): Promise<void> {
  return ctx.store.write(refreshLapseIn, userId, zoneFor);
}

/**
 * Rebuilds every board of a guild from member_stats and the completion log, as of `now`, in one transaction: the
 * boards are a cache too. `zoneFor` gives a member's current zone (which decides whether their streak is still alive).
 */
export function rebuildBoards(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  now: number,
  zoneFor: ZoneOf,
): Promise<void> {
  return ctx.store.write(rebuildBoardsIn, guildId, now, zoneFor);
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
export function* boardIn(s: Session, guildId: string, board: Board, userId: string, limit = 10): Gen<BoardView> {
  const q = boardStatements(s);
  const top = (yield* all(q.top, { guildId, board, limit })).map((row, i) => ({ rank: i + 1, ...row }));
  const mine = yield* get(q.readEntry, { guildId, board, userId });
  const size = Number((yield* get(q.boardSize, { guildId, board }))?.n ?? 0);
  if (!mine) return { top, me: null, size };
  const inTop = top.find((r) => r.userId === userId);
  if (inTop) return { top, me: inTop, size };
  const slot = slotOf(mine.reachedAt);
  const base = { guildId, board, value: mine.value };
  const ahead =
    Number((yield* get(q.valuesAbove, base))?.n ?? 0) +
    Number((yield* get(q.slotsBefore, { ...base, slot }))?.n ?? 0) +
    Number(
      (yield* get(q.aheadInSlot, { ...base, slotStart: slot * SLOT_MS, reachedAt: mine.reachedAt, userId }))?.n ?? 0,
    );
  return { top, me: { rank: ahead + 1, userId, value: mine.value, reachedAt: mine.reachedAt }, size };
}

export function readBoard(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  board: Board,
  userId: string,
  limit = 10,
): Promise<BoardView> {
  return ctx.store.read(boardIn, guildId, board, userId, limit);
}

/** The board as stored, or null when the 'current' board holds a lapsed streak to sweep first. */
function* unsweptBoardIn(
  s: Session,
  guildId: string,
  board: Board,
  userId: string,
  now: number,
  limit: number,
): Gen<BoardView | null> {
  if (board === "current" && (yield* get(boardStatements(s).lapsed, { guildId, now }))) return null;
  return yield* boardIn(s, guildId, board, userId, limit);
}

function* sweepAndRead(s: Session, guildId: string, userId: string, now: number, limit: number): Gen<BoardView> {
  yield* sweepIn(s, guildId, now);
  return yield* boardIn(s, guildId, "current", userId, limit);
}

/**
 * A board as members see it at `now`: streaks lapsed by then are off 'current'. The sweep and the read share one
 * transaction, so the ranks shown are those of the swept board; with nothing lapsed (the usual case) the read
 * takes no write lock.
 */
export async function readBoardAt(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  board: Board,
  userId: string,
  now: Date,
  limit = 10,
): Promise<BoardView> {
  const at = now.getTime();
  return (
    (await ctx.store.read(unsweptBoardIn, guildId, board, userId, at, limit)) ??
    ctx.store.write(sweepAndRead, guildId, userId, at, limit)
  );
}
