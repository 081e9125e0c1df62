import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { loadContent } from "../src/content/load.js";
import { run, type Session } from "../src/db/store.js";
import { slotNonce } from "../src/jobs/claim.js";
import { latestSlot } from "../src/jobs/slots.js";
import type { ScheduleDiscord } from "../src/schedule/discord.js";
import { Scheduler, type SchedulerCtx } from "../src/schedule/scheduler.js";
import { describeSettings, plannedPosts } from "../src/schedule/status.js";
import { configureSchedule, getSchedule, getSlot, type SlotRow } from "../src/schedule/store.js";
import { setGuildTimezone } from "../src/settings/index.js";
import { offsetMinutes } from "../src/time/index.js";
import { openStoreOn } from "./support/schedule-rig.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

/**
 * The tick and /config show (with /schedule preview, through plannedPosts) must agree on what is due, since an
 * admin reads the one to predict the other. Each run sets up one schedule and its latest slot's record in a fresh
 * database, reads /config show, then runs one tick against a Discord that records what it is asked to do.
 */

const GUILD = "200000000000000001";
const CHANNEL = "300000000000000001";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Pacific/Auckland",
  "Australia/Lord_Howe", // 30-minute DST
  "Asia/Kathmandu", // +05:45, no DST
  "America/Havana", // transition at midnight
  "Pacific/Chatham", // +12:45 / +13:45
] as const;

type Stored = SlotRow["status"] | undefined;
const STORED: Stored[] = [undefined, "claimed", "posted", "sent", "missed", "failed"];

const transitions = new Map<string, number[]>();
/** Instants near which `zone`'s offset changed in 2024-2030 (to the day), so runs often straddle a DST change. */
function transitionDays(zone: string): number[] {
  let found = transitions.get(zone);
  if (found) return found;
  found = [];
  let before = offsetMinutes(new Date(Date.UTC(2024, 0, 1)), zone);
  for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2031, 0, 1); day += DAY) {
    const after = offsetMinutes(new Date(day + DAY), zone);
    if (after !== before) found.push(day);
    before = after;
  }
  transitions.set(zone, found);
  return found;
}

const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.oneof(fc.constantFrom(0, 15, 30, 45), fc.integer({ min: 0, max: 59 })))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);

const caseArb = fc
  .record({
    kind: fc.constantFrom("weekly" as const, "daily" as const),
    weekday: fc.integer({ min: 1, max: 7 }),
    time: timeArb,
    thread: fc.boolean(),
    zone: fc.constantFrom(...ZONES),
    /** The guild's own zone, or none set (Gradient's default zone, here the same zone). */
    zoneSet: fc.boolean(),
    weeklyHours: fc.integer({ min: 1, max: 72 }),
    dailyHours: fc.integer({ min: 1, max: 12 }),
    stored: fc.constantFrom(...STORED),
    /** The clock starts from an instant uniform in 2024-2030, or within days of one of the zone's DST changes. */
    nearTransition: fc.boolean(),
    pick: fc.nat(),
    uniform: fc.integer({ min: Date.UTC(2024, 0, 8), max: Date.UTC(2030, 11, 20) }),
    jitter: fc.integer({ min: -4 * DAY, max: 4 * DAY }),
    /** How long after the latest slot's time the clock reads: about the window's edge, or anything. */
    lateness: fc.oneof(
      fc.constant("edge" as const),
      fc.constant("past-edge" as const),
      fc.integer({ min: 0, max: 80 * HOUR }),
    ),
    /** When the schedule was last configured, before now. */
    configuredAgo: fc.oneof(fc.constant("at-due" as const), fc.integer({ min: 0, max: 9 * DAY })),
  })
  .map((c) => {
    const days = transitionDays(c.zone);
    const base = c.nearTransition && days.length > 0 ? (days[c.pick % days.length] as number) + c.jitter : c.uniform;
    const rule = { kind: c.kind, weekday: c.kind === "weekly" ? c.weekday : null, time: c.time, zone: c.zone };
    const hours = c.kind === "weekly" ? c.weeklyHours : c.dailyHours;
    const due = latestSlot(rule, new Date(base)).due.getTime();
    const late = c.lateness === "edge" ? hours * HOUR : c.lateness === "past-edge" ? hours * HOUR + 1 : c.lateness;
    const now = due + late;
    const effectiveFrom = c.configuredAgo === "at-due" ? due : now - c.configuredAgo;
    return { ...c, rule, hours, now, effectiveFrom };
  });

