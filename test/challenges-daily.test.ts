import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDailyChallenge, memberToday, NoChallengesError } from "../src/challenges/daily.js";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { loadContent } from "../src/content/load.js";
import { openDatabase } from "../src/db/index.js";
import { setGuildTimezoneSync, setMemberTimezoneSync } from "../src/settings/index.js";
import { addDays } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { tempDir } from "./support/harness.js";

const dirs: { remove(): void }[] = [];
const freshPath = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, "gradient.sqlite");
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const GUILD = "200000000000000001";
const dates = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

describe("the daily challenge", () => {
  it("is the same for every caller on a date, and after a restart", () => {
    const path = freshPath();
    const content = makeLibrary([4, 3, 5]);
    const first = openDatabase(path);
    const picked = dates("2026-03-01", 20).map((d) => getDailyChallenge({ db: first.db, content }, GUILD, d).id);
    expect(dates("2026-03-01", 20).map((d) => getDailyChallenge({ db: first.db, content }, GUILD, d).id)).toEqual(
      picked,
    );
    first.close();
    const second = openDatabase(path);
    expect(dates("2026-03-01", 20).map((d) => getDailyChallenge({ db: second.db, content }, GUILD, d).id)).toEqual(
      picked,
    );
    second.close();
  });

  it("rotates through the areas that have challenges, one a day, in taxonomy order", () => {
    const store = openDatabase(freshPath());
    const content = makeLibrary([2, 0, 3, 1]);
    const areaOf = (id: string) => id.replace(/-c\d+$/, "");
    const seq = dates("2026-01-01", 9).map((d) => areaOf(getDailyChallenge({ db: store.db, content }, GUILD, d).id));
    const start = ["area-1", "area-3", "area-4"].indexOf(seq[0] as string);
    expect(seq).toEqual(Array.from({ length: 9 }, (_, i) => ["area-1", "area-3", "area-4"][(start + i) % 3]));
    store.close();
  });

  it("repeats nothing in a guild until its area's pool is used up, then starts the pool again", () => {
    const store = openDatabase(freshPath());
    const content = makeLibrary([4, 3, 5]);
    const ids = dates("2026-05-01", 60).map((d) => getDailyChallenge({ db: store.db, content }, GUILD, d).id);
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
    store.close();
  });

  it("keeps every guild's sequence its own", () => {
    const store = openDatabase(freshPath());
    const content = makeLibrary([6, 6]);
    const a = dates("2026-05-01", 12).map((d) => getDailyChallenge({ db: store.db, content }, "1", d).id);
    const b = dates("2026-05-01", 12).map((d) => getDailyChallenge({ db: store.db, content }, "2", d).id);
    expect(a).not.toEqual(b);
    store.close();
  });

  it("agrees across two connections to the same file, whoever asks first", () => {
    const path = freshPath();
    const content = makeLibrary([3, 4]);
    const one = openDatabase(path);
    const two = openDatabase(path);
    const days = dates("2026-02-01", 30);
    const fromAlternating = days.map((d, i) => getDailyChallenge({ db: (i % 2 ? one : two).db, content }, GUILD, d).id);
    expect(days.map((d) => getDailyChallenge({ db: one.db, content }, GUILD, d).id)).toEqual(fromAlternating);
    expect(days.map((d) => getDailyChallenge({ db: two.db, content }, GUILD, d).id)).toEqual(fromAlternating);
    one.close();
    two.close();
  });

  it("falls back to the same challenge of the same area every time when a stored challenge leaves the library", () => {
    const store = openDatabase(freshPath());
    const before = makeLibrary([4, 4]);
    const original = getDailyChallenge({ db: store.db, content: before }, GUILD, "2026-04-10");
    const after = { ...before, challenges: before.challenges.filter((c) => c.id !== original.id) };
    const fallback = getDailyChallenge({ db: store.db, content: after }, GUILD, "2026-04-10");
    expect(fallback.id).not.toBe(original.id);
    expect(fallback.topic).toBe(original.topic);
    expect(getDailyChallenge({ db: store.db, content: { ...after } }, GUILD, "2026-04-10").id).toBe(fallback.id);
    store.close();
  });

  it("picks from the shipped library, covering every area with challenges in one rotation", () => {
    const store = openDatabase(freshPath());
    const content = loadContent();
    const picks = dates("2026-03-02", content.areas.length).map((d) =>
      getDailyChallenge({ db: store.db, content }, GUILD, d),
    );
    for (const c of picks) expect(content.challenges).toContain(c);
    const areaOf = new Map(content.topics.map((t) => [t.id, t.area]));
    expect(new Set(picks.map((c) => areaOf.get(c.topic))).size).toBe(content.areas.length);
    store.close();
  });

  it("says clearly when the library has no challenges", () => {
    const store = openDatabase(freshPath());
    expect(() => getDailyChallenge({ db: store.db, content: makeLibrary([0]) }, GUILD, "2026-03-02")).toThrow(
      NoChallengesError,
    );
    store.close();
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    const store = openDatabase(freshPath());
    expect(() => getDailyChallenge({ db: store.db, content: makeLibrary([1]) }, GUILD, "2026-3-2")).toThrow(
      /YYYY-MM-DD/,
    );
    store.close();
  });
});

describe("a member's today", () => {
  it("reads the clock in the member's zone, else the guild's, else the default", () => {
    const store = openDatabase(freshPath());
    const config = parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "Europe/London" });
    const clock = new ManualClock("2026-03-02T23:30:00Z");
    const ctx = { db: store.db, config, clock };
    expect(memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-02", zone: "Europe/London" });
    setGuildTimezoneSync(ctx, GUILD, "Asia/Tokyo");
    expect(memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-03", zone: "Asia/Tokyo" });
    setMemberTimezoneSync(ctx, "u1", "America/Los_Angeles", clock.now());
    expect(memberToday(ctx, GUILD, "u1")).toEqual({ date: "2026-03-02", zone: "America/Los_Angeles" });
    expect(memberToday(ctx, null, "u2")).toEqual({ date: "2026-03-02", zone: "Europe/London" });
    store.close();
  });
});
