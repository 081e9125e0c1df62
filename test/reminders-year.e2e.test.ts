import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeToday } from "../src/challenges/complete.js";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { setReminder } from "../src/reminders/store.js";
import { setMemberTimezone } from "../src/settings/index.js";
import { planRest } from "../src/streaks/rest-plan.js";
import { addDays, dayNumber, offsetMinutes } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";
import { wallClock } from "./support/wall-clock.js";

/** A library without checked answers, so every reminder's Mark done completes the day on its own. */
const LIBRARY = makeLibrary([4, 5, 3]);

const ZONES = ["America/New_York", "Europe/Berlin", "Pacific/Auckland"] as const;
const TIMES = ["02:30", "21:00"] as const;
const CASES = ZONES.flatMap((zone) => TIMES.map((time) => ({ zone, time })));
const GUILD = "200000000000000001";
const START = "2026-01-01T00:00:00Z";
const END = "2027-01-01T00:00:00Z";
const STEP = 30 * 60_000;
/** Rest days planned at the start of the year, in every member's calendar. */
const REST = [
  ...Array.from({ length: 4 }, (_, i) => addDays("2026-03-06", i)),
  ...Array.from({ length: 5 }, (_, i) => addDays("2026-11-20", i)),
];
/** Every third date the member completes the challenge at 00:30, before either reminder time. */
const isDoneDay = (date: string) => dayNumber(date) % 3 === 0;

const SPRING_FORWARD: Record<string, string> = {
  "America/New_York": "2026-03-08",
  "Europe/Berlin": "2026-03-29",
  "Pacific/Auckland": "2026-09-27",
};
const REPEATED_0230: Record<string, { date: string; offset: number }> = {
  "Europe/Berlin": { date: "2026-10-25", offset: 120 },
  "Pacific/Auckland": { date: "2026-04-05", offset: 780 },
};

describe("a year of reminders in New York, Berlin and Auckland at 02:30 and 21:00", () => {
  const clock = new ManualClock(START);
  const members = CASES.map((_, i) => aUser(100 + i));
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ content: LIBRARY, clock });
    const ctx = t.bot.ctx;
    for (const [i, { zone, time }] of CASES.entries()) {
      const userId = members[i]?.id ?? "";
      await setMemberTimezone(ctx, userId, zone, clock.now());
      await setReminder(ctx, { guildId: GUILD, userId, time, onlyStreak: false }, clock.now());
      await planRest(ctx, GUILD, userId, 4, REST[0] ?? null);
      await planRest(ctx, GUILD, userId, 5, REST[4] ?? null);
    }
    for (let at = Date.parse(START); at <= Date.parse(END); at += STEP) {
      clock.set(at);
      for (const [i, { zone }] of CASES.entries()) {
        const local = wallClock(clock.now(), zone);
        if (local.time === "00:30" && isDoneDay(local.date)) await completeToday(ctx, GUILD, members[i]?.id ?? "");
      }
      await t.bot.reminders.tick();
    }
  }, 240_000);

  afterAll(async () => {
    await t.stop();
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))(
    "$zone at $time: one a day at the local time, none on rest days or done days",
    async ({ zone, time, i }) => {
      const userId = members[i]?.id ?? "";
      const { sends, completed } = await t.bot.ctx.store.read(function* (s) {
        const { reminderSends, completions } = s.t;
        return {
          sends: yield* all(s.db.select().from(reminderSends).where(eq(reminderSends.userId, userId))),
          completed: yield* all(s.db.select().from(completions).where(eq(completions.userId, userId))),
        };
      });
      const rows = sends.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const sent = rows.filter((r) => r.status === "sent");
      // The done days that really happened (a 00:30 already past at the start of the run did not).
      const done = new Set(completed.map((c) => c.localDate));
      expect([...done].every(isDoneDay)).toBe(true);
      expect(done.size).toBeGreaterThan(115);
      const dms = t.discord.dmsTo(userId);
      expect(dms).toHaveLength(sent.length);
      expect(new Set(sent.map((s) => s.messageId))).toEqual(new Set(dms.map((m) => m.id)));
      expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
      for (const row of sent) {
        // On the tick of its own minute, at the local time (03:30 where 02:30 does not exist, the first 02:30 where it repeats).
        expect(row.claimedAt?.getTime()).toBe(row.dueAt.getTime());
        const local = wallClock(row.dueAt, zone);
        expect(local.date).toBe(row.date);
        const expected = time === "02:30" && SPRING_FORWARD[zone] === local.date ? "03:30" : time;
        expect(local.time, `${zone} ${local.date}`).toBe(expected);
        const repeated = REPEATED_0230[zone];
        if (time === "02:30" && repeated?.date === local.date)
          expect(offsetMinutes(row.dueAt, zone)).toBe(repeated.offset);
        expect(REST).not.toContain(row.date);
        expect(done.has(row.date), row.date).toBe(false);
      }
      // Every date from the first to the last is accounted for: a reminder, a done day or a rest day.
      const first = rows[0]?.date ?? "";
      const last = rows.at(-1)?.date ?? "";
      const reminded = new Set(sent.map((s) => s.date));
      for (let date = first; date <= last; date = addDays(date, 1)) {
        expect(reminded.has(date) || REST.includes(date) || done.has(date), `${zone} ${time} ${date}`).toBe(true);
      }
      expect(dayNumber(last) - dayNumber(first)).toBeGreaterThanOrEqual(363);
      expect(sent.length).toBeGreaterThan(230);
    },
  );

  it("sent nothing outside Discord's limits", () => {
    expect(t.discord.violations).toEqual([]);
  });
});
