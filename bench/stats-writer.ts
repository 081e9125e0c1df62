/**
 * Another server's writes during `npm run bench -- stats`, from another process (a second shard's, say): opens the
 * SQLite file at DATABASE_PATH and records one daily completion for a new member of its own server every 25 ms,
 * printing each write's latency as a JSON line, until its stdin closes.
 */
import { retryWhileBusy } from "../src/db/busy.js";
import { openStore } from "../src/db/open.js";
import { recordDaily } from "../src/streaks/store.js";

const { store } = await openStore({ DATABASE_PATH: process.env.DATABASE_PATH ?? "", DATABASE_POOL_SIZE: 1 });
let open = true;
process.stdin.on("end", () => {
  open = false;
});
process.stdin.resume();
for (let i = 0; open; i++) {
  const started = performance.now();
  await retryWhileBusy(
    () =>
      recordDaily(
        { store },
        {
          guildId: "200000000000000999",
          userId: String(500000000000000000n + BigInt(i)),
          date: "2026-03-09",
          zone: "UTC",
          at: Date.parse("2026-03-09T12:00:00Z"),
          challengeId: "c-1",
          note: null,
        },
      ),
    { budgetMs: 10_000 },
  );
  console.log(JSON.stringify({ t: Date.now(), ms: performance.now() - started }));
  await new Promise((resolve) => setTimeout(resolve, 25));
}
await store.close();
