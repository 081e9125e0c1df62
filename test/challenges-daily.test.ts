import { afterEach, describe, expect, it } from "vitest";
import { getDailyChallenge, memberToday, NoChallengesError } from "../src/challenges/daily.js";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { type Content, loadContent } from "../src/content/load.js";
import type { Store } from "../src/db/store.js";
import { setGuildTimezone, setMemberTimezone } from "../src/settings/index.js";
import { addDays } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
/** A fresh database on this run's engine, removed after the test. */
const freshDb = async (): Promise<TestDatabase> => {
  const database = await freshDatabase();
  cleanups.push(() => database.remove());
  return database;
};
/** A store open on `database`, closed after the test. */
const opened = async (database: TestDatabase): Promise<Store> => {
  const store = await database.open();
  cleanups.push(() => store.close());
  return store;
};
const freshStore = async () => opened(await freshDb());

const GUILD = "200000000000000001";
const dates = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

/** The ids of the dailies of `days`, asked in turn (each day's first ask sees the picks before it). */
async function dailyIds(store: Store | ((i: number) => Store), content: Content, guildId: string, days: string[]) {
  const ids: string[] = [];
  for (const [i, d] of days.entries())
    ids.push(
      (await getDailyChallenge({ store: typeof store === "function" ? store(i) : store, content }, guildId, d)).id,
    );
  return ids;
}

describe("the daily challenge", () => {
  it("is the same for every caller on a date, and after a restart", async () => {
    const database = await freshDb();
    const content = makeLibrary([4, 3, 5]);
    const first = await database.open();
    const picked = await dailyIds(first, content, GUILD, dates("2026-03-01", 20));
    expect(await dailyIds(first, content, GUILD, dates("2026-03-01", 20))).toEqual(picked);
    await first.close();
    const second = await opened(database);
    expect(await dailyIds(second, content, GUILD, dates("2026-03-01", 20))).toEqual(picked);
  });

  it("rotates through the areas that have challenges, one a day, in taxonomy order", async () => {
    const store = await freshStore();
    const content = makeLibrary([2, 0, 3, 1]);
    const areaOf = (id: string) => id.replace(/-c\d+$/, "");
    const seq = (await dailyIds(store, content, GUILD, dates("2026-01-01", 9))).map(areaOf);
    const start = ["area-1", "area-3", "area-4"].indexOf(seq[0] as string);
    expect(seq).toEqual(Array.from({ length: 9 }, (_, i) => ["area-1", "area-3", "area-4"][(start + i) % 3]));
  });

  it("repeats nothing in a guild until its area's pool is used up, then starts the pool again", async () => {
    const store = await freshStore();
    const content = makeLibrary([4, 3, 5]);
    const ids = await dailyIds(store, content, GUILD, dates("2026-05-01", 60));
    for (const [area, size] of [
      ["area-1", 4],
      ["area-2", 3],
      ["area-3", 5],
    ] as const) {
      const seen = ids.filter((id) => id.startsWith(`${area}-`));
      for (let i = 0; i + size <= seen.length; i += size) {
        expect(new Set(seen.slice(i, i + size)).size).toBe(size);
      }
    }
  });

  it("keeps every guild's sequence its own", async () => {
    const store = await freshStore();
    const content = makeLibrary([6, 6]);
    const a = await dailyIds(store, content, "1", dates("2026-05-01", 12));
    const b = await dailyIds(store, content, "2", dates("2026-05-01", 12));
    expect(a).not.toEqual(b);
  });

  it("agrees across two connections to the same database, whoever asks first", async () => {
    const database = await freshDb();
    const content = makeLibrary([3, 4]);
    const one = await opened(database);
    const two = await opened(database);
    const days = dates("2026-02-01", 30);
    const fromAlternating = await dailyIds((i) => (i % 2 ? one : two), content, GUILD, days);
    expect(await dailyIds(one, content, GUILD, days)).toEqual(fromAlternating);
    expect(await dailyIds(two, content, GUILD, days)).toEqual(fromAlternating);
  });

  it("stores one daily when two connections ask for a new day at once", async () => {
    const database = await freshDb();
    const content = makeLibrary([5, 5]);
    const stores = [await opened(database), await opened(database)];
    for (const day of dates("2026-06-01", 10)) {
      const picks = await Promise.all(
        [0, 1, 0, 1].map((i) => getDailyChallenge({ store: stores[i] as Store, content }, GUILD, day)),
      );
      expect(new Set(picks.map((c) => c.id)).size, day).toBe(1);
    }
  });

  it("falls back to the same challenge of the same area every time when a stored challenge leaves the library", async () => {
    const store = await freshStore();
    const before = makeLibrary([4, 4]);
    const original = await getDailyChallenge({ store, content: before }, GUILD, "2026-04-10");
    const after = { ...before, challenges: before.challenges.filter((c) => c.id !== original.id) };
    const fallback = await getDailyChallenge({ store, content: after }, GUILD, "2026-04-10");
    expect(fallback.id).not.toBe(original.id);
    expect(fallback.topic).toBe(original.topic);
    expect((await getDailyChallenge({ store, content: { ...after } }, GUILD, "2026-04-10")).id).toBe(fallback.id);
  });

  it("picks from the shipped library, covering every area with challenges in one rotation", async () => {
    const store = await freshStore();
    const content = loadContent();
    const picks = [];
    for (const d of dates("2026-03-02", content.areas.length))
      picks.push(await getDailyChallenge({ store, content }, GUILD, d));
    for (const c of picks) expect(content.challenges).toContain(c);
    const areaOf = new Map(content.topics.map((t) => [t.id, t.area]));
    expect(new Set(picks.map((c) => areaOf.get(c.topic))).size).toBe(content.areas.length);
  });

  it("says clearly when the library has no challenges", async () => {
    const store = await freshStore();
    await expect(getDailyChallenge({ store, content: makeLibrary([0]) }, GUILD, "2026-03-02")).rejects.toThrow(
      NoChallengesError,
    );
  });

  it("refuses a date that is not YYYY-MM-DD", async () => {
    const store = await freshStore();
    await expect(getDailyChallenge({ store, content: makeLibrary([1]) }, GUILD, "2026-3-2")).rejects.toThrow(
      /YYYY-MM-DD/,
    );
  });
});

describe("a member's today", () => {
  it("reads the clock in the member's zone, else the guild's, else the default", async () => {
    const store = await freshStore();
    const config = parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "Europe/London" });
    const clock = new ManualClock("2026-03-02T23:30:00Z");
    const ctx = { store, config, clock };
    expect(await memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-02", zone: "Europe/London" });
    await setGuildTimezone(ctx, GUILD, "Asia/Tokyo");
    expect(await memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-03", zone: "Asia/Tokyo" });
    await setMemberTimezone(ctx, "u1", "America/Los_Angeles", clock.now());
    expect(await memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-02", zone: "America/Los_Angeles" });
    expect(await memberToday(ctx, null, "u2")).toEqual({ date: "2026-03-02", zone: "Europe/London" });
  });
});