function recordingDiscord() {
  const posted: string[] = [];
  const threads: string[] = [];
  let id = 400000000000000000n;
  const discord: ScheduleDiscord = {
    botUserId: () => "100000000000000001",
    async postMessage(_channelId, body) {
      posted.push(String(body.nonce));
      id += 1n;
      return { id: String(id) };
    },
    async startThread(_channelId, messageId) {
      threads.push(messageId);
      id += 1n;
      return { id: String(id) };
    },
    // History unreadable: a recovered claim is sent again with its nonce, which is what this test watches for.
    async recentMessages() {
      throw new Error("no history");
    },
  };
  return { discord, posted, threads };
}

let database: TestDatabase;
let opened: Awaited<ReturnType<typeof openStoreOn>>;
const content = loadContent();
beforeAll(async () => {
  database = await freshDatabase();
  opened = await openStoreOn(database);
});
afterAll(async () => {
  await opened.store.close();
  await database.remove();
});

/** A slot record as a process left it. */
function* storeSlot(s: Session, values: typeof s.t.scheduleSlots.$inferInsert) {
  yield* run(s.db.insert(s.t.scheduleSlots).values(values));
}

async function setUp(c: {
  zone: string;
  zoneSet: boolean;
  weeklyHours: number;
  dailyHours: number;
  now: number;
}): Promise<SchedulerCtx> {
  await opened.store.write(function* (s) {
    for (const table of [s.t.scheduleSlots, s.t.schedules, s.t.dailyChallenges, s.t.guilds])
      yield* run(s.db.delete(table));
  });
  const config = parseConfig({
    DISCORD_TOKEN: "test",
    ...database.env,
    DEFAULT_TIMEZONE: c.zone,
    SCHEDULE_WEEKLY_CATCH_UP_HOURS: String(c.weeklyHours),
    SCHEDULE_DAILY_CATCH_UP_HOURS: String(c.dailyHours),
  });
  const ctx: SchedulerCtx = {
    ...opened,
    config,
    clock: new ManualClock(c.now),
    log: pino({ level: "silent" }),
    content,
  };
  if (c.zoneSet) await setGuildTimezone(ctx, GUILD, c.zone);
  return ctx;
}

/** What /config show says about the schedule's next posts. */
async function shownNext(ctx: SchedulerCtx, kind: "weekly" | "daily"): Promise<string> {
  const label = kind === "weekly" ? "Weekly study prompt" : "Daily challenge";
  const field = (await describeSettings(ctx, GUILD, null)).fields?.find((f) => f.name === label);
  return field?.value.split("\n").find((line) => line.startsWith("Next:")) ?? "";
}

