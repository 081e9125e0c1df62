import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A server's live board (src/live-board/): one message in one channel that Gradient keeps showing a board's top
 * 10. At most one row per server, so at most one message. A post is claimed here (its nonce written) before the
 * request goes out, and the message id is written when Discord answers; a claim found open is recovered (the
 * channel's history, else the same nonce), never posted afresh. `/config board off:true` deletes the row.
 */
export const liveBoards = sqliteTable("live_boards", {
  guildId: text("guild_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  /** Which board it shows: this ISO week's (the default), this month's, current or longest streaks. */
  board: text("board", { enum: ["week", "month", "current", "longest"] }).notNull(),
  /** The message kept current; null until one is posted, and again once Discord says it was deleted. */
  messageId: text("message_id"),
  /** Messages posted for this server so far: each post's nonce is derived from it, so a repost is a new message. */
  posts: integer("posts").notNull().default(0),
  /** The nonce of a post claimed and not yet recorded (sent with `enforce_nonce`); null when none is open. */
  nonce: text("nonce"),
  /** Attempts at the open claim whose outcome is unknown. */
  attempts: integer("attempts").notNull().default(0),
  claimedBy: text("claimed_by"),
  claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
  /** A hash of what the message shows now: it is edited only when its top 10 (or week) would change. */
  shown: text("shown"),
  /** When it was last posted or an edit was claimed: at most one a minute. */
  shownAt: integer("shown_at", { mode: "timestamp_ms" }),
  /** Set when Discord refused the channel (403, 404) or the post; nothing is sent until an admin sets it again. */
  pausedAt: integer("paused_at", { mode: "timestamp_ms" }),
  pauseReason: text("pause_reason"),
});
