import { count, eq, getTableColumns, getTableName, is, Table } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retryWhileBusy } from "../src/db/busy.js";
import { type Gen, get, run, type Session, type Store } from "../src/db/store.js";
import { markGuildRemoved, purgeRemovedGuilds, restoreGuilds } from "../src/jobs/removed-guilds.js";
import { writeProbe } from "../src/ops/writable.js";
import { type ClaimRequest, claimReminder, getSend, setReminder, takeOffNotices } from "../src/reminders/store.js";
import { ENGINE, freshStore } from "./support/store.js";

let store: Store;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, close } = await freshStore());
});
afterEach(() => close());

const ctx = () => ({ store });
const DAY_MS = 86_400_000;

describe(`reminder claims on ${ENGINE}`, () => {
  const request = (claimant: string): ClaimRequest => ({
    guildId: "g1",
    userId: "u1",
    date: "2026-03-02",
    dueAt: new Date("2026-03-02T12:00:00Z"),
    mode: "dm",
    channelId: null,
    nonce: "r20260302abc",
    claimant,
    now: new Date("2026-03-02T12:00:00Z"),
    maxAttempts: 5,
    // biome-ignore lint/correctness/useYield: nothing to read: there is always something to remind of here.
    skipReason: function* () {
      return null;
    },
  });

  it("lets only one of many claimants of one member's date at once send it; the others find its claim", async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        retryWhileBusy(() => claimReminder(ctx(), request(`p${i}`)), { budgetMs: 20_000 }),
      ),
    );
    expect(claims.filter((c) => c.action === "send")).toHaveLength(1);
    expect(claims.filter((c) => c.action === "recover")).toHaveLength(4);
    // The fifth attempt is the last: the record is given up, and settled for everyone after.
    expect(claims.filter((c) => c.action === "gave-up")).toHaveLength(1);
    expect(claims.filter((c) => c.action === "skip")).toHaveLength(2);
    const send = await getSend(ctx(), { guildId: "g1", userId: "u1", date: "2026-03-02" });
    expect(send).toMatchObject({ status: "failed", nonce: "r20260302abc", attempts: 5 });
  });

  it("decides what to remind of inside the claim: a skip is recorded, never sent", async () => {
    const claim = await claimReminder(ctx(), {
      ...request("p"),
      // biome-ignore lint/correctness/useYield: a fixed answer for the test.
      skipReason: function* () {
        return "a planned rest day";
      },
    });
    expect(claim.action).toBe("skip");
    expect(claim.send).toMatchObject({ status: "skipped", note: "a planned rest day", attempts: 0 });
  });
});

describe(`off notices on ${ENGINE}`, () => {
  it("are taken once", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    await setReminder(ctx(), { guildId: "g1", userId: "u1", time: "21:00", onlyStreak: false }, now);
    await store.write(function* (s) {
      yield* run(s.db.update(s.t.reminders).set({ offAt: now, offReason: "closed", noticePending: true }));
    });
    expect((await takeOffNotices(ctx(), "u1")).map((r) => r.guildId)).toEqual(["g1"]);
    expect(await takeOffNotices(ctx(), "u1")).toEqual([]);
  });
});

/** Rows naming `guildId` in every table with a guild_id column, and its guilds row. */
function* rowsOfIn(s: Session, guildId: string): Gen<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.values(s.t)) {
    if (!is(table, Table)) continue;
    const column = Object.values(getTableColumns(table)).find((c) => c.name === "guild_id");
    if (!column) continue;
    const row = yield* get(
      s.db
        .select({ n: count() })
        .from(table as SQLiteTable)
        .where(eq(column as SQLiteColumn, guildId)),
    );
    counts[getTableName(table)] = row?.n ?? 0;
  }
  counts.guilds = (yield* get(s.db.select({ n: count() }).from(s.t.guilds).where(eq(s.t.guilds.id, guildId))))?.n ?? 0;
  return counts;
}

/** A server with a reminder, 1,200 reminder records (several purge slices), completions, settings and a schedule. */
function* serverIn(s: Session, guildId: string): Gen<void> {
  const at = new Date("2026-01-01T00:00:00Z");
  const t = s.t;
  yield* run(s.db.insert(t.guilds).values({ id: guildId, timezone: "UTC" }));
  yield* run(s.db.insert(t.engagementSettings).values({ guildId }));
  yield* run(
    s.db
      .insert(t.schedules)
      .values({ guildId, kind: "weekly", channelId: "c", weekday: 1, time: "09:00", effectiveFrom: at }),
  );
  yield* run(s.db.insert(t.reminders).values({ guildId, userId: "u1", time: "21:00", effectiveFrom: at }));
  for (let day = 0; day < 1200; day += 100)
    yield* run(
      s.db.insert(t.reminderSends).values(
        Array.from({ length: 100 }, (_, i) => ({
          guildId,
          userId: "u1",
          date: `d${day + i}`,
          status: "sent" as const,
          dueAt: at,
          mode: "dm" as const,
          nonce: "n",
        })),
      ),
    );
  yield* run(
    s.db.insert(t.completions).values(
      Array.from({ length: 3 }, (_, i) => ({
        guildId,
        userId: "u1",
        kind: "daily" as const,
        localDate: `2026-01-0${i + 1}`,
        zone: "UTC",
        challengeId: "c1",
        completedAt: at.getTime(),
      })),
    ),
  );
}

describe(`removed servers on ${ENGINE}`, () => {
  it("deletes every row of a server removed more than 30 days ago, in slices, and none of another's", async () => {
    await store.write(serverIn, "gone");
    await store.write(serverIn, "stays");
    const now = new Date("2026-04-08T13:00:00Z");
    await markGuildRemoved(ctx(), "gone", new Date(now.getTime() - 31 * DAY_MS));
    await markGuildRemoved(ctx(), "recent", new Date(now.getTime() - 29 * DAY_MS));
    expect(await purgeRemovedGuilds(ctx(), now)).toBe(1);
    const gone = await store.read(rowsOfIn, "gone");
    expect(Object.values(gone).every((n) => n === 0)).toBe(true);
    expect(Object.keys(gone).length).toBeGreaterThan(10);
    const stays = await store.read(rowsOfIn, "stays");
    expect(stays).toMatchObject({ reminder_sends: 1200, completions: 3, reminders: 1, schedules: 1, guilds: 1 });
    // The one removed 29 days ago keeps its mark until its grace period ends, and is lifted when it comes back.
    expect((await store.read(rowsOfIn, "recent")).guild_removals).toBe(1);
    expect(await restoreGuilds(ctx(), ["recent", "stays"])).toBe(1);
  });
});

describe(`the /readyz write probe on ${ENGINE}`, () => {
  it("writes through the store, at most once per interval", async () => {
    let clock = 1_000_000;
    const probe = writeProbe(store, 3000, () => clock);
    expect(await Promise.all([probe(), probe()])).toEqual([{ ok: true }, { ok: true }]);
    const written = () =>
      store.read(function* (s) {
        return (yield* get(s.db.select().from(s.t.opsProbe)))?.at.getTime();
      });
    expect(await written()).toBe(1_000_000);
    clock += 1000;
    await probe();
    expect(await written()).toBe(1_000_000);
    clock += 3000;
    await probe();
    expect(await written()).toBe(1_004_000);
  });
});