describe("what is due, as the tick and /config show see it", () => {
  it("shows a post as catching up exactly when the next tick posts it, and the tick records missed exactly the owed slots it neither posts nor shows (property)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const ctx = await setUp(c);
        const now = new Date(c.now);
        await configureSchedule(
          ctx,
          {
            guildId: GUILD,
            kind: c.kind,
            channelId: CHANNEL,
            weekday: c.rule.weekday,
            time: c.time,
            thread: c.kind === "weekly" && c.thread,
            roleId: null,
            updatedBy: null,
          },
          new Date(c.effectiveFrom),
        );
        const latest = latestSlot(c.rule, now);
        const nonce = slotNonce(GUILD, c.kind, latest.period);
        if (c.stored) {
          const written = c.stored === "posted" || c.stored === "sent";
          await ctx.store.write(storeSlot, {
            guildId: GUILD,
            kind: c.kind,
            period: latest.period,
            status: c.stored,
            dueAt: latest.due,
            channelId: CHANNEL,
            nonce,
            attempts: 1,
            messageId: written ? "399999999999999999" : null,
            claimedBy: "a-process-that-died",
            claimedAt: latest.due,
          });
        }

        const schedule = await getSchedule(ctx, GUILD, c.kind);
        if (!schedule) throw new Error("no schedule");
        const shown = await shownNext(ctx, c.kind);
        const listed = (await plannedPosts(ctx, schedule, c.zone, 2)).filter((p) => p.catchingUp);
        expect(shown.includes("due now, catching up")).toBe(listed.length > 0);
        expect(listed.every((p) => p.slot.period === latest.period)).toBe(true);

        const { discord, posted, threads } = recordingDiscord();
        const report = await new Scheduler(ctx, { discord }).tick();
        const tickPosted = posted.filter((n) => n === nonce).length;

        // The agreement itself: listed as catching up if and only if this tick posts it, once.
        expect(tickPosted).toBe(listed.length > 0 ? 1 : 0);
        expect(posted.length).toBe(tickPosted);
        // Missed exactly when the slot is this configuration's, still owed, and neither shown nor posted.
        const owned = latest.due.getTime() >= c.effectiveFrom;
        const owed = c.stored === undefined || c.stored === "claimed";
        expect(report.missed).toBe(owned && owed && listed.length === 0 ? 1 : 0);
        // And the rule itself, said independently: owed, this configuration's, and inside the window.
        expect(listed.length > 0).toBe(owned && owed && c.now - latest.due.getTime() <= c.hours * HOUR);
        // A message that exists is never shown or sent again; an owed thread is opened instead.
        if (c.stored === "posted" && owned) {
          expect((await getSlot(ctx, GUILD, c.kind, latest.period))?.status).toBe("sent");
          expect(threads).toHaveLength(c.kind === "weekly" && c.thread ? 1 : 0);
        } else {
          expect(threads).toHaveLength(tickPosted > 0 && c.kind === "weekly" && c.thread ? 1 : 0);
        }
        // Whatever the tick did, /config show no longer offers this slot as catching up.
        expect(await shownNext(ctx, c.kind)).not.toContain("catching up");
        expect(report.errors).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it("does not show a weekly post whose message exists as catching up, and the tick opens only its owed thread, even past the window", async () => {
    // Tuesday 09:00 UTC: a day after Monday 10:00 in Berlin, past the 12 h window.
    const now = Date.parse("2026-03-03T09:00:00Z");
    const ctx = await setUp({ zone: "Europe/Berlin", zoneSet: true, weeklyHours: 12, dailyHours: 3, now });
    const settings = { guildId: GUILD, kind: "weekly" as const, channelId: CHANNEL, weekday: 1, time: "10:00" };
    await configureSchedule(
      ctx,
      { ...settings, thread: true, roleId: null, updatedBy: null },
      new Date("2026-03-01T00:00:00Z"),
    );
    await ctx.store.write(storeSlot, {
      guildId: GUILD,
      kind: "weekly",
      period: "2026-W10",
      status: "posted",
      dueAt: new Date("2026-03-02T09:00:00Z"),
      channelId: CHANNEL,
      nonce: slotNonce(GUILD, "weekly", "2026-W10"),
      attempts: 1,
      messageId: "399999999999999999",
    });
    expect(await shownNext(ctx, "weekly")).not.toContain("catching up");
    expect(await shownNext(ctx, "weekly")).toContain("Mon 9 Mar 2026, 10:00");
    const { discord, posted, threads } = recordingDiscord();
    const report = await new Scheduler(ctx, { discord }).tick();
    expect(report).toMatchObject({ missed: 0, outcomes: [{ status: "sent", messageId: "399999999999999999" }] });
    expect(posted).toEqual([]);
    expect(threads).toEqual(["399999999999999999"]);
  });
});
