import { and, asc, desc, eq, gt, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { boardEntries, boardSlotCounts, boardValueCounts, completions, memberStats } from "../db/schema.js";
import type { LocalDate } from "../time/index.js";
import {
  type CreditOutcome,
  creditDay,
  creditPractice,
  EMPTY_STATE,
  foldLog,
  isAlive,
  type LogEntry,
  lapseInstant,
  type StreakState,
} from "./engine.js";

/**
 * The streak store: the completion log (source of truth), the member_stats cache folded from it, and the
 * leaderboards kept beside it. Every write is one immediate transaction of prepared statements.
 */

export type Board = "current" | "longest" | `month:${string}`;
export const monthBoard = (date: LocalDate): Board => `month:${date.slice(0, 7)}`;

/** Ties on a board are split by the hour the value was reached, then counted exactly within that hour. */
export const SLOT_MS = 3_600_000;
export const slotOf = (reachedAt: number) => Math.floor(reachedAt / SLOT_MS);

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare(db: Db) {
  const entryKey = and(
    eq(boardEntries.guildId, p("guildId")),
    eq(boardEntries.board, p("board")),
    eq(boardEntries.userId, p("userId")),
  );
  const valueKey = and(
    eq(boardValueCounts.guildId, p("guildId")),
    eq(boardValueCounts.board, p("board")),
    eq(boardValueCounts.value, p("value")),
  );
  const slotKey = and(
    eq(boardSlotCounts.guildId, p("guildId")),
    eq(boardSlotCounts.board, p("board")),
    eq(boardSlotCounts.value, p("value")),
    eq(boardSlotCounts.slot, p("slot")),
  );
  return {
    readStats: db
      .select()
      .from(memberStats)
      .where(and(eq(memberStats.guildId, p("guildId")), eq(memberStats.userId, p("userId"))))
      .prepare(),
    insertCompletion: db
      .insert(completions)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        kind: p("kind"),
        localDate: p("localDate"),
        zone: p("zone"),
        challengeId: p("challengeId"),
        note: p("note"),
        completedAt: p("completedAt"),
      })
      .onConflictDoNothing()
      .prepare(),
    writeStats: db
      .insert(memberStats)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        total: p("total"),
        days: p("days"),
        current: p("current"),
        longest: p("longest"),
        longestAt: p("longestAt"),
        freezes: p("freezes"),
        freezesUsed: p("freezesUsed"),
        run: p("run"),
        lastDate: p("lastDate"),
        lastZone: p("lastZone"),
        lastAt: p("lastAt"),
      })
      .onConflictDoUpdate({
        target: [memberStats.guildId, memberStats.userId],
        set: {
          total: sql`excluded.total`,
          days: sql`excluded.days`,
          current: sql`excluded.current`,
          longest: sql`excluded.longest`,
          longestAt: sql`excluded.longest_at`,
          freezes: sql`excluded.freezes`,
          freezesUsed: sql`excluded.freezes_used`,
          run: sql`excluded.run`,
          lastDate: sql`excluded.last_date`,
          lastZone: sql`excluded.last_zone`,
          lastAt: sql`excluded.last_at`,
        },
      })
      .prepare(),
    readEntry: db
      .select({ value: boardEntries.value, reachedAt: boardEntries.reachedAt, lapseAt: boardEntries.lapseAt })
      .from(boardEntries)
      .where(entryKey)
      .prepare(),
    writeEntry: db
      .insert(boardEntries)
      .values({
        guildId: p("guildId"),
        board: p("board"),
        userId: p("userId"),
        value: p("value"),
        reachedAt: p("reachedAt"),
        lapseAt: p("lapseAt"),
      })
      .onConflictDoUpdate({
        target: [boardEntries.guildId, boardEntries.board, boardEntries.userId],
        set: { value: sql`excluded.value`, reachedAt: sql`excluded.reached_at`, lapseAt: sql`excluded.lapse_at` },
      })
      .prepare(),
    deleteEntry: db.delete(boardEntries).where(entryKey).prepare(),
    addValue: db
      .insert(boardValueCounts)
      .values({ guildId: p("guildId"), board: p("board"), value: p("value"), n: 1 })
      .onConflictDoUpdate({
        target: [boardValueCounts.guildId, boardValueCounts.board, boardValueCounts.value],
        set: { n: sql`${boardValueCounts.n} + 1` },
      })
      .prepare(),
    removeValue: db
      .update(boardValueCounts)
      .set({ n: sql`${boardValueCounts.n} - 1` })
      .where(valueKey)
      .returning({ n: boardValueCounts.n })
      .prepare(),
    dropValue: db.delete(boardValueCounts).where(valueKey).prepare(),
    addSlot: db
      .insert(boardSlotCounts)
      .values({ guildId: p("guildId"), board: p("board"), value: p("value"), slot: p("slot"), n: 1 })
      .onConflictDoUpdate({
        target: [boardSlotCounts.guildId, boardSlotCounts.board, boardSlotCounts.value, boardSlotCounts.slot],
        set: { n: sql`${boardSlotCounts.n} + 1` },
      })
      .prepare(),
    removeSlot: db
      .update(boardSlotCounts)
      .set({ n: sql`${boardSlotCounts.n} - 1` })
      .where(slotKey)
      .returning({ n: boardSlotCounts.n })
      .prepare(),
    dropSlot: db.delete(boardSlotCounts).where(slotKey).prepare(),
    lapsed: db
      .select({ board: boardEntries.board, userId: boardEntries.userId })
      .from(boardEntries)
      .where(and(eq(boardEntries.guildId, p("guildId")), lte(boardEntries.lapseAt, p("now"))))
      .prepare(),
    top: db
      .select({ userId: boardEntries.userId, value: boardEntries.value, reachedAt: boardEntries.reachedAt })
      .from(boardEntries)
      .where(and(eq(boardEntries.guildId, p("guildId")), eq(boardEntries.board, p("board"))))
      .orderBy(desc(boardEntries.value), asc(boardEntries.reachedAt), asc(boardEntries.userId))
      .limit(p("limit"))
      .prepare(),
    valuesAbove: db
      .select({ n: sql<number>`coalesce(sum(${boardValueCounts.n}), 0)` })
      .from(boardValueCounts)
      .where(
        and(
          eq(boardValueCounts.guildId, p("guildId")),
          eq(boardValueCounts.board, p("board")),
          gt(boardValueCounts.value, p("value")),
        ),
      )
      .prepare(),
    slotsBefore: db
      .select({ n: sql<number>`coalesce(sum(${boardSlotCounts.n}), 0)` })
      .from(boardSlotCounts)
      .where(
        and(
          eq(boardSlotCounts.guildId, p("guildId")),
          eq(boardSlotCounts.board, p("board")),
          eq(boardSlotCounts.value, p("value")),
          lt(boardSlotCounts.slot, p("slot")),
        ),
      )
      .prepare(),
    aheadInSlot: db
      .select({ n: sql<number>`count(*)` })
      .from(boardEntries)
      .where(
        and(
          eq(boardEntries.guildId, p("guildId")),
          eq(boardEntries.board, p("board")),
          eq(boardEntries.value, p("value")),
          sql`${boardEntries.reachedAt} >= ${p("slotStart")}`,
          sql`${boardEntries.reachedAt} <= ${p("reachedAt")}`,
          sql`(${boardEntries.reachedAt} < ${p("reachedAt")} OR ${boardEntries.userId} < ${p("userId")})`,
        ),
      )
      .prepare(),
    boardSize: db
      .select({ n: sql<number>`coalesce(sum(${boardValueCounts.n}), 0)` })
      .from(boardValueCounts)
      .where(and(eq(boardValueCounts.guildId, p("guildId")), eq(boardValueCounts.board, p("board"))))
      .prepare(),
    guildsOf: db
      .select({ guildId: memberStats.guildId })
      .from(memberStats)
      .where(eq(memberStats.userId, p("userId")))
      .prepare(),
    log: db
      .select({
        kind: completions.kind,
        localDate: completions.localDate,
        zone: completions.zone,
        completedAt: completions.completedAt,
      })
      .from(completions)
      .where(and(eq(completions.guildId, p("guildId")), eq(completions.userId, p("userId"))))
      .orderBy(asc(completions.id))
      .prepare(),
  };
}

