import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { canvasLibrary } from "../src/images/canvas.js";
import { REPORT_FILE } from "../src/stats/render.js";
import { addDays, isoWeek } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, defaultGuild, type FakeUser, type InteractionReply } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const HOUR = 3_600_000;
const GUILD = defaultGuild();
const ZONE = "Asia/Tokyo";
/** Day 0 is Monday 2026-03-02 on the server's calendar (Tokyo, UTC+9); day 14 is Monday 2026-03-16. */
const DAY0 = "2026-03-02";
const LAST = 14;
/** Tokyo midnight of day `d` plus `hours`, as an instant (Tokyo has no DST). */
const at = (d: number, hours: number) => Date.parse(`${addDays(DAY0, d)}T00:00:00+09:00`) + hours * HOUR;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Who completes the daily on which day (at 07:00 Tokyo, i.e. 22:00 UTC of the day before, so a report counting
 * UTC dates would be a day off). R has a reminder at 08:00 and completes at 09:00 on even days (within 2 hours of
 * it) and at 11:00 on odd ones; P only practises.
 */
const members = {
  A: { user: aUser(501, "ada"), days: range(0, LAST) },
  B: { user: aUser(502, "bo"), days: range(12, LAST) },
  C: { user: aUser(503, "cy"), days: range(0, 4) },
  D: { user: aUser(504, "di"), days: [...range(0, 8), ...range(11, LAST)] },
  E: { user: aUser(505, "ed"), days: [...range(0, 6), ...range(8, LAST)] },
  R: { user: aUser(506, "ro"), days: range(0, LAST).filter((d) => d !== 5) },
} as const;
const PRACTICE = { user: aUser(507, "pi"), days: [3, 10] };

