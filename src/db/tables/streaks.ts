import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The completion log: the source of truth for streaks, totals and boards. Rows are only ever inserted.
 * `local_date` is the member's calendar date when the row was recorded, in `zone`; it is never rewritten.
 */
export const completions = sqliteTable(
  "completions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    /** 'daily' (today's challenge, counts for the streak) or 'practice' (a random challenge, totals only). */
    kind: text("kind", { enum: ["daily", "practice"] }).notNull(),
    localDate: text("local_date").notNull(),
    zone: text("zone").notNull(),
    challengeId: text("challenge_id").notNull(),
    note: text("note"),
    /** The member submitted the challenge's checked answer and it was right (not only marked done). */
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    completedAt: integer("completed_at").notNull(),
  },
  (t) => [
    // A member's log by date; it also carries what the export's per-member totals read (src/stats/export.ts), so
    // those are one walk of this index in member order, with no table reads.
    index("completions_member_date").on(t.guildId, t.userId, t.localDate, t.kind, t.verified, t.completedAt),
    // Server stats (src/stats/): a server's completions within a span of instants, and on one date; each carries
    // the columns its counts read, so SQLite answers them from the index alone.
    index("completions_guild_time").on(t.guildId, t.completedAt, t.userId, t.kind),
    index("completions_guild_date").on(t.guildId, t.localDate, t.userId),
    uniqueIndex("completions_one_daily_per_date").on(t.guildId, t.userId, t.localDate).where(sql`${t.kind} = 'daily'`),
    uniqueIndex("completions_one_practice_per_challenge")
      .on(t.guildId, t.userId, t.challengeId)
      .where(sql`${t.kind} = 'practice'`),
  ],
);

/** Per-member streak figures, a cache folded from the completion log (see src/streaks/engine.ts). */
export const memberStats = sqliteTable(
  "member_stats",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    /** Every completion, daily and practice. */
    total: integer("total").notNull(),
    /** Days credited with the daily challenge. */
    days: integer("days").notNull(),
    current: integer("current").notNull(),
    longest: integer("longest").notNull(),
    /** When `longest` first reached its value (ms); the leaderboard's tiebreak. */
    longestAt: integer("longest_at"),
    freezes: integer("freezes").notNull(),
    freezesUsed: integer("freezes_used").notNull(),
    /** Consecutive credited days since the last gap (bridged or not); every 7th earns a freeze. */
    run: integer("run").notNull(),
    lastDate: text("last_date"),
    lastZone: text("last_zone"),
    lastAt: integer("last_at"),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index("member_stats_user").on(t.userId)],
);

/**
 * Leaderboard entries: one row per (guild, board, member) with a positive value. Boards are 'current', 'longest'
 * and 'month:YYYY-MM'. Order: value descending, then reached_at ascending (got there first), then user_id.
 */
export const boardEntries = sqliteTable(
  "board_entries",
  {
    guildId: text("guild_id").notNull(),
    board: text("board").notNull(),
    userId: text("user_id").notNull(),
    value: integer("value").notNull(),
    reachedAt: integer("reached_at").notNull(),
    /** For the 'current' board: the instant the streak lapses unless the member completes again. */
    lapseAt: integer("lapse_at"),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.board, t.userId] }),
    index("board_entries_rank").on(t.guildId, t.board, sql`${t.value} DESC`, t.reachedAt, t.userId),
    index("board_entries_lapse").on(t.guildId, t.lapseAt).where(sql`${t.lapseAt} IS NOT NULL`),
  ],
);

/** How many entries of a board hold each value: ranks are sums over this instead of counts over entries. */
export const boardValueCounts = sqliteTable(
  "board_value_counts",
  {
    guildId: text("guild_id").notNull(),
    board: text("board").notNull(),
    value: integer("value").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.board, t.value] })],
);

/** The same, split by the hour the value was reached, so ties are counted per hour rather than one by one. */
export const boardSlotCounts = sqliteTable(
  "board_slot_counts",
  {
    guildId: text("guild_id").notNull(),
    board: text("board").notNull(),
    value: integer("value").notNull(),
    slot: integer("slot").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.board, t.value, t.slot] })],
);

/**
 * A server's streak boards being moved to its new time zone a slice of members at a time (src/zone-change/boards.ts):
 * claimed by the zone change, advanced by each slice, deleted by the last. A row left by a stopped process is
 * finished by the next start or minute tick.
 */
export const boardRebuilds = sqliteTable("board_rebuilds", {
  guildId: text("guild_id").primaryKey(),
  /** The last member (user id, in order) whose entries are rebuilt; '' before the first slice. */
  after: text("after").notNull(),
});
