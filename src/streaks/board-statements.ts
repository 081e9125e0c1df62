import { and, asc, desc, eq, gt, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import { isoWeekOf } from "../db/dialect.js";
import { preparedPerSession } from "../db/prepared.js";
import type { Engine, Session } from "../db/store.js";
import { isoWeek, type LocalDate } from "../time/index.js";

/**
 * The leaderboards' SQL (./boards.ts moves and reads them): each board counts its entries per value and per
 * (value, hour), so a rank is a few sums.
 */

export type Board = "current" | "longest" | `month:${string}` | `week:${string}`;
export const monthBoard = (date: LocalDate): Board => `month:${date.slice(0, 7)}`;
/** The ISO week (Monday to Sunday) a credited date belongs to: `week:2026-W10`. */
export const weekBoard = (date: LocalDate): Board => `week:${isoWeek(date)}`;

/** Ties on a board are split by the hour the value was reached, then counted exactly within that hour. */
export const SLOT_MS = 3_600_000;
export const slotOf = (reachedAt: number) => Math.floor(reachedAt / SLOT_MS);

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare({ db, t }: Session) {
  const { boardEntries, boardSlotCounts, boardValueCounts, memberStats } = t;
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
    readEntry: db
      .select({ value: boardEntries.value, reachedAt: boardEntries.reachedAt, lapseAt: boardEntries.lapseAt })
      .from(boardEntries)
      .where(entryKey)
      .prepare(),
    boardsOf: db
      .select({ board: boardEntries.board })
      .from(boardEntries)
      .where(and(eq(boardEntries.guildId, p("guildId")), eq(boardEntries.userId, p("userId"))))
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
    statsOfMember: db
      .select()
      .from(memberStats)
      .where(eq(memberStats.userId, p("userId")))
      .prepare(),
    statsOfGuild: db
      .select()
      .from(memberStats)
      .where(eq(memberStats.guildId, p("guildId")))
      .prepare(),
    /** The 'current' and 'longest' entries of a guild's members in (after, last]: a slice's in one read. */
    streakEntriesBetween: db
      .select({
        board: boardEntries.board,
        userId: boardEntries.userId,
        value: boardEntries.value,
        reachedAt: boardEntries.reachedAt,
        lapseAt: boardEntries.lapseAt,
      })
      .from(boardEntries)
      .where(
        and(
          eq(boardEntries.guildId, p("guildId")),
          inArray(boardEntries.board, ["current", "longest"]),
          gt(boardEntries.userId, p("after")),
          lte(boardEntries.userId, p("last")),
        ),
      )
      .prepare(),
    statsOfGuildAfter: db
      .select()
      .from(memberStats)
      .where(and(eq(memberStats.guildId, p("guildId")), gt(memberStats.userId, p("after"))))
      .orderBy(asc(memberStats.userId))
      .limit(p("limit"))
      .prepare(),
    clearEntries: db
      .delete(boardEntries)
      .where(eq(boardEntries.guildId, p("guildId")))
      .prepare(),
    clearValues: db
      .delete(boardValueCounts)
      .where(eq(boardValueCounts.guildId, p("guildId")))
      .prepare(),
    clearSlots: db
      .delete(boardSlotCounts)
      .where(eq(boardSlotCounts.guildId, p("guildId")))
      .prepare(),
  };
}

export type BoardStatements = ReturnType<typeof prepare>;
/** The boards' prepared statements, prepared once per session (the write path runs them too). */
export const boardStatements: (s: Session) => BoardStatements = preparedPerSession(prepare);

/**
 * A guild's month and week boards and every board's counts, rebuilt from the completion log and the entries (run
 * rarely: a full rebuild). A month counts every completion, a week the daily ones credited to its dates (the same
 * ISO week as weekBoard, in SQL); an entry's hour is that of the member's last counted completion, by id.
 */
export function rebuildCountedBoards(engine: Engine, guildId: string): SQL[] {
  const week = isoWeekOf(engine, sql`local_date`);
  return [
    sql`INSERT INTO board_entries (guild_id, board, user_id, value, reached_at, lapse_at)
        SELECT c.guild_id, m.board, c.user_id, m.n, c.completed_at, NULL
        FROM (SELECT 'month:' || substr(local_date, 1, 7) AS board, count(*) AS n, max(id) AS last_id
              FROM completions WHERE guild_id = ${guildId} GROUP BY user_id, substr(local_date, 1, 7)) m
        JOIN completions c ON c.id = m.last_id`,
    sql`INSERT INTO board_entries (guild_id, board, user_id, value, reached_at, lapse_at)
        SELECT c.guild_id, m.board, c.user_id, m.n, c.completed_at, NULL
        FROM (SELECT 'week:' || ${week} AS board, count(*) AS n, max(id) AS last_id
              FROM completions WHERE guild_id = ${guildId} AND kind = 'daily' GROUP BY user_id, ${week}) m
        JOIN completions c ON c.id = m.last_id`,
    sql`INSERT INTO board_value_counts (guild_id, board, value, n)
        SELECT guild_id, board, value, count(*) FROM board_entries WHERE guild_id = ${guildId}
        GROUP BY guild_id, board, value`,
    sql`INSERT INTO board_slot_counts (guild_id, board, value, slot, n)
        SELECT guild_id, board, value, reached_at / ${sql.raw(String(SLOT_MS))}, count(*) FROM board_entries
        WHERE guild_id = ${guildId} GROUP BY guild_id, board, value, reached_at / ${sql.raw(String(SLOT_MS))}`,
  ];
}
