import { type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { exec, rows, type Store } from "../src/db/store.js";
import { UserError } from "../src/errors.js";
import { resolveTimezone, setMemberTimezone, zoneIn } from "../src/settings/index.js";
import { type Board, readBoard, rebuildBoards, refreshLapse, slotOf, sweepLapsed } from "../src/streaks/boards.js";
import { currentStreak } from "../src/streaks/engine.js";
import { allRestDays } from "../src/streaks/rest.js";
import { cancelRest, planRest } from "../src/streaks/rest-plan.js";
import {
  type DailyResult,
  readState,
  rebuildState,
  recordDaily,
  recordPractice,
  shownStreak,
} from "../src/streaks/store.js";
import { addDays, localDate } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { modelDate } from "./support/model-date.js";
import { ENGINE, freshStore } from "./support/store.js";

/**
 * A small reference model of the streak rules, written apart from src/streaks: its own calendar (Intl en-CA),
 * its own day arithmetic and a plain replay. The real store is driven through the streak use cases that
 * /challenge done and practice record with (in the member's zone at the clock's now), and through rest days and
 * zone changes, and must agree with the model on every figure.
 */

const ZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/New_York",
  "America/St_Johns",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
];

/** Starts just before DST changes in the US, Europe, Australia and New Zealand (both directions). */
const STARTS = [
  "2026-03-06T18:00:00Z",
  "2026-03-27T18:00:00Z",
  "2026-04-03T18:00:00Z",
  "2026-09-25T18:00:00Z",
  "2026-10-02T18:00:00Z",
  "2026-10-23T18:00:00Z",
  "2026-10-30T18:00:00Z",
].map((s) => Date.parse(s));

const dayIndex = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

type Event =
  | { type: "daily"; minutes: number }
  | { type: "practice"; minutes: number; challenge: string }
  | { type: "zone"; minutes: number; zone: string }
  /** Plans `days` rest days from `offset` days after today (refused as the rules say). */
  | { type: "rest"; minutes: number; offset: number; days: number }
  | { type: "cancel"; minutes: number };

interface ModelResult {
  days: number;
  total: number;
  current: number;
  longest: number;
  freezes: number;
  freezesUsed: number;
  shownCurrent: number;
  credited: { date: string; zone: string; at: number }[];
  months: Record<string, number>;
  rest: string[];
  /** Credits whose gap held a rest day (for coverage). */
  restedGaps: number;
}

const ALLOWANCE = 14;
const dateOfIndex = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

function model(start: number, startZone: string, events: Event[]): ModelResult {
  let at = start;
  let zone = startZone;
  const credited: { date: string; zone: string; at: number }[] = [];
  const practised = new Set<string>();
  const months: Record<string, number> = {};
  const rest = new Set<string>();
  const bump = (date: string) => {
    months[date.slice(0, 7)] = (months[date.slice(0, 7)] ?? 0) + 1;
  };
  /** Days strictly between two day indexes that are not rest days. */
  const workDaysBetween = (after: number, before: number) => {
    let n = 0;
    for (let d = after + 1; d < before; d++) if (!rest.has(dateOfIndex(d))) n += 1;
    return n;
  };
  let current = 0;
  let longest = 0;
  let freezes = 0;
  let freezesUsed = 0;
  let sinceGap = 0;
  let restedGaps = 0;
  for (const e of events) {
    at += e.minutes * 60_000;
    const last = credited[credited.length - 1];
    const today = modelDate(at, zone);
    if (e.type === "zone") zone = e.zone;
    else if (e.type === "practice") {
      if (!practised.has(e.challenge)) {
        practised.add(e.challenge);
        bump(today);
      }
    } else if (e.type === "rest") {
      const first = dayIndex(today) + e.offset;
      const dates = Array.from({ length: e.days }, (_, i) => dateOfIndex(first + i));
      const fresh = dates.filter((d) => !rest.has(d));
      const overAllowance = [...new Set(dates.map((d) => d.slice(0, 4)))].some(
        (year) =>
          [...rest].filter((d) => d.startsWith(year)).length + fresh.filter((d) => d.startsWith(year)).length >
          ALLOWANCE,
      );
      const allowed = e.offset >= 0 && (!last || (dates[0] as string) > last.date) && !overAllowance;
      if (allowed) for (const d of fresh) rest.add(d);
    } else if (e.type === "cancel") {
      const from = last && last.date >= today ? dateOfIndex(dayIndex(last.date) + 1) : today;
      for (const d of [...rest]) if (d >= from) rest.delete(d);
    } else if (!last || today > last.date) {
      const reference = last ? Math.min(dayIndex(today), dayIndex(modelDate(at, last.zone))) : 0;
      const missed = last ? workDaysBetween(dayIndex(last.date), reference) : 0;
      if (last && missed < Math.max(0, reference - dayIndex(last.date) - 1)) restedGaps += 1;
      if (!last || missed > 1 || (missed === 1 && freezes === 0)) {
        current = 1;
        sinceGap = 1;
      } else if (missed === 1) {
        freezes -= 1;
        freezesUsed += 1;
        current += 1;
        sinceGap = 1;
      } else {
        current += 1;
        sinceGap += 1;
      }
      if (sinceGap % 7 === 0) freezes = Math.min(2, freezes + 1);
      longest = Math.max(longest, current);
      rest.delete(today);
      credited.push({ date: today, zone, at });
      bump(today);
    }
  }
  const last = credited[credited.length - 1];
  let shownCurrent = 0;
  if (last) {
    const today = modelDate(at, zone);
    const missed = workDaysBetween(dayIndex(last.date), Math.min(dayIndex(today), dayIndex(modelDate(at, last.zone))));
    const alive = today <= last.date || missed <= 0 || (missed === 1 && freezes > 0);
    shownCurrent = alive ? current : 0;
  }
  return {
    days: credited.length,
    total: credited.length + practised.size,
    current,
    longest,
    freezes,
    freezesUsed,
    shownCurrent,
    credited,
    months,
    rest: [...rest].sort(),
    restedGaps,
  };
}

