import { type SQL, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { rows as storeRows } from "../src/db/store.js";
import { checkMessage } from "../src/discord/message-limits.js";
import { HEATMAP_HEIGHT, HEATMAP_WIDTH } from "../src/streaks/heatmap.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import {
  aUser,
  type FakeGuild,
  type FakeUser,
  type InteractionOptions,
  type InteractionReply,
} from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const DAY = 86_400_000;

const sub = (name: string, options: Json[] = []) => [{ type: 1, name, options }];
const embedOf = (reply: InteractionReply) => (reply.final.embeds as Json[])[0] as Json;
const buttonsOf = (reply: InteractionReply) =>
  (((reply.final.components as Json[])[0] as Json).components as Json[]).map((c) => String(c.custom_id));

function pngSize(data: Buffer): { width: number; height: number } {
  expect([...data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(data.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe("daily challenges and streaks through the loopback Discord, for members in Tokyo and Los Angeles", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  // Every test has a server and members of its own and sets the clock itself, so each can run alone.
  const guilds = Array.from(
    { length: 16 },
    (_, i): FakeGuild => ({
      id: (210000000000000000n + BigInt(i)).toString(),
      name: `Study group ${i}`,
      channels: [{ id: (310000000000000000n + BigInt(i)).toString(), name: "general" }],
    }),
  );
  let scenes = 0;
  let members = 0;

  beforeAll(async () => {
    t = await startTestBot({ clock, content: makeLibrary([4, 5, 3]), loopback: { guilds } });
  });
  afterEach(() => {
    expect(t.discord.violations).toEqual([]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A fresh server at `now`, with a member in Tokyo and one in Los Angeles whose zones are already set. */
  async function scene(now = "2026-03-02T12:00:00Z") {
    clock.set(now);
    const guildId = guilds[scenes++]?.id;
    if (!guildId) throw new Error("add more guilds to the loopback");
    const run = (
      user: FakeUser,
      name: string,
      options: Json[] = [],
      extra: InteractionOptions & { resolved?: Json } = {},
    ) => t.discord.reply(t.discord.slash(name, options, { user, guildId, ...extra }));
    const challenge = (user: FakeUser, subcommand: string, options: Json[] = []) =>
      run(user, "challenge", sub(subcommand, options));
    const press = (customId: string, on: InteractionReply, user: FakeUser) =>
      t.discord.reply(t.discord.button(customId, t.discord.messageOf(on), { user, guildId }));
    const tokyo = aUser(100 + members++, "hana");
    const la = aUser(100 + members++, "sam");
    const zone = (user: FakeUser, value: string) => run(user, "timezone", [{ type: 3, name: "zone", value }]);
    /** Completes the daily challenge on `days` consecutive days, starting today; returns the last reply. */
    const streakOf = async (user: FakeUser, days: number) => {
      let last: InteractionReply | undefined;
      for (let day = 0; day < days; day++) {
        if (day > 0) clock.advance(DAY);
        last = await challenge(user, "done");
      }
      return last;
    };
    return { guildId, run, challenge, press, tokyo, la, zone, streakOf };
  }
  const rows = (statement: SQL) =>
    t.bot.ctx.store.read(function* () {
      return yield* storeRows<Record<string, unknown>>(statement);
    });

  it("sets each member's time zone, suggests zones as they type, and refuses an unknown zone with a hint", async () => {
    const { run, tokyo, la, zone } = await scene();
    const set1 = await zone(tokyo, "asia/tokyo");
    expect(set1.final.content).toContain("**Asia/Tokyo**");
    expect(set1.final.content).toContain("21:00 on 2026-03-02");
    expect(set1.final.flags).toBe(EPHEMERAL);
    const set2 = await zone(la, "America/Los_Angeles");
    expect(set2.final.content).toContain("04:00 on 2026-03-02");

    const suggestions = await t.discord.reply(
      t.discord.autocomplete("timezone", [{ type: 3, name: "zone", value: "tokyo", focused: true }], { user: tokyo }),
    );
    expect(((suggestions.callback.data as Json).choices as Json[]).map((c) => c.value)).toContain("Asia/Tokyo");

    const bad = await zone(la, "America/Los_Angelos");
    expect(bad.final.flags).toBe(EPHEMERAL);
    expect(bad.final.content).toMatch(/not a time zone I know.*America\/Los_Angeles.*Nothing was changed/s);
    const shown = await run(la, "timezone");
    expect(shown.final.content).toContain("**America/Los_Angeles** (you set it)");
  });

  it("shows both members the same challenge on the same date, with Mark done and Resources buttons", async () => {
    const { challenge, tokyo, la, zone } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    await zone(la, "America/Los_Angeles");
    const card = await challenge(tokyo, "today");
    const other = await challenge(la, "today");
    expect(embedOf(card).title).toBe(embedOf(other).title);
    expect(embedOf(card).author).toEqual({ name: "Daily challenge · 2026-03-02" });
    const [done, hint, resources] = buttonsOf(card);
    expect(done).toBe("challenge:done:2026-03-02:mixed");
    expect(hint).toMatch(/^challenge:hint:area-\d-c\d:1$/);
    expect(resources).toMatch(/^challenge:resources:area-\d-c\d$/);
    expect(card.final.content).toContain("start a streak");
    expect(checkMessage(card.final)).toEqual([]);
  });

  it("opens the challenge's resources from the card", async () => {
    const { challenge, press, tokyo, la } = await scene();
    const card = await challenge(tokyo, "today");
    const resources = buttonsOf(card).find((id) => id.startsWith("challenge:resources:"));
    const reply = await press(resources as string, card, la);
    expect(reply.final.flags).toBe(EPHEMERAL);
    expect(String(embedOf(reply).description)).toContain("https://example.org/guide-");
  });

  it("records Mark done once; a second press says so and records nothing new", async () => {
    const { challenge, press, tokyo, zone } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    const card = await challenge(tokyo, "today");
    const [done] = buttonsOf(card);
    const first = await press(done as string, card, tokyo);
    expect(first.final.content).toContain(`<@${tokyo.id}> completed today's challenge`);
    expect(first.final.content).toContain("Streak: **1 day**");
    expect(first.final.allowed_mentions).toEqual({ parse: [] });
    const again = await press(done as string, card, tokyo);
    expect(again.final.flags).toBe(EPHEMERAL);
    expect(again.final.content).toMatch(/already completed today's challenge \(2026-03-02\).*nothing new was recorded/);
    const viaSlash = await challenge(tokyo, "done");
    expect(viaSlash.final.content).toMatch(/already completed/);
    expect(await rows(sql`SELECT local_date FROM completions WHERE user_id = ${tokyo.id}`)).toEqual([
      { local_date: "2026-03-02" },
    ]);
  });

  it("refuses a note over 300 characters with a clear message and records nothing", async () => {
    const { challenge, la } = await scene();
    const long = await challenge(la, "done", [{ type: 3, name: "note", value: "x".repeat(301) }]);
    expect(long.final.flags).toBe(EPHEMERAL);
    expect(long.final.content).toMatch(/301 characters; a note can have at most 300/);
    expect(await rows(sql`SELECT * FROM completions WHERE user_id = ${la.id}`)).toEqual([]);
    const ok = await challenge(la, "done", [{ type: 3, name: "note", value: "Tried all three joins." }]);
    expect(ok.final.content).toContain("> Tried all three joins.");
  });

  it("records one completion when two done interactions for the same member arrive at once", async () => {
    const { guildId, challenge, la, zone } = await scene();
    await zone(la, "America/Los_Angeles");
    await challenge(la, "done");
    clock.advance(DAY);
    const a = t.discord.slash("challenge", sub("done"), { user: la, guildId });
    const b = t.discord.slash("challenge", sub("done"), { user: la, guildId });
    const replies = await Promise.all([t.discord.reply(a), t.discord.reply(b)]);
    const texts = replies.map((r) => String(r.final.content));
    expect(texts.filter((c) => c.includes(`<@${la.id}> completed today's challenge`))).toHaveLength(1);
    expect(texts.filter((c) => c.includes("already completed"))).toHaveLength(1);
    expect(await rows(sql`SELECT local_date FROM completions WHERE user_id = ${la.id} ORDER BY id`)).toEqual([
      { local_date: "2026-03-02" },
      { local_date: "2026-03-03" },
    ]);
    expect(texts.join("\n")).toContain("Streak: **2 days**");
  });

  it("says an earlier day's card has closed instead of crediting today, and credits today's card", async () => {
    const { challenge, press, tokyo, zone } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    const card = await challenge(tokyo, "today");
    await press(buttonsOf(card)[0] as string, card, tokyo);
    clock.advance(DAY);
    const [oldDone] = buttonsOf(card);
    const stale = await press(oldDone as string, card, tokyo);
    expect(stale.final.flags).toBe(EPHEMERAL);
    expect(stale.final.content).toMatch(/challenge of 2026-03-02, which has closed: it's 2026-03-03 for you now/);
    const today = await challenge(tokyo, "today");
    expect(embedOf(today).author).toEqual({ name: "Daily challenge · 2026-03-03" });
    const [done] = buttonsOf(today);
    const ok = await press(done as string, today, tokyo);
    expect(ok.final.content).toContain("Streak: **2 days**");
  });

  it("gives each member the challenge of their own date when their dates differ", async () => {
    // Tokyo 2026-03-04 01:00, Los Angeles 2026-03-03 08:00
    const { challenge, tokyo, la, zone } = await scene("2026-03-03T16:00:00Z");
    await zone(tokyo, "Asia/Tokyo");
    await zone(la, "America/Los_Angeles");
    await challenge(la, "done");
    const mine = await challenge(tokyo, "today");
    const theirs = await challenge(la, "today");
    expect(embedOf(mine).author).toEqual({ name: "Daily challenge · 2026-03-04" });
    expect(embedOf(theirs).author).toEqual({ name: "Daily challenge · 2026-03-03" });
    expect(embedOf(mine).title).not.toBe(embedOf(theirs).title);
    expect(theirs.final.content).toMatch(/done today's challenge/);
  });

  it("celebrates a 7-day streak and the freeze it earns", async () => {
    const { tokyo, zone, streakOf } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    const last = await streakOf(tokyo, 7);
    expect(last?.final.content).toContain("A 7-day streak!");
    expect(last?.final.content).toContain("earned a freeze (1/2 held)");
  });

  it("bridges a single missed day with the freeze", async () => {
    const { challenge, tokyo, zone, streakOf } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    await streakOf(tokyo, 7);
    clock.advance(2 * DAY); // Tokyo misses 2026-03-09
    const reply = await challenge(tokyo, "done");
    expect(reply.final.content).toMatch(/A freeze bridged 2026-03-09, so your streak carries on: \*\*8 days\*\*/);
  });

  it("counts a practice challenge in the total but not the streak, once per challenge", async () => {
    const { challenge, press, tokyo, streakOf } = await scene();
    await streakOf(tokyo, 2);
    const card = await challenge(tokyo, "random", [
      { type: 3, name: "area", value: "area-2" },
      { type: 3, name: "level", value: "beginner" },
    ]);
    expect(embedOf(card).author).toEqual({ name: "Practice challenge" });
    const [done] = buttonsOf(card);
    expect(done).toMatch(/^challenge:practice:area-2-c(1|4)$/);
    const first = await press(done as string, card, tokyo);
    expect(first.final.content).toMatch(/practised .*3 completions in all/);
    const again = await press(done as string, card, tokyo);
    expect(again.final.content).toMatch(/already practised/);
    const unknown = await challenge(tokyo, "random", [{ type: 3, name: "area", value: "astrology" }]);
    expect(unknown.final.content).toMatch(/no area called 'astrology'/);
    expect(await rows(sql`SELECT kind FROM completions WHERE user_id = ${tokyo.id} ORDER BY id`)).toEqual([
      { kind: "daily" },
      { kind: "daily" },
      { kind: "practice" },
    ]);
  });

  it("lists the member's last 30 days in /challenge history", async () => {
    const { challenge, press, tokyo, streakOf } = await scene();
    await streakOf(tokyo, 8);
    const card = await challenge(tokyo, "random");
    await press(buttonsOf(card)[0] as string, card, tokyo);
    const reply = await challenge(tokyo, "history");
    const embed = embedOf(reply);
    expect(embed.title).toBe("Your last 30 days");
    expect(String(embed.description).match(/✅/g)).toHaveLength(8);
    expect(String(embed.description)).toContain("practice");
    expect(String((embed.footer as Json).text)).toContain("8 daily challenges, 1 practice");
  });

  it("shows /streak with its figures and a 26-week PNG heat-map attached", async () => {
    const { run, challenge, press, tokyo, la, zone, streakOf } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    await streakOf(tokyo, 7);
    clock.advance(2 * DAY); // one missed day, bridged by the freeze
    await challenge(tokyo, "done");
    const card = await challenge(tokyo, "random");
    await press(buttonsOf(card)[0] as string, card, tokyo);
    const resolved = { users: { [tokyo.id]: { ...tokyo, discriminator: "0", avatar: null } } };
    const reply = await run(
      la,
      "streak",
      [{ type: 1, name: "show", options: [{ type: 6, name: "member", value: tokyo.id }] }],
      {
        resolved,
      },
    );
    expect(reply.callback.type).toBe(5);
    const embed = embedOf(reply);
    const field = (name: string) => (embed.fields as Json[]).find((f) => f.name === name)?.value;
    expect(field("Current")).toBe("8 days");
    expect(field("Longest")).toBe("8 days");
    expect(field("Total")).toBe("9 completions (8 daily challenges)");
    expect(String(field("Freezes"))).toContain("0/2 held · 1 used");
    expect(embed.image).toEqual({ url: "attachment://streak.png" });
    expect(reply.files).toHaveLength(1);
    const file = reply.files[0];
    expect(file?.name).toBe("streak.png");
    expect(pngSize(file?.data as Buffer)).toEqual({ width: HEATMAP_WIDTH, height: HEATMAP_HEIGHT });
  });

  it("starts a new streak after a gap with no freeze, keeping the longest", async () => {
    const { challenge, la, zone, streakOf } = await scene();
    await zone(la, "America/Los_Angeles");
    await streakOf(la, 2);
    clock.advance(3 * DAY);
    const reply = await challenge(la, "done");
    expect(reply.final.content).toContain("A new streak starts today: **1 day**. Your longest is 2 days.");
  });

  it("ranks both members on each board, with the caller's own rank", async () => {
    const { run, challenge, press, tokyo, la, zone, streakOf } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    await zone(la, "America/Los_Angeles");
    await streakOf(tokyo, 8);
    const card = await challenge(tokyo, "random");
    await press(buttonsOf(card)[0] as string, card, tokyo);
    await challenge(la, "done");
    const current = await run(la, "leaderboard");
    const text = String(embedOf(current).description);
    expect(text).toMatch(
      new RegExp(`\\*\\*1\\.\\*\\* <@${tokyo.id}> · 8 days\\n\\*\\*2\\.\\*\\* <@${la.id}> · 1 day ← you`),
    );
    expect(text).toContain("Your rank: **#2** of 2");
    const month = await run(tokyo, "leaderboard", [{ type: 3, name: "board", value: "month" }]);
    expect(String(embedOf(month).description)).toContain(`**1.** <@${tokyo.id}> · 9 completions ← you`);
    const longest = await run(tokyo, "leaderboard", [{ type: 3, name: "board", value: "longest" }]);
    expect(String(embedOf(longest).description)).toContain("Your rank: **#1** of 2");
  });

  it("drops a lapsed streak from the current board and shows it as 0", async () => {
    const { run, tokyo, zone, streakOf } = await scene();
    await zone(tokyo, "Asia/Tokyo");
    await streakOf(tokyo, 8);
    clock.advance(3 * DAY);
    const board = await run(tokyo, "leaderboard");
    expect(String(embedOf(board).description)).toContain("Nobody is on this board yet.");
    const streak = await run(tokyo, "streak", [{ type: 1, name: "show", options: [] }]);
    const field = (name: string) => ((embedOf(streak).fields as Json[]).find((f) => f.name === name) as Json).value;
    expect(field("Current")).toBe("0 days");
    expect(field("Longest")).toBe("8 days");
  });
});