describe("/stats server, end to end through discord.js", () => {
  let t: TestBot;
  const clock = new ManualClock(at(0, 6));
  const run = (user: FakeUser, name: string, sub: string, values: Record<string, string | number | boolean> = {}) =>
    t.discord.reply(t.discord.slash(name, subcommand(sub, values), { user, guildId: GUILD.id }));
  const buttons = (reply: InteractionReply) =>
    ((reply.final.components as Json[]) ?? []).flatMap((row) => (row.components as Json[]).map((c) => c));

  beforeAll(async () => {
    t = await startTestBot({ clock, content: makeLibrary([4, 5, 3]), loopback: { guilds: [GUILD] } });
    await asAdmin(t.discord, GUILD.id, "config", "timezone", { zone: ZONE });
    await run(members.R.user, "remind", "at", { time: "08:00" });
    for (let d = 0; d <= LAST; d++) {
      clock.set(at(d, 7));
      for (const [name, m] of Object.entries(members)) {
        if (name !== "R" && (m.days as readonly number[]).includes(d)) await run(m.user, "challenge", "done");
      }
      if (PRACTICE.days.includes(d)) {
        const card = await run(PRACTICE.user, "challenge", "random");
        const done = buttons(card).find((b) => String(b.custom_id).includes("practice"));
        await t.discord.reply(
          t.discord.button(String(done?.custom_id), t.discord.messageOf(card), {
            user: PRACTICE.user,
            guildId: GUILD.id,
          }),
        );
      }
      clock.set(at(d, 8));
      await t.bot.reminders.tick();
      if (members.R.days.includes(d)) {
        clock.set(at(d, d % 2 === 0 ? 9 : 11));
        await run(members.R.user, "challenge", "done");
      }
    }
    clock.set(at(LAST, 12));
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  /** What the test did, as the report must count it. */
  const activeOn = (d: number) =>
    [...Object.values(members), PRACTICE].filter((m) => (m.days as readonly number[]).includes(d)).length;
  const dailiesOn = (d: number) =>
    Object.values(members).filter((m) => (m.days as readonly number[]).includes(d)).length;
  const activeIn = (days: number[]) =>
    [...Object.values(members), PRACTICE].filter((m) => days.some((d) => (m.days as readonly number[]).includes(d)));

  function tableOf(reply: InteractionReply): Map<string, number[]> {
    const description = String((reply.final.embeds as Json[])[0]?.description);
    const rows = [...description.matchAll(/^(\d\d-\d\d)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)$/gm)];
    return new Map(rows.map((r) => [r[1] as string, [Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5])]]));
  }
  const field = (reply: InteractionReply, name: string) =>
    String((((reply.final.embeds as Json[])[0]?.fields ?? []) as Json[]).find((f) => f.name === name)?.value);

  it("is registered for server managers only (Manage Server, declared on the command), inside servers only", () => {
    const data = t.bot.commands.get("stats")?.data;
    expect(data?.default_member_permissions).toBe("32");
    expect(data?.contexts).toEqual([0]);
  });

  it("answers privately with one PNG described by its alt text and the same figures in text", async () => {
    const reply = await asAdmin(t.discord, GUILD.id, "stats", "server", { days: 7 });
    expect(reply.callback.type).toBe(5);
    expect(reply.final.flags).toBe(EPHEMERAL);
    expect(reply.files).toHaveLength(1);
    const file = reply.files[0];
    expect(file?.name).toBe(REPORT_FILE);
    const image = await canvasLibrary().loadImage(file?.data as Buffer);
    expect(image.width).toBeGreaterThan(400);
    const attachment = (reply.final.attachments as Json[])[0];
    expect(String(attachment?.description)).toMatch(/^Charts of Server stats · 7 days · 2026-03-10 to 2026-03-16/);
    expect(String(attachment?.description).length).toBeLessThanOrEqual(1024);

    // Active members and dailies per date of the period, and the 7-day average, on Tokyo's calendar.
    const table = tableOf(reply);
    expect([...table.keys()]).toEqual(range(8, LAST).map((d) => addDays(DAY0, d).slice(5)));
    for (const d of range(8, LAST)) {
      const avg = range(d - 6, d).reduce((n, x) => n + activeOn(x), 0) / 7;
      const practice = PRACTICE.days.includes(d) ? 1 : 0;
      expect(table.get(addDays(DAY0, d).slice(5)), `day ${d}`).toEqual([
        activeOn(d),
        dailiesOn(d),
        practice,
        Number(avg.toFixed(1)),
      ]);
    }

    // Coming back: the week of day 0 and the week of day 7 (the week after it, day 14's, still under way).
    const weeks = field(reply, "Coming back (ISO weeks)").split("\n");
    expect(weeks).toHaveLength(12);
    const w0 = activeIn(range(0, 6));
    const w1 = activeIn(range(7, 13));
    const w2 = activeIn([14]);
    const back = (a: typeof w0, b: typeof w0) => a.filter((m) => b.includes(m)).length;
    const pctOf = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;
    expect(weeks[10]).toBe(
      `${isoWeek(DAY0)}: ${w0.length} active, ${back(w0, w1)} back (${pctOf(back(w0, w1), w0.length)}), ${w0.length} new`,
    );
    expect(weeks[11]).toBe(
      `${isoWeek(addDays(DAY0, 7))}: ${w1.length} active, ${back(w1, w2)} back (${pctOf(back(w1, w2), w1.length)}, week after still under way), ${w1.filter((m) => !w0.includes(m)).length} new`,
    );
    expect(weeks[0]).toMatch(/: 0 active, 0 back \(–\), 0 new$/);

    // Streaks today: A 15 days, E 14 (day 7 bridged by the freeze earned on day 6), R 9 (since day 6), D 4 (two
    // days missed: restarted), B 3; C's lapsed. One freeze used in the period (E's, on day 8).
    expect(field(reply, "Streaks")).toBe("1-6 days: 2 · 7-29 days: 3 · 30-99 days: 0 · 100+ days: 0\nFreezes used: 1");

    // Reminders: R was reminded every day at 08:00 before completing; followed within 2 hours on even days.
    const period = range(8, LAST);
    const followed = period.filter((d) => members.R.days.includes(d) && d % 2 === 0).length;
    expect(field(reply, "Reminders")).toBe(
      `Sent: ${period.length} · followed by that day's daily within 2 hours: ${followed} (${pctOf(followed, period.length)})`,
    );
    expect(field(reply, "Most completed dailies")).toMatch(/: \d+\.\d% \(\d+\/\d+\) · drawn \dd/);
  });

  it("answers in the channel with public:true", async () => {
    const reply = await asAdmin(t.discord, GUILD.id, "stats", "server", { days: 30, public: true });
    expect(reply.callback.type).toBe(5);
    expect(reply.final.flags ?? 0).toBe(0);
    expect(reply.files).toHaveLength(1);
    const table = tableOf(reply);
    expect(table.size).toBe(30);
    expect(table.get(addDays(DAY0, -1).slice(5))).toEqual([0, 0, 0, 0]);
    expect(table.get(addDays(DAY0, 3).slice(5))?.slice(0, 3)).toEqual([activeOn(3), dailiesOn(3), 1]);
  });
});