const GUILD = "200000000000000001";

/**
 * Each event is a few store calls: on PostgreSQL each statement is a round trip to the server rather than a call
 * into the same process, so the properties with no coverage check (which needs every sequence) play a quarter of
 * the sequences there, still many hundreds of presses each.
 */
const runs = (n: number) => (ENGINE === "postgres" ? Math.ceil(n / 4) : n);
const TIMEOUT_MS = ENGINE === "postgres" ? 600_000 : 60_000;
const content = makeLibrary([3, 3, 2]);
const challengeIds = content.challenges.map((c) => c.id);

/** Mostly about a day apart (so streaks and freezes build up), some close together, some missing a day, any. */
const minutesArb = (max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: Math.min(max, 18 * 60), max: Math.min(max, 30 * 60) }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.min(max, 6 * 60) }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(max, 40 * 60), max: Math.min(max, 54 * 60) }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );

const restArbs: fc.WeightedArbitrary<Event>[] = [
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("rest" as const),
      minutes: fc.integer({ min: 0, max: 12 * 60 }),
      offset: fc.integer({ min: -1, max: 3 }),
      days: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("cancel" as const), minutes: fc.integer({ min: 0, max: 12 * 60 }) }),
  },
];

const eventArb = (maxMinutes: number, rest = false): fc.Arbitrary<Event> =>
  fc.oneof(
    ...(rest ? restArbs : []),
    { weight: 7, arbitrary: fc.record({ type: fc.constant("daily" as const), minutes: minutesArb(maxMinutes) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("practice" as const),
        minutes: fc.integer({ min: 0, max: 120 }),
        challenge: fc.constantFrom(...challengeIds),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("zone" as const),
        minutes: fc.integer({ min: 0, max: 12 * 60 }),
        zone: fc.constantFrom(...ZONES),
      }),
    },
  );

