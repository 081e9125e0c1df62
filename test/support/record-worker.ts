/**
 * A second writer for the concurrency test: opens the database at argv[2] and records the daily completions of one
 * member for argv[3] consecutive dates from 2026-01-01, as fast as it can, printing how many it recorded.
 */
import { retryWhileBusy } from "../../src/db/busy.js";
import { openDatabase } from "../../src/db/index.js";
import { recordDaily } from "../../src/streaks/store.js";
import { addDays } from "../../src/time/index.js";

const [path, count, startAt] = process.argv.slice(2);
const store = openDatabase(path as string);
while (Date.now() < Number(startAt)) {
  // Both writers start at the same moment, so their transactions overlap.
}
let recorded = 0;
for (let i = 0; i < Number(count); i++) {
  const date = addDays("2026-01-01", i);
  // As the bot does: a write that meets the other writer's lock waits on timers, not in the busy timeout.
  const result = await retryWhileBusy(
    () =>
      recordDaily(store, {
        guildId: "g",
        userId: "racer",
        date,
        zone: "UTC",
        at: Date.parse(`${date}T12:00:00Z`),
        challengeId: "c",
        note: null,
      }),
    { budgetMs: 10_000 },
  );
  if (result.status === "recorded") recorded += 1;
}
store.close();
console.log(JSON.stringify({ recorded }));