export type Statements = ReturnType<typeof prepare>;
/** The prepared statements of this store for `db`, prepared once per connection. */
export const statementsFor: (db: Db) => Statements = preparedPerDatabase(prepare);

type StatsRow = typeof memberStats.$inferSelect;

function toState(row: StatsRow | undefined): StreakState {
  if (!row) return EMPTY_STATE;
  const { guildId: _g, userId: _u, ...state } = row;
  return state;
}

export function readState(db: Db, guildId: string, userId: string): StreakState {
  return toState(statementsFor(db).readStats.get({ guildId, userId }));
}

function writeState(s: Statements, guildId: string, userId: string, state: StreakState): void {
  s.writeStats.run({ guildId, userId, ...state });
}

/** Moves a member's entry on a board to `value` reached at `reachedAt` (value 0 takes them off the board). */
function setEntry(
  s: Statements,
  key: { guildId: string; board: Board; userId: string },
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

function uncount(s: Statements, key: { guildId: string; board: Board }, value: number, reachedAt: number): void {
  const v = { guildId: key.guildId, board: key.board, value };
  if ((s.removeValue.get(v)?.n ?? 0) <= 0) s.dropValue.run(v);
  const slot = { ...v, slot: slotOf(reachedAt) };
  if ((s.removeSlot.get(slot)?.n ?? 0) <= 0) s.dropSlot.run(slot);
}

export interface DailyInput {
  guildId: string;
  userId: string;
  date: LocalDate;
  zone: string;
  at: number;
  challengeId: string;
  note: string | null;
}

export type DailyResult =
  | {
      status: "recorded";
      state: StreakState;
      previous: StreakState;
      outcome: Exclude<CreditOutcome, { kind: "already" }>;
    }
  | { status: "already"; state: StreakState; creditedDate: LocalDate };

/**
 * Records a daily completion and folds it into the member's figures and boards, in one immediate transaction.
 * A date already credited (or earlier than the last one credited) records nothing; the unique index on
 * (guild, user, local date) for daily rows backs that up even against a stale read.
 */
export function recordDaily(db: Db, input: DailyInput): DailyResult {
  return writersFor(db).daily.immediate(input);
}

function dailyBody(s: Statements, input: DailyInput): DailyResult {
  const { guildId, userId } = input;
  const previous = toState(s.readStats.get({ guildId, userId }));
  const { state, outcome } = creditDay(previous, { date: input.date, zone: input.zone, at: input.at });
  if (outcome.kind === "already") return { status: "already", state: previous, creditedDate: outcome.date };
  const inserted = s.insertCompletion.run({
    guildId,
    userId,
    kind: "daily",
    localDate: input.date,
    zone: input.zone,
    challengeId: input.challengeId,
    note: input.note,
    completedAt: input.at,
  });
  if (inserted.changes === 0) return { status: "already", state: previous, creditedDate: input.date };
  writeState(s, guildId, userId, state);
  setEntry(s, { guildId, board: "current", userId }, state.current, input.at, lapseInstant(state, input.zone));
  if (state.longest !== previous.longest) {
    setEntry(s, { guildId, board: "longest", userId }, state.longest, state.longestAt ?? input.at, null);
  }
  bumpMonth(s, guildId, userId, input.date, input.at);
  return { status: "recorded", state, previous, outcome };
}

function bumpMonth(s: Statements, guildId: string, userId: string, date: LocalDate, at: number): void {
  const key = { guildId, board: monthBoard(date), userId };
  const old = s.readEntry.get(key);
  setEntry(s, key, (old?.value ?? 0) + 1, at, null, old);
}

export type PracticeResult = { status: "recorded"; state: StreakState } | { status: "already" };

/** Records a practice completion (totals and the month board, never the streak); once per challenge. */
export function recordPractice(db: Db, input: PracticeInput): PracticeResult {
  return writersFor(db).practice.immediate(input);
}

type PracticeInput = Omit<DailyInput, "note"> & { note?: string | null };

function practiceBody(s: Statements, input: PracticeInput): PracticeResult {
  const { guildId, userId } = input;
  const inserted = s.insertCompletion.run({
    guildId,
    userId,
    kind: "practice",
    localDate: input.date,
    zone: input.zone,
    challengeId: input.challengeId,
    note: input.note ?? null,
    completedAt: input.at,
  });
  if (inserted.changes === 0) return { status: "already" };
  const state = creditPractice(toState(s.readStats.get({ guildId, userId })));
  writeState(s, guildId, userId, state);
  bumpMonth(s, guildId, userId, input.date, input.at);
  return { status: "recorded", state };
}

/**
 * The write transactions, made once per connection: drizzle's db.transaction() builds a new better-sqlite3
 * transaction function on every call, which costs more than the statements inside. Same BEGIN IMMEDIATE.
 */
const writers = new WeakMap<Db, ReturnType<typeof makeWriters>>();
function makeWriters(db: Db) {
  const s = statementsFor(db);
  return {
    daily: db.$client.transaction((input: DailyInput) => dailyBody(s, input)),
    practice: db.$client.transaction((input: PracticeInput) => practiceBody(s, input)),
  };
}
function writersFor(db: Db) {
  let w = writers.get(db);
  if (!w) {
    w = makeWriters(db);
    writers.set(db, w);
  }
  return w;
}

/** The figures folded afresh from the member's log: what member_stats must hold. */
export function rebuildState(db: Db, guildId: string, userId: string): StreakState {
  return foldLog(statementsFor(db).log.all({ guildId, userId }) as LogEntry[]);
}

/**
 * Takes lapsed streaks off the 'current' board (their lapse instant has passed). Runs before the board is read;
 * when nothing has lapsed it is one index probe.
 */
export function sweepLapsed(db: Db, guildId: string, now: number): number {
  const s = statementsFor(db);
  const due = s.lapsed.all({ guildId, now });
  if (due.length === 0) return 0;
  db.transaction(
    () => {
      for (const row of s.lapsed.all({ guildId, now })) {
        setEntry(s, { guildId, board: row.board as Board, userId: row.userId }, 0, 0, null);
      }
    },
    { behavior: "immediate" },
  );
  return due.length;
}

/**
 * Recomputes when a member's current streaks lapse after their zone changed (rule 6 depends on the zone), in
 * every guild where they have one. `zoneFor` gives the member's zone in a guild.
 */
export function refreshLapse(db: Db, userId: string, zoneFor: (guildId: string) => string): void {
  const s = statementsFor(db);
  db.transaction(
    () => {
      for (const { guildId } of s.guildsOf.all({ userId })) {
        const key = { guildId, board: "current" as Board, userId };
        const entry = s.readEntry.get(key);
        if (!entry) continue;
        const lapseAt = lapseInstant(toState(s.readStats.get({ guildId, userId })), zoneFor(guildId));
        s.writeEntry.run({ ...key, value: entry.value, reachedAt: entry.reachedAt, lapseAt });
      }
    },
    { behavior: "immediate" },
  );
}

/**
 * Rebuilds every board of a guild from member_stats and the completion log, as of `now`: the boards are a cache
 * too. `zoneFor` gives a member's current zone (which decides whether their streak is still alive).
 */
export function rebuildBoards(db: Db, guildId: string, now: number, zoneFor: (userId: string) => string): void {
  const sqlite = db.$client;
  db.transaction(
    () => {
      for (const table of ["board_entries", "board_value_counts", "board_slot_counts"]) {
        sqlite.prepare(`DELETE FROM ${table} WHERE guild_id = ?`).run(guildId);
      }
      const insert = sqlite.prepare(
        "INSERT INTO board_entries (guild_id, board, user_id, value, reached_at, lapse_at) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const row of db.select().from(memberStats).where(eq(memberStats.guildId, guildId)).all()) {
        const state = toState(row);
        const zone = zoneFor(row.userId);
        if (state.lastAt !== null && isAlive(state, now, zone)) {
          insert.run(guildId, "current", row.userId, state.current, state.lastAt, lapseInstant(state, zone));
        }
        if (state.longest > 0 && state.longestAt !== null) {
          insert.run(guildId, "longest", row.userId, state.longest, state.longestAt, null);
        }
      }
      sqlite
        .prepare(
          `INSERT INTO board_entries (guild_id, board, user_id, value, reached_at, lapse_at)
           SELECT guild_id, board, user_id, n, reached_at, NULL FROM (
             SELECT guild_id, 'month:' || substr(local_date, 1, 7) AS board, user_id, count(*) AS n,
                    max(id), completed_at AS reached_at -- SQLite takes completed_at from the max(id) row
             FROM completions WHERE guild_id = ? GROUP BY user_id, substr(local_date, 1, 7))`,
        )
        .run(guildId);
      sqlite
        .prepare(
          `INSERT INTO board_value_counts (guild_id, board, value, n)
           SELECT guild_id, board, value, count(*) FROM board_entries WHERE guild_id = ? GROUP BY board, value`,
        )
        .run(guildId);
      sqlite
        .prepare(
          `INSERT INTO board_slot_counts (guild_id, board, value, slot, n)
           SELECT guild_id, board, value, reached_at / ${SLOT_MS}, count(*) FROM board_entries WHERE guild_id = ?
           GROUP BY board, value, reached_at / ${SLOT_MS}`,
        )
        .run(guildId);
    },
    { behavior: "immediate" },
  );
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
 * The top `limit` of a board and the caller's rank. The rank is 1 + (entries with a larger value, summed from
 * board_value_counts) + (entries with the same value reached in an earlier hour, summed from board_slot_counts)
 * + (entries ahead within the same hour, counted from the index): no scan grows with the board.
 */
export function readBoard(db: Db, guildId: string, board: Board, userId: string, limit = 10): BoardView {
  const s = statementsFor(db);
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
