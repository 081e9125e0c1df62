import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { offsetMinutes } from "../src/time/index.js";
import { asAdmin } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { manyGuilds } from "./support/schedule-rig.js";
import { wallClock } from "./support/wall-clock.js";

const ZONES = ["America/New_York", "Europe/Berlin", "Pacific/Auckland"] as const;
const TIMES = ["02:30", "09:00"] as const;
const CASES = ZONES.flatMap((zone) => TIMES.map((time) => ({ zone, time })));
const START = "2026-01-01T00:00:00Z";
const END = "2027-01-01T00:00:00Z";
const STEP = 30 * 60_000;

/** Spring forward in 2026: 02:30 does not exist that Sunday, so the post comes at 03:30. */
const SPRING_FORWARD: Record<string, string> = {
  "America/New_York": "2026-03-08",
  "Europe/Berlin": "2026-03-29",
  "Pacific/Auckland": "2026-09-27",
};
/** Fall back in 2026 where 02:30 happens twice: the first (summer-time) occurrence is the one. */
const REPEATED_0230: Record<string, { date: string; offset: number }> = {
  "Europe/Berlin": { date: "2026-10-25", offset: 120 },
  "Pacific/Auckland": { date: "2026-04-05", offset: 780 },
};

describe("a year of weekly prompts in three zones, at 02:30 and at 09:00 on Sundays", () => {
  const guilds = manyGuilds(CASES.length);
  const clock = new ManualClock(START);
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ clock, loopback: { guilds } });
    for (const [i, { zone, time }] of CASES.entries()) {
      const guild = guilds[i];
      if (!guild) throw new Error("missing guild");
      await asAdmin(t.discord, guild.id, "config", "timezone", { zone });
      const reply = await asAdmin(t.discord, guild.id, "config", "weekly", {
        channel: guild.channels[0]?.id ?? "",
        day: "sun",
        time,
        thread: false,
      });
      expect(reply.final.content).toMatch(/^Weekly study prompt saved\./);
    }
    for (let at = Date.parse(START); at <= Date.parse(END); at += STEP) {
      clock.set(at);
      await t.bot.scheduler.tick();
    }
  }, 120_000);

  afterAll(async () => {
    await t.stop();
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))(
    "$zone at $time: one post every Sunday, at the local time, nothing else",
    async ({ zone, time, i }) => {
      const guild = guilds[i];
      if (!guild) throw new Error("missing guild");
      const posts = t.discord.channelMessages.get(guild.channels[0]?.id ?? "") ?? [];
      const slots = (
        await t.bot.ctx.store.read(function* (s) {
          return yield* all(s.db.select().from(s.t.scheduleSlots));
        })
      )
        .filter((s) => s.guildId === guild.id)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      // 2026 has 52 Sundays from 4 January to 27 December, in every zone.
      expect(posts).toHaveLength(52);
      expect(slots).toHaveLength(52);
      expect(new Set(slots.map((s) => s.period)).size).toBe(52);
      expect(new Set(slots.map((s) => s.messageId))).toEqual(new Set(posts.map((p) => p.id)));
      for (const slot of slots) {
        expect(slot.status).toBe("sent");
        // Posted on the tick of its own minute, not later.
        expect(slot.claimedAt?.getTime()).toBe(slot.dueAt.getTime());
        const local = wallClock(slot.dueAt, zone);
        expect(new Date(`${local.date}T12:00:00Z`).getUTCDay()).toBe(0);
        const expected = time === "02:30" && SPRING_FORWARD[zone] === local.date ? "03:30" : time;
        expect(local.time, `${zone} ${local.date}`).toBe(expected);
        const repeated = REPEATED_0230[zone];
        if (time === "02:30" && repeated?.date === local.date)
          expect(offsetMinutes(slot.dueAt, zone)).toBe(repeated.offset);
      }
      expect(wallClock(slots[0]?.dueAt ?? new Date(0), zone).date).toBe("2026-01-04");
      expect(wallClock(slots.at(-1)?.dueAt ?? new Date(0), zone).date).toBe("2026-12-27");
      // And no prompt came round twice in the year.
      expect(new Set(slots.map((s) => s.contentId)).size).toBe(52);
    },
  );

  it("sent nothing outside Discord's limits", () => {
    expect(t.discord.violations).toEqual([]);
  });
});
