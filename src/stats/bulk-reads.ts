import { type ReadPool, sqliteReadPool } from "../db/read-pool.js";
import { challengeStatsIn } from "./challenges.js";
import { activeByDateIn, firstRecordIn, kindsByDateIn, memberFiguresIn, remindersByDateIn } from "./export.js";
import { activityIn, foldFreezes, freezeCandidatesIn, remindersIn, streakBucketsIn, weeksIn } from "./queries.js";

/**
 * The stats' long reads, by name, for a read pool (src/db/read-pool.ts): the pool and its worker entry
 * (./read-worker.ts) both take this registry, so a read reaches the worker as the same function.
 */
export const STATS_READS = {
  activityIn,
  weeksIn,
  streakBucketsIn,
  remindersIn,
  freezeCandidatesIn,
  foldFreezes,
  challengeStatsIn,
  memberFiguresIn,
  firstRecordIn,
  activeByDateIn,
  kindsByDateIn,
  remindersByDateIn,
};

/**
 * Two threads: the report's independent reads run side by side (two cores is the smallest machine Gradient is
 * measured on), and a third server's stats wait their turn instead of taking more cores from the bot.
 */
const THREADS = 2;

/** The stats readers for the SQLite file at `path`. */
export function statsReadPool(path: string): ReadPool {
  // In the bundle this module is part of dist/main.cjs, and the entry is bundled beside it (scripts/build.ts).
  const here = import.meta.url;
  const entry = here.endsWith(".ts") ? new URL("./read-worker.ts", here) : new URL("./stats-worker.cjs", here);
  return sqliteReadPool({ path, entry, registry: STATS_READS, size: THREADS });
}
