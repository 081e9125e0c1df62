import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The challenge each guild got on each calendar date. The first caller for a (guild, date) picks and inserts;
 * everyone after reads the row, so the choice survives restarts and content edits.
 */
export const dailyChallenges = sqliteTable(
  "daily_challenges",
  {
    guildId: text("guild_id").notNull(),
    /** A local calendar date, YYYY-MM-DD. */
    date: text("date").notNull(),
    challengeId: text("challenge_id").notNull(),
    /** The area the rotation chose; lets a fallback stay in the same area if the challenge leaves the library. */
    areaId: text("area_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.date] }),
    index("daily_challenges_guild_challenge").on(t.guildId, t.challengeId),
  ],
);
