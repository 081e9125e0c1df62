import { REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { canvasLibrary } from "../src/images/canvas.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { REPORT_FILE } from "../src/stats/render.js";
import { addDays, dayNumber, isoWeek } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import {
  ADMIN_PERMISSIONS,
  aUser,
  defaultGuild,
  type FakeUser,
  type InteractionReply,
  MEMBER_PERMISSIONS,
} from "./support/loopback-discord.js";

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

  it("is refused by Discord to a member without Manage Server, and answered for one with it", async () => {
    // Registered as `npm run deploy-commands` does, so Discord knows what each command declares.
    const rest = new REST({ api: t.discord.apiBase }).setToken(t.discord.token);
    const application = (await rest.get(Routes.currentApplication())) as { id: string };
    await rest.put(Routes.applicationCommands(application.id), {
      body: [...t.bot.commands.values()].map((c) => c.data),
    });
    expect(() => t.discord.slash("stats", subcommand("server"), { user: aUser(77), guildId: GUILD.id })).toThrow(
      "Discord does not let this member use /stats",
    );
    const manager = String(BigInt(MEMBER_PERMISSIONS) | 32n);
    const reply = await t.discord.reply(
      t.discord.slash("stats", subcommand("server", { days: 7 }), {
        user: aUser(78),
        guildId: GUILD.id,
        permissions: manager,
      }),
      { timeoutMs: 10_000 },
    );
    expect(reply.files).toHaveLength(1);
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

  it("lists each challenge drawn in /library stats, 10 a page, with figures from the completion log", async () => {
    const draws = await t.bot.ctx.store.read(function* (s) {
      return yield* all(s.db.select().from(s.t.dailyChallenges));
    });
    const byChallenge = new Map<string, number[]>();
    for (const d of draws) {
      const day = dayNumber(d.date) - dayNumber(DAY0);
      byChallenge.set(d.challengeId, [...(byChallenge.get(d.challengeId) ?? []), day]);
    }
    // Feedback rows as the ratings room writes them: two ratings and two reports (one resolved) on one challenge.
    const rated = draws[0]?.challengeId ?? "";
    const now = new Date(at(LAST, 12));
    await t.bot.ctx.store.write(function* (s) {
      yield* all(
        s.db
          .insert(s.t.ratings)
          .values([
            { guildId: GUILD.id, userId: members.A.user.id, challengeId: rated, rating: "hard", updatedAt: now },
            { guildId: GUILD.id, userId: members.B.user.id, challengeId: rated, rating: "hard", updatedAt: now },
          ])
          .returning(),
      );
      yield* all(
        s.db
          .insert(s.t.problemReports)
          .values(
            ["open", "resolved"].map((status) => ({
              guildId: GUILD.id,
              userId: members.C.user.id,
              challengeId: rated,
              kind: "unclear" as const,
              details: "?",
              status: status as "open" | "resolved",
              createdAt: now,
            })),
          )
          .returning(),
      );
    });

    const admin = { guildId: GUILD.id, user: aUser(1), permissions: ADMIN_PERMISSIONS };
    const first = await t.discord.reply(t.discord.slash("library", subcommand("stats", { sort: "most-drawn" }), admin));
    expect(first.final.flags).toBe(EPHEMERAL);
    const pages = [first];
    const next = (reply: InteractionReply) =>
      buttons(reply).find((b) => b.label === "Next" && !b.disabled) as Json | undefined;
    for (let button = next(first); button; button = next(pages[pages.length - 1] as InteractionReply)) {
      const last = pages[pages.length - 1] as InteractionReply;
      pages.push(await t.discord.reply(t.discord.button(String(button.custom_id), t.discord.messageOf(last), admin)));
    }
    expect(byChallenge.size).toBeGreaterThan(10);
    expect(pages).toHaveLength(Math.ceil(byChallenge.size / 10));
    const text = pages.map((p) => String((p.final.embeds as Json[])[0]?.description)).join("\n\n");
    const entries = text.split("\n\n");
    expect(entries).toHaveLength(byChallenge.size);
    const drawnCounts = entries.map((e) => Number(e.match(/drawn (\d+) day/)?.[1]));
    expect(drawnCounts).toEqual([...drawnCounts].sort((a, b) => b - a));
    for (const [challengeId, days] of byChallenge) {
      const entry = entries.find((e) => e.includes(`\`${challengeId}\``));
      const done = days.reduce((n, d) => n + dailiesOn(d), 0);
      const active = days.reduce((n, d) => n + activeOn(d), 0);
      expect(entry, challengeId).toContain(
        `drawn ${days.length} day${days.length === 1 ? "" : "s"} · ${done} done of ${active} active (${((done / active) * 100).toFixed(1)}%) · verified 0.0% · median tries –`,
      );
      const ratings =
        challengeId === rated
          ? "too easy 0 · about right 0 · too hard 2 · open reports 1"
          : "too easy 0 · about right 0 · too hard 0 · open reports 0";
      expect(entry).toContain(ratings);
    }

    const forged = await t.discord.reply(
      t.discord.button("library:stats:easiest:0", t.discord.messageOf(first), admin),
    );
    expect(forged.final).toMatchObject({ content: STALE_CONTROL, flags: EPHEMERAL });
  });

  it("no longer counts a member who deleted their data with /privacy delete", async () => {
    const E = members.E.user;
    const asked = await t.discord.reply(
      t.discord.slash(
        "privacy",
        [{ type: 1, name: "delete", options: [{ type: 3, name: "scope", value: "this-server" }] }],
        {
          user: E,
          guildId: GUILD.id,
        },
      ),
    );
    const [confirm] = buttons(asked);
    const done = await t.discord.reply(
      t.discord.button(String(confirm?.custom_id), t.discord.messageOf(asked), { user: E, guildId: GUILD.id }),
    );
    expect(done.final.content).toMatch(/^Deleted 14 completions/);

    const reply = await asAdmin(t.discord, GUILD.id, "stats", "server", { days: 7 });
    const table = tableOf(reply);
    for (const d of range(8, LAST)) {
      expect(table.get(addDays(DAY0, d).slice(5))?.slice(0, 2), `day ${d}`).toEqual([
        activeOn(d) - 1,
        dailiesOn(d) - 1,
      ]);
    }
    // E held one of the three 7-29 streaks and used the period's one freeze.
    expect(field(reply, "Streaks")).toBe("1-6 days: 2 · 7-29 days: 2 · 30-99 days: 0 · 100+ days: 0\nFreezes used: 0");
    const weeks = field(reply, "Coming back (ISO weeks)").split("\n");
    expect(weeks[10]).toMatch(new RegExp(`^${isoWeek(DAY0)}: ${activeIn(range(0, 6)).length - 1} active, `));
  });
});
