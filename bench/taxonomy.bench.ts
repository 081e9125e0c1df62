import { join } from "node:path";
import { ManualClock } from "../src/clock.js";
import { loadContent } from "../src/content/load.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import { seededRandom } from "../src/random.js";
import { checkRenderedContent } from "../src/taxonomy/check.js";
import { fuzzyScore } from "../src/taxonomy/fuzzy.js";
import { pickResource, REMEMBERED_PICKS } from "../src/taxonomy/picks.js";
import { suggestTopics } from "../src/taxonomy/suggest.js";
import { tempDir } from "../test/support/harness.js";

function time(label: string, iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const perCall = (performance.now() - start) / iterations;
  console.log(`${label.padEnd(58)} ${perCall.toFixed(3).padStart(9)} ms/call`);
  return perCall;
}

async function timeAsync(label: string, iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const perCall = (performance.now() - start) / iterations;
  console.log(`${label.padEnd(58)} ${perCall.toFixed(3).padStart(9)} ms/call`);
  return perCall;
}

/** Autocomplete latency per keystroke, a pick with a full history, and the whole rendered-content check. */
export async function run(): Promise<void> {
  const content = loadContent();
  const queries = ["t", "trans", "tranformer", "gradient boosting", "k8s", "kubernetse", "x".repeat(300)];
  let q = 0;
  const next = () => queries[q++ % queries.length] as string;
  const prepared = time("suggestTopics (names prepared once per content)", 2000, () => suggestTopics(content, next()));
  const names = content.topics.flatMap((t) => [t.name, t.id, ...t.aliases]);
  const raw = time("the same scoring, normalising every name per keystroke", 500, () => {
    const query = next();
    for (const name of names) fuzzyScore(query, name);
  });
  console.log(`ratio raw / prepared: ${(raw / prepared).toFixed(1)}x`);

  const dir = tempDir();
  const store = openSqliteStore(join(dir.path, "bench.sqlite"));
  const ctx = { store, clock: new ManualClock("2026-03-02T12:00:00Z"), content, random: seededRandom(1) };
  let member = 0;
  const fresh = await timeAsync("pickResource, a member with no history", 300, () =>
    pickResource(ctx, `new-${member++}`, {}),
  );
  for (let i = 0; i < REMEMBERED_PICKS; i++) await pickResource(ctx, "busy", {});
  const busy = await timeAsync(`pickResource, ${REMEMBERED_PICKS} remembered picks`, 300, () =>
    pickResource(ctx, "busy", {}),
  );
  console.log(`ratio full history / empty: ${(busy / fresh).toFixed(1)}x`);
  await store.close();
  dir.remove();

  time("checkRenderedContent (every card of the library)", 5, () => checkRenderedContent(content));
}
