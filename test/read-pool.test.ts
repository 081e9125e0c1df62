import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { type ReadPool, sqliteReadPool } from "../src/db/read-pool.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import { type Gen, run, type Session, type Store } from "../src/db/store.js";
import { statsReadPool } from "../src/stats/bulk-reads.js";
import { buildStatsExport } from "../src/stats/export.js";
import { buildServerReport } from "../src/stats/report.js";
import { addDays, localDate } from "../src/time/index.js";
import { FIXTURE_READS, missingTable, slowCount } from "./support/read-pool-reads.js";
import { tempDir } from "./support/temp.js";

/**
 * The stats readers (src/db/read-pool.ts): a big server's stats read on threads of their own, with the same figures
 * as the same reads on the bot's own connection, while the bot's event loop stays free.
 */

const GUILD = "240000000000000001";
const ZONE = "America/New_York";
const NOW = Date.parse("2026-04-15T16:00:00Z");
const DAY = 86_400_000;
const MEMBER_ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Pacific/Auckland", "America/Los_Angeles"];

/** A linear congruential generator: the same server every run. */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

/** 60 members over 200 days across a DST change, in five zones, with dailies, practice, freezes and reminders. */
function* seedServer(s: Session): Gen<void> {
  const random = lcg(7);
  const first = NOW - 200 * DAY;
  yield* run(s.db.insert(s.t.guilds).values({ id: GUILD, timezone: ZONE }));
  const draws = new Set<string>();
  for (let m = 0; m < 60; m++) {
    const user = String(710000000000000000n + BigInt(m));
    const zone = MEMBER_ZONES[m % MEMBER_ZONES.length] as string;
    const rate = 0.2 + random() * 0.7;
    for (let d = 0; d < 200; d++) {
      if (random() > rate) continue;
      const at = first + d * DAY + Math.floor(random() * DAY);
      const date = localDate(at, zone);
      const challenge = `c-${date}`;
      if (!draws.has(date)) {
        draws.add(date);
        yield* run(
          s.db.insert(s.t.dailyChallenges).values({
            guildId: GUILD,
            date,
            track: "mixed",
            challengeId: challenge,
            areaId: "area",
            createdAt: new Date(first),
          }),
        );
      }
      yield* run(
        s.db
          .insert(s.t.completions)
          .values({
            guildId: GUILD,
            userId: user,
            kind: "daily",
            localDate: date,
            zone,
            challengeId: challenge,
            verified: random() < 0.3,
            completedAt: at,
          })
          .onConflictDoNothing(),
      );
      if (random() < 0.15)
        yield* run(
          s.db.insert(s.t.completions).values({
            guildId: GUILD,
            userId: user,
            kind: "practice",
            localDate: date,
            zone,
            challengeId: `p-${m}-${d}`,
            verified: false,
            completedAt: at + 60_000,
          }),
        );
      if (random() < 0.1)
        yield* run(
          s.db
            .insert(s.t.reminderSends)
            .values({
              guildId: GUILD,
              userId: user,
              date,
              status: "sent",
              dueAt: new Date(at - 3_600_000),
              mode: "dm",
              nonce: `r-${m}-${d}`,
              attempts: 1,
              sentAt: new Date(at - 3_500_000),
            })
            .onConflictDoNothing(),
        );
    }
    yield* run(
      s.db.insert(s.t.memberStats).values({
        guildId: GUILD,
        userId: user,
        total: 1,
        days: 1,
        current: m % 9,
        longest: 9,
        freezes: 0,
        freezesUsed: m % 3,
        run: 1,
        lastDate: localDate(NOW, zone),
        lastZone: zone,
        lastAt: NOW - DAY,
      }),
    );
  }
}

