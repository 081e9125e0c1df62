import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The challenge each guild got on each calendar date for each track. The first caller for a (guild, date, track)
 * picks and inserts; everyone after reads the row, so the choice survives restarts and content edits.
 */
export const dailyChallenges = sqliteTable(
  "daily_challenges",
  {
    guildId: text("guild_id").notNull(),
    /** A local calendar date, YYYY-MM-DD. */
    date: text("date").notNull(),
    /** 'mixed' (every level, the default and every day before tracks existed) or one level. */
    track: text("track", { enum: ["mixed", "beginner", "intermediate", "advanced"] })
      .notNull()
      .default("mixed"),
    challengeId: text("challenge_id").notNull(),
    /** The area the rotation chose; lets a fallback stay in the same area if the challenge leaves the library. */
    areaId: text("area_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.date, t.track] }),
    index("daily_challenges_guild_track_challenge").on(t.guildId, t.track, t.challengeId),
  ],
);

/** A member's chosen level track in a server; without a row they follow the server's default. */
export const memberTracks = sqliteTable(
  "member_tracks",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    track: text("track", { enum: ["mixed", "beginner", "intermediate", "advanced"] }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] })],
);

/** Submitted answers per member, challenge and local date: at most a few tries a day, and whether one was right. */
export const answerAttempts = sqliteTable(
  "answer_attempts",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    challengeId: text("challenge_id").notNull(),
    localDate: text("local_date").notNull(),
    tries: integer("tries").notNull(),
    solvedAt: integer("solved_at"),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId, t.challengeId, t.localDate] })],
);