describe(`streaks against a reference model (${ENGINE})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  let clock: ManualClock;
  let ctx: { store: Store; config: ReturnType<typeof parseConfig>; clock: ManualClock };
  let member = 0;

  beforeAll(async () => {
    ({ store, close } = await freshStore());
    clock = new ManualClock(0);
    ctx = { store, config: parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "UTC" }), clock };
  });
  afterAll(() => close());

  let outcomes: DailyResult[] = [];

  /** The member's date and zone now, as /challenge reads them. */
  async function today(guildId: string, userId: string) {
    const now = clock.now();
    const zone = await resolveTimezone(ctx, guildId, userId);
    return { date: localDate(now, zone), zone, at: now.getTime() };
  }

  /** What /challenge done records: the daily completion of the member's today. */
  async function completeToday(guildId: string, userId: string): Promise<DailyResult> {
    return recordDaily(ctx, { guildId, userId, ...(await today(guildId, userId)), challengeId: "daily", note: null });
  }

  /** What a practice challenge's Done button records. */
  async function completePractice(guildId: string, userId: string, challengeId: string): Promise<void> {
    await recordPractice(ctx, { guildId, userId, ...(await today(guildId, userId)), challengeId });
  }

  /** Plays the events through the use cases the commands use; returns the member's id. */
  async function play(start: number, startZone: string, events: Event[]): Promise<string> {
    outcomes = [];
    member += 1;
    const userId = String(500000000000000000n + BigInt(member));
    clock.set(start);
    await setMemberTimezone(ctx, userId, startZone, clock.now());
    for (const e of events) {
      clock.advance(e.minutes * 60_000);
      if (e.type === "zone") {
        const before = await readState(ctx, GUILD, userId);
        await setMemberTimezone(ctx, userId, e.zone, clock.now());
        await refreshLapse(ctx, userId, (s, g) => zoneIn(s, ctx.config.DEFAULT_TIMEZONE, g, userId));
        expect(await readState(ctx, GUILD, userId)).toEqual(before);
      } else if (e.type === "practice") await completePractice(GUILD, userId, e.challenge);
      else if (e.type === "rest") {
        const { date } = await today(GUILD, userId);
        try {
          await planRest(ctx, GUILD, userId, e.days, addDays(date, e.offset));
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
        }
      } else if (e.type === "cancel") await cancelRest(ctx, GUILD, userId);
      else outcomes.push(await completeToday(GUILD, userId));
    }
    return userId;
  }

  const query = (statement: SQL) =>
    store.read(function* () {
      return yield* rows<Record<string, unknown>>(statement);
    });

  it(
    "gives exactly the model's streaks, freezes and totals for random presses, zones, zone changes and DST",
    async () => {
      const seen = { bridged: 0, restarted: 0, earned: 0, zoneChangedBetweenCredits: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.integer({ min: 0, max: 24 * 60 }),
          fc.constantFrom(...ZONES),
          fc.array(eventArb(60 * 60), { minLength: 1, maxLength: 60, size: "max" }),
          async (base, shift, startZone, events) => {
            const start = base + shift * 60_000;
            const userId = await play(start, startZone, events);
            const expected = model(start, startZone, events);
            const state = await readState(ctx, GUILD, userId);
            expect({
              days: state.days,
              total: state.total,
              current: state.current,
              longest: state.longest,
              freezes: state.freezes,
              freezesUsed: state.freezesUsed,
            }).toEqual({
              days: expected.days,
              total: expected.total,
              current: expected.current,
              longest: expected.longest,
              freezes: expected.freezes,
              freezesUsed: expected.freezesUsed,
            });
            const zone = await resolveTimezone(ctx, GUILD, userId);
            expect(currentStreak(state, clock.now().getTime(), zone)).toBe(expected.shownCurrent);
            const daily = await query(
              sql`SELECT local_date AS date, zone, completed_at AS at FROM completions WHERE user_id = ${userId} AND kind = 'daily' ORDER BY id`,
            );
            expect(daily).toEqual(expected.credited);
            const months = Object.fromEntries(
              (
                await query(
                  sql`SELECT board, value FROM board_entries WHERE user_id = ${userId} AND board LIKE 'month:%'`,
                )
              ).map((r) => [String(r.board).slice(6), r.value]),
            );
            expect(months).toEqual(expected.months);
            expect(await store.read(rebuildState, GUILD, userId)).toEqual(state);
            if (expected.freezesUsed > 0) seen.bridged += 1;
            if (expected.longest > expected.current || expected.current < expected.days) seen.restarted += 1;
            if (expected.freezes > 0) seen.earned += 1;
            if (expected.credited.some((c, i) => i > 0 && c.zone !== expected.credited[i - 1]?.zone)) {
              seen.zoneChangedBetweenCredits += 1;
            }
          },
        ),
        { numRuns: 200 },
      );
      // The generated sequences really reach freezes, bridges, breaks and zone changes.
      expect(Math.min(...Object.values(seen)), JSON.stringify(seen)).toBeGreaterThan(5);
    },
    TIMEOUT_MS,
  );

  it(
    "with planned rest days (with and without freezes, zone changes, DST) gives exactly the model's figures, and a rebuild from the log and rest days equals them",
    async () => {
      const seen = { restedGaps: 0, bridged: 0, restarted: 0, withRest: 0, zoneChanges: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.integer({ min: 0, max: 24 * 60 }),
          fc.constantFrom(...ZONES),
          fc.array(eventArb(60 * 60, true), { minLength: 1, maxLength: 60, size: "max" }),
          async (base, shift, startZone, events) => {
            const start = base + shift * 60_000;
            const userId = await play(start, startZone, events);
            const expected = model(start, startZone, events);
            const state = await readState(ctx, GUILD, userId);
            expect({
              days: state.days,
              current: state.current,
              longest: state.longest,
              freezes: state.freezes,
              freezesUsed: state.freezesUsed,
              rest: await store.read(allRestDays, GUILD, userId),
            }).toEqual({
              days: expected.days,
              current: expected.current,
              longest: expected.longest,
              freezes: expected.freezes,
              freezesUsed: expected.freezesUsed,
              rest: expected.rest,
            });
            const zone = await resolveTimezone(ctx, GUILD, userId);
            const now = clock.now().getTime();
            expect((await shownStreak(ctx, GUILD, userId, now, zone)).current).toBe(expected.shownCurrent);
            expect(await store.read(rebuildState, GUILD, userId)).toEqual(state);
            // The current board holds the streak exactly while it is shown, however rest days moved its lapse.
            await sweepLapsed(ctx, GUILD, now);
            const onBoard = await query(
              sql`SELECT value FROM board_entries WHERE guild_id = ${GUILD} AND user_id = ${userId} AND board = 'current'`,
            );
            expect(onBoard.map((r) => r.value)).toEqual(expected.shownCurrent > 0 ? [expected.shownCurrent] : []);
            seen.restedGaps += expected.restedGaps > 0 ? 1 : 0;
            if (expected.freezesUsed > 0) seen.bridged += 1;
            if (expected.longest > expected.current) seen.restarted += 1;
            if (expected.rest.length > 0) seen.withRest += 1;
            if (events.some((e) => e.type === "zone")) seen.zoneChanges += 1;
          },
        ),
        { numRuns: 200 },
      );
      expect(Math.min(...Object.values(seen)), JSON.stringify(seen)).toBeGreaterThan(5);
    },
    TIMEOUT_MS,
  );

  it(
    "never credits a day twice, whatever the presses: daily dates strictly increase",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.constantFrom(...ZONES),
          fc.array(eventArb(20 * 60), { minLength: 1, maxLength: 80, size: "max" }),
          async (start, startZone, events) => {
            const userId = await play(start, startZone, events);
            const dates = (
              await query(
                sql`SELECT local_date FROM completions WHERE user_id = ${userId} AND kind = 'daily' ORDER BY id`,
              )
            ).map((r) => String(r.local_date));
            expect(new Set(dates).size).toBe(dates.length);
            expect([...dates].sort()).toEqual(dates);
            expect((await readState(ctx, GUILD, userId)).days).toBe(dates.length);
          },
        ),
        { numRuns: runs(100) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "never breaks a streak across credited completions at most 23 hours apart, whatever the zone changes",
    async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.constantFrom(...ZONES),
          fc.array(
            fc.record({ minutes: fc.integer({ min: 1, max: 23 * 60 }), zone: fc.option(fc.constantFrom(...ZONES)) }),
            { minLength: 1, maxLength: 40, size: "max" },
          ),
          async (start, startZone, steps) => {
            const events: Event[] = steps.flatMap((s) => [
              ...(s.zone ? [{ type: "zone" as const, minutes: 0, zone: s.zone }] : []),
              { type: "daily" as const, minutes: s.minutes },
            ]);
            await play(start, startZone, events);
            let previousAt: number | null = null;
            for (const o of outcomes) {
              if (o.status !== "recorded") continue;
              const at = o.state.lastAt as number;
              if (previousAt !== null && at - previousAt <= 23 * 3_600_000) {
                expect(o.outcome.kind).toBe("continued");
                checked += 1;
              }
              previousAt = at;
            }
          },
        ),
        { numRuns: 100 },
      );
      expect(checked).toBeGreaterThan(200);
    },
    TIMEOUT_MS,
  );

  it(
    "never inflates: credited days outrun real time by no more than the spread between zones",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.constantFrom(...ZONES),
          fc.array(eventArb(6 * 60), { minLength: 2, maxLength: 80, size: "max" }),
          async (start, startZone, events) => {
            const userId = await play(start, startZone, events);
            const at = (
              await query(
                sql`SELECT completed_at AS at FROM completions WHERE user_id = ${userId} AND kind = 'daily' ORDER BY id`,
              )
            ).map((r) => Number(r.at));
            if (at.length < 2) return;
            const span = (at[at.length - 1] as number) - (at[0] as number);
            // In one zone, n distinct dates need more than n - 2 days (23:59 then 00:00 gives two in a minute). Moving
            // zones can gain at most the widest offset gap, 26 hours, on top.
            expect(at.length).toBeLessThan((span + 26 * 3_600_000) / 86_400_000 + 2);
          },
        ),
        { numRuns: runs(100) },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "ranks every member on every board exactly as a full sort would; the boards rebuild exactly from the log",
    async () => {
      const guild = "200000000000000777";
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              user: fc.integer({ min: 1, max: 12 }),
              minutes: fc.integer({ min: 0, max: 30 * 60 }),
              practice: fc.boolean(),
            }),
            { minLength: 1, maxLength: 120 },
          ),
          async (presses) => {
            await store.write(function* () {
              for (const table of [
                "board_entries",
                "board_value_counts",
                "board_slot_counts",
                "member_stats",
                "completions",
              ])
                yield* exec(sql`DELETE FROM ${sql.raw(table)} WHERE guild_id = ${guild}`);
            });
            clock.set("2026-05-01T00:00:00Z");
            for (const p of presses) {
              clock.advance(p.minutes * 60_000);
              const userId = String(600000000000000000n + BigInt(p.user));
              if (p.practice)
                await completePractice(guild, userId, challengeIds[p.minutes % challengeIds.length] as string);
              else await completeToday(guild, userId);
            }
            const boards = (await query(sql`SELECT DISTINCT board FROM board_entries WHERE guild_id = ${guild}`)).map(
              (r) => String(r.board) as Board,
            );
            for (const board of boards) {
              const entries = (await query(
                sql`SELECT user_id AS "userId", value, reached_at AS "reachedAt" FROM board_entries WHERE guild_id = ${guild} AND board = ${board}`,
              )) as { userId: string; value: number; reachedAt: number }[];
              const sorted = [...entries].sort(
                (a, b) => b.value - a.value || a.reachedAt - b.reachedAt || (a.userId < b.userId ? -1 : 1),
              );
              for (const [i, entry] of sorted.entries()) {
                const view = await readBoard(ctx, guild, board, entry.userId, 3);
                expect(view.me?.rank).toBe(i + 1);
                expect(view.size).toBe(entries.length);
              }
              expect((await readBoard(ctx, guild, board, "nobody", 10)).top.map((r) => r.userId)).toEqual(
                sorted.slice(0, 10).map((e) => e.userId),
              );
              const byValue: Record<number, number> = {};
              const bySlot: Record<string, number> = {};
              for (const e of entries) {
                byValue[e.value] = (byValue[e.value] ?? 0) + 1;
                bySlot[`${e.value}/${slotOf(e.reachedAt)}`] = (bySlot[`${e.value}/${slotOf(e.reachedAt)}`] ?? 0) + 1;
              }
              const storedValues = Object.fromEntries(
                (
                  await query(
                    sql`SELECT value, n FROM board_value_counts WHERE guild_id = ${guild} AND board = ${board}`,
                  )
                ).map((r) => [r.value, r.n]),
              );
              const storedSlots = Object.fromEntries(
                (
                  await query(
                    sql`SELECT value, slot, n FROM board_slot_counts WHERE guild_id = ${guild} AND board = ${board}`,
                  )
                ).map((r) => [`${r.value}/${r.slot}`, r.n]),
              );
              expect(storedValues).toEqual(byValue);
              expect(storedSlots).toEqual(bySlot);
            }
            for (let u = 1; u <= 12; u++) {
              const userId = String(600000000000000000n + BigInt(u));
              expect(await store.read(rebuildState, guild, userId)).toEqual(await readState(ctx, guild, userId));
            }
            const now = clock.now().getTime();
            await sweepLapsed(ctx, guild, now);
            const snapshot = () =>
              Promise.all(
                ["board_entries", "board_value_counts", "board_slot_counts"].map((table) =>
                  query(sql`SELECT * FROM ${sql.raw(table)} WHERE guild_id = ${guild} ORDER BY 1, 2, 3, 4`),
                ),
              );
            const kept = await snapshot();
            await rebuildBoards(ctx, guild, now, (s, userId) => zoneIn(s, ctx.config.DEFAULT_TIMEZONE, guild, userId));
            expect(await snapshot()).toEqual(kept);
          },
        ),
        { numRuns: runs(60) },
      );
    },
    TIMEOUT_MS,
  );
});
