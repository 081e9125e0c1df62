import { join } from "node:path";
import { getDailyChallenge } from "../src/challenges/daily.js";
import { ManualClock } from "../src/clock.js";
import { loadContent } from "../src/content/load.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import { applyImport, previewImport } from "../src/library/edit.js";
import { libraryChangedIn, withLibraryOf } from "../src/library/store.js";
import { addDays } from "../src/time/index.js";
import { tempDir } from "../test/support/harness.js";

const ms = (start: number) => performance.now() - start;
const line = (label: string, value: number) => console.log(`${label.padEnd(64)} ${value.toFixed(1).padStart(8)} ms`);

/**
 * A server's own library at its limit: importing a 2,000-challenge file (preview, then apply) and the daily draw
 * from a pool holding 2,000 server challenges, each beside the same work on the shipped library's size.
 */
export async function run(): Promise<void> {
  const content = loadContent();
  const dir = tempDir();
  const store = openSqliteStore(join(dir.path, "bench.sqlite"));
  const ctx = { store, content, clock: new ManualClock("2026-03-02T12:00:00Z") };
  const fileOf = (n: number) =>
    JSON.stringify({
      format: "gradient-library",
      version: 1,
      topics: [],
      challenges: Array.from({ length: n }, (_, i) => {
        const c = content.challenges[i % content.challenges.length];
        const { answer: _answer, ...rest } = c as NonNullable<typeof c>;
        return { ...rest, id: `local-c${i}`, title: `${rest.title} (${i})` };
      }),
      resources: [],
      prompts: [],
      retired: [],
      pool: { shipped: false, areas: null },
    });
  const shippedSize = content.challenges.length;
  for (const [label, n, guild] of [
    [`shipped library's size (${shippedSize} challenges)`, shippedSize, "g-shipped"],
    ["2,000 challenges", 2000, "g-2000"],
  ] as const) {
    const text = fileOf(n);
    let start = performance.now();
    const { plan, importId } = await previewImport(ctx, guild, "u", text);
    line(`import preview, ${label}, ${(text.length / 1024).toFixed(0)} KiB`, ms(start));
    if (plan.problems.length > 0 || importId === null) throw new Error(plan.problems.slice(0, 3).join("\n"));
    start = performance.now();
    await applyImport(ctx, guild, "u", importId);
    line(`import apply (one transaction), ${label}`, ms(start));
  }

  const draw = async (guild: string, days: number) => {
    let date = "2026-03-02";
    await store.write(libraryChangedIn, guild);
    let start = performance.now();
    await getDailyChallenge(await withLibraryOf(ctx, guild), guild, date);
    const cold = ms(start);
    start = performance.now();
    for (let i = 0; i < days; i++) {
      date = addDays(date, 1);
      await getDailyChallenge(await withLibraryOf(ctx, guild), guild, date);
    }
    return { cold, warm: ms(start) / days };
  };
  const shipped = await draw("g-plain", 200);
  line("daily draw, shipped library: first after a change", shipped.cold);
  line("daily draw, shipped library: each next day (200 days)", shipped.warm);
  const own = await draw("g-2000", 200);
  line("daily draw, pool of 2,000 server challenges: first after a change", own.cold);
  line("daily draw, pool of 2,000 server challenges: each next day (200 days)", own.warm);
  await store.close();
  dir.remove();
}
