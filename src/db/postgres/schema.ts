import * as sqlite from "../schema.js";
import { pgTablesFrom } from "./derive.js";

/**
 * The PostgreSQL schema, one export per table as drizzle-kit reads it (drizzle.postgres.config.ts), each derived
 * from the SQLite table of the same name (./derive.ts). test/pg-schema.test.ts checks none is missing.
 */
export const tables = pgTablesFrom(sqlite);
export const {
  answerAttempts,
  boardEntries,
  boardRebuilds,
  boardSlotCounts,
  boardValueCounts,
  completions,
  dailyChallenges,
  dmChannels,
  engagementSettings,
  guildRemovals,
  guilds,
  libraryImports,
  libraryItems,
  libraryRevisions,
  librarySettings,
  memberStats,
  memberTracks,
  members,
  milestoneRoles,
  milestonesReached,
  opsProbe,
  problemReports,
  reminderSends,
  reminders,
  ratings,
  resourcePicks,
  restDays,
  scheduleSlots,
  schedules,
  suggestions,
} = tables;
