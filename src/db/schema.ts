import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Per-guild settings. A guild gets a row the first time an admin changes something. */
export const guilds = sqliteTable("guilds", {
  id: text("id").primaryKey(),
  timezone: text("timezone"),
  /** The daily track members follow unless they chose one; null is 'mixed'. */
  dailyTrack: text("daily_track", { enum: ["mixed", "beginner", "intermediate", "advanced"] }),
  /** Requirements the daily may have, comma-separated; null is the default (see src/challenges/rules.ts). */
  dailyAllows: text("daily_allows"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/** Per-member settings that follow the member across guilds. */
export const members = sqliteTable("members", {
  userId: text("user_id").primaryKey(),
  timezone: text("timezone"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});
export * from "./tables/challenges.js";
export * from "./tables/feedback.js";
export * from "./tables/library.js";
export * from "./tables/ops.js";
export * from "./tables/reminders.js";
export * from "./tables/schedule.js";
export * from "./tables/streaks.js";
export * from "./tables/taxonomy.js";

/**
 * Servers that removed Gradient (GUILD_DELETE without `unavailable`): their schedules and reminders stop at once,
 * and their data is deleted once the grace period has passed unless Gradient is added back (src/jobs/removed-guilds.ts).
 */
export const guildRemovals = sqliteTable(
  "guild_removals",
  {
    guildId: text("guild_id").primaryKey(),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("guild_removals_removed_at").on(t.removedAt)],
);
