import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/*
 * Members' feedback on challenges (src/feedback/). `challenge_id` is the id the daily and the completion log carry
 * (daily_challenges.challenge_id, completions.challenge_id): a shipped challenge's id, the same in every server, or
 * a server's own item's id, which starts with 'local-' (src/library/schema.ts LOCAL_PREFIX) and is unique only
 * within its server. So a challenge is always (guild_id, challenge_id), and a row is about a shipped challenge
 * exactly when its id does not start with 'local-' (what `npm run feedback:export` reads).
 */

/** How hard a member found a challenge: one row per member and challenge; a later press replaces the rating. */
export const ratings = sqliteTable(
  "ratings",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    challengeId: text("challenge_id").notNull(),
    rating: text("rating", { enum: ["easy", "right", "hard"] }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.userId, t.challengeId] }),
    index("ratings_guild_challenge").on(t.guildId, t.challengeId, t.rating),
  ],
);

/**
 * A member's report that something is wrong with a challenge: open until a reviewer resolves it (with a note DMed to
 * the reporter) or retires the server's own item it is about. `channel_id`/`message_id` are its review card, null
 * while it is only kept (no review channel, or Discord refused the card) and listed by `/library reports`.
 */
export const problemReports = sqliteTable(
  "problem_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    /** The reporter. */
    userId: text("user_id").notNull(),
    challengeId: text("challenge_id").notNull(),
    kind: text("kind", { enum: ["answer-wrong", "unclear", "broken-link", "out-of-date", "other"] }).notNull(),
    /** The member's words, at most 500 characters. */
    details: text("details").notNull(),
    status: text("status", { enum: ["open", "resolved", "retired"] })
      .notNull()
      .default("open"),
    /** The reviewer's note to the reporter. */
    resolution: text("resolution"),
    /** The reviewer who resolved it or retired the item. */
    resolvedBy: text("resolved_by"),
    channelId: text("channel_id"),
    messageId: text("message_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("problem_reports_guild_user_status").on(t.guildId, t.userId, t.status),
    index("problem_reports_guild_status").on(t.guildId, t.status, t.id),
    index("problem_reports_guild_challenge").on(t.guildId, t.challengeId, t.status),
  ],
);