describe("the stats readers", () => {
  const dir = tempDir();
  const path = join(dir.path, "gradient.sqlite");
  let store: Store;
  let pool: ReadPool;
  const config = parseConfig({ DISCORD_TOKEN: "test", DATABASE_PATH: path, LOG_LEVEL: "silent" });
  const clock = new ManualClock(NOW);
  const names = {
    displayNames: async (_guildId: string, ids: readonly string[]) => ({
      names: new Map(ids.map((id) => [id, `member ${id.slice(-2)}`])),
      listed: true,
    }),
  };

  beforeAll(async () => {
    store = openSqliteStore(path);
    await store.write(seedServer);
    pool = statsReadPool(path);
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    dir.remove();
  });

  it("give the same server report and export on their threads as on the bot's own connection", async () => {
    for (const days of [7, 30, 90] as const) {
      const here = await buildServerReport({ store, clock, config }, GUILD, { days });
      const there = await buildServerReport({ store, clock, config, bulkReads: pool }, GUILD, { days });
      expect(there).toEqual(here);
      // The server is busy enough that the figures say something.
      expect(here.activity.some((d) => d.active > 5)).toBe(true);
      expect(here.comingBack.some((w) => w.returned > 0)).toBe(true);
    }
    const here = await buildStatsExport({ store, clock, config }, GUILD, names);
    const there = await buildStatsExport({ store, clock, config, bulkReads: pool }, GUILD, names);
    expect(there).toEqual(here);
    expect(here.memberCount).toBe(60);
    expect(here.dateCount).toBeGreaterThan(195);
  });

  it("read what the bot wrote a moment before", async () => {
    const before = await buildStatsExport({ store, clock, config, bulkReads: pool }, GUILD, names);
    await store.write(function* (s) {
      yield* run(
        s.db.insert(s.t.completions).values({
          guildId: GUILD,
          userId: "710000000000000099",
          kind: "daily",
          localDate: addDays(localDate(NOW, ZONE), 0),
          zone: ZONE,
          challengeId: "late",
          verified: false,
          completedAt: NOW - 60_000,
        }),
      );
    });
    const after = await buildStatsExport({ store, clock, config, bulkReads: pool }, GUILD, names);
    expect(after.memberCount).toBe(before.memberCount + 1);
  });
});

describe("a read pool", () => {
  const dir = tempDir();
  const path = join(dir.path, "gradient.sqlite");
  const entry = new URL("./support/read-pool-fixture.ts", import.meta.url);
  let store: Store;
  let pool: ReadPool;

  beforeAll(() => {
    store = openSqliteStore(path);
    pool = sqliteReadPool({ path, entry, registry: FIXTURE_READS, size: 2 });
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    dir.remove();
  });

  /** The longest wait of a 10 ms timer on this thread while `op` runs. */
  async function longestStall(op: () => Promise<unknown>): Promise<number> {
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    try {
      await op();
      await new Promise((resolve) => setTimeout(resolve, 30));
    } finally {
      clearInterval(timer);
    }
    return longest;
  }

  it("keeps this thread's timers running through a read that holds a connection for a second", async () => {
    const n = 1_500_000;
    await pool.read(slowCount, 10);
    const started = performance.now();
    const onThisThread = await longestStall(() => store.read(slowCount, n));
    const held = performance.now() - started;
    // The same read on the bot's own connection holds its event loop for all of it.
    expect(onThisThread).toBeGreaterThan(held * 0.8);
    const onPool = await longestStall(async () => expect(await pool.read(slowCount, n)).toBe(n));
    expect(onPool).toBeLessThan(Math.max(60, held / 4));
  });

  it("runs two reads side by side", async () => {
    const results = await Promise.all([pool.read(slowCount, 200_000), pool.read(slowCount, 300_000)]);
    expect(results).toEqual([200_000, 300_000]);
  });

  it("fails a read with its database's reason, and serves the next one", async () => {
    await expect(pool.read(missingTable)).rejects.toThrow(/no such table: no_such_table/);
    expect(await pool.read(slowCount, 3)).toBe(3);
  });

  it("refuses a function that is not one of its reads", async () => {
    // The same statement as a registered read, but not the function the pool knows by name.
    function* elsewhere(s: Session): Gen<number> {
      return yield* slowCount(s, 1);
    }
    await expect(pool.read(elsewhere)).rejects.toThrow("elsewhere is not one of this pool's reads");
  });

  it("fails its reads with the reason when the file cannot be opened", async () => {
    const broken = sqliteReadPool({
      path: join(dir.path, "missing", "x.sqlite"),
      entry,
      registry: FIXTURE_READS,
      size: 1,
    });
    try {
      await expect(broken.read(slowCount, 1)).rejects.toThrow(/unable to open database file|directory does not exist/);
    } finally {
      await broken.close();
    }
  });
});
