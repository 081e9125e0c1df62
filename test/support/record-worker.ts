/**
 * A second writer for the concurrency test: opens the database its environment names (DATABASE_PATH or
 * DATABASE_URL, from freshDatabase) and records the daily completions of one member for argv[2] consecutive dates
 * from 2026-01-01, as fast as it can, printing how many it recorded.
 */
import { retryWhileBusy } from "../../src/db/busy.js";
import { openStore } from "../../src/db/open.js";
import { recordDaily } from "../../src/streaks/store.js";
import { addDays } from "../../src/time/index.js";

const [count, startAt] = process.argv.slice(2);
const { store } = await openStore({
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_PATH: process.env.DATABASE_PATH ?? "",
  DATABASE_POOL_SIZE: 1,
});
while (Date.now() < Number(startAt)) {
  // Both writers start at the same moment, so their transactions overlap.
}
let recorded = 0;
for (let i = 0; i < Number(count); i++) {
  const date = addDays("2026-01-01", i);
  // As the bot does: a write that meets the other writer's lock (or, on PostgreSQL, a serialization failure) is
  // retried on timers.
  const result = await retryWhileBusy(
    () =>
      recordDaily(
        { store },
        {
          guildId: "g",
          userId: "racer",
          date,
          zone: "UTC",
          at: Date.parse(`${date}T12:00:00Z`),
          challengeId: "c",
          note: null,
        },
      ),
    { budgetMs: 10_000 },
  );
  if (result.status === "recorded") recorded += 1;
}
await store.close();
console.log(JSON.stringify({ recorded }));
