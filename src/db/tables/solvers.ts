import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The solvers' room of a server (src/solvers): the channel its private threads open in. Discord refusing a thread
 * or an addition (403/404) pauses it with a reason, shown by /config show, until a manager sets it again.
 */
export const solverRooms = sqliteTable("solver_rooms", {
  guildId: text("guild_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  configuredAt: integer("configured_at", { mode: "timestamp_ms" }).notNull(),
  pausedAt: integer("paused_at", { mode: "timestamp_ms" }),
  pauseReason: text("pause_reason"),
});

const THREAD_STATUSES = ["pending", "creating", "created", "open", "failed"] as const;

/**
 * One private thread per server, date and track, claimed in the completion that first solved it, before Discord is
 * asked: `pending`, then `creating` (the request may be out: a retake looks for the thread by its name first),
 * `created` (its id known, the opening message not yet posted), `open`.
 */
export const solverThreads = sqliteTable(
  "solver_threads",
  {
    guildId: text("guild_id").notNull(),
    date: text("date").notNull(),
    track: text("track").notNull(),
    challengeId: text("challenge_id").notNull(),
    /** Where it was (or will be) created: the room's channel at the claim. */
    channelId: text("channel_id").notNull(),
    /** The thread's name, exactly as sent: how a retake finds a thread whose id was never written. */
    name: text("name").notNull(),
    status: text("status", { enum: THREAD_STATUSES }).notNull(),
    threadId: text("thread_id"),
    /** The opening message's nonce (enforce_nonce), the same on every attempt. */
    nonce: text("nonce").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Members who solved it so far: each solver's seat counts itself here, so the count costs one row. */
    solvers: integer("solvers").notNull().default(0),
    /** Not tried again before this instant (backoff after no answer). */
    nextAt: integer("next_at", { mode: "timestamp_ms" }).notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.date, t.track] }), index("solver_threads_status").on(t.status, t.nextAt)],
);

const MEMBER_STATUSES = ["pending", "added", "failed"] as const;

/** Each member who solved a server's daily of a date and track, to add to its thread once. */
export const solverMembers = sqliteTable(
  "solver_members",
  {
    guildId: text("guild_id").notNull(),
    date: text("date").notNull(),
    track: text("track").notNull(),
    userId: text("user_id").notNull(),
    /** Solvers of this thread before this one, counted at the claim (what their reply says). */
    position: integer("position").notNull(),
    status: text("status", { enum: MEMBER_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAt: integer("next_at", { mode: "timestamp_ms" }).notNull(),
    solvedAt: integer("solved_at", { mode: "timestamp_ms" }).notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.date, t.track, t.userId] }),
    index("solver_members_status").on(t.status, t.nextAt),
    index("solver_members_user").on(t.userId),
  ],
);
