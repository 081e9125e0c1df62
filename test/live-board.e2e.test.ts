import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBot } from "../src/bot.js";
import { ManualClock } from "../src/clock.js";
import { getLiveBoard } from "../src/live-board/store.js";
import { resolveTimezone } from "../src/settings/index.js";
import { recordDaily } from "../src/streaks/store.js";
import { localDate } from "../src/time/index.js";
import { asAdmin, fieldOf } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, defaultGuild, type RecordedCall } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;

const GUILD = defaultGuild();
const BOARD = GUILD.channels[1]?.id ?? "";
const ZONE = "America/New_York";
const MEMBERS = 500;
const member = (n: number) => aUser(1000 + n).id;
const numberOf = (userId: string | undefined) => Number(BigInt(userId ?? "") - BigInt(member(0)));

/**
 * The live board end to end: the real bot and discord.js against the loopback Discord, on a simulated clock (the
 * test calls the live board's minute tick itself, at the clock times it chooses). The server lives in New York, so
 * its Monday starts at 05:00 UTC.
 */
describe("the live board, end to end through discord.js", () => {
  // Wednesday 4 March 2026, 10:00 in New York.
  const clock = new ManualClock("2026-03-04T15:00:00Z");
  let t: TestBot;
  /** The bot now running: the first, then the one started again. */
  let bot: RunningBot;
  let restarted: TestBot | undefined;

  const messages = () => t.discord.channelMessages.get(BOARD) ?? [];
  const onlyMessage = () => {
    expect(messages()).toHaveLength(1);
    return messages()[0] as Json;
  };
  const embedOf = (message: Json) => (message.embeds as { description: string; footer: { text: string } }[])[0];
  const calls = (method: string, path: RegExp) =>
    t.discord.calls.filter((c) => c.method === method && path.test(c.path));
  const edits = () => calls("PATCH", new RegExp(`^/channels/${BOARD}/messages/\\d+$`));
  const posts = () => calls("POST", new RegExp(`^/channels/${BOARD}/messages$`));

  /** What /challenge done records for a member now (in their zone, the server's here). */
  const complete = async (n: number) => {
    const userId = member(n);
    const zone = await resolveTimezone(bot.ctx, GUILD.id, userId);
    const now = clock.now();
    await recordDaily(bot.ctx, {
      guildId: GUILD.id,
      userId,
      date: localDate(now, zone),
      zone,
      at: now.getTime(),
      challengeId: "daily",
      note: null,
    });
  };
  /** The week's reference top 10 from the test's own tally: most days, then who got there first, then id. */
  const tally = new Map<string, { value: number; at: number }>();
  const credit = async (n: number) => {
    await complete(n);
    const row = tally.get(member(n)) ?? { value: 0, at: 0 };
    tally.set(member(n), { value: row.value + 1, at: clock.now().getTime() });
  };
  const referenceTop = () =>
    [...tally]
      .sort(([a, x], [b, y]) => y.value - x.value || x.at - y.at || (a < b ? -1 : 1))
      .slice(0, 10)
      .map(([userId]) => userId);
  const shownTop = (message: Json) =>
    [...(embedOf(message)?.description ?? "").matchAll(/<@(\d+)> ·/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await startTestBot({ clock, loopback: { guilds: [GUILD] } });
    bot = t.bot;
    await asAdmin(t.discord, GUILD.id, "config", "timezone", { zone: ZONE });
    // Monday and Tuesday of this week: a third of the members on Monday, half on Tuesday.
    for (const [iso, every] of [
      ["2026-03-02T15:00:00Z", 3],
      ["2026-03-03T15:00:00Z", 2],
    ] as const) {
      clock.set(iso);
      for (let n = 0; n < MEMBERS; n += every) {
        clock.advance(1000);
        await credit(n);
      }
    }
    clock.set("2026-03-04T15:00:00Z");
  }, 120_000);
  afterAll(async () => {
    await restarted?.stop();
    await t.stop();
  });

  it("claims its one message before posting it: an answer lost after Discord made it still leaves one message", async () => {
    const set = await asAdmin(t.discord, GUILD.id, "config", "board", { channel: BOARD });
    expect(set.final.content).toContain(`in <#${BOARD}> within a minute`);
    // Discord makes the message, then answers 500 (discord.js's retries carry the same nonce, and get 500 too).
    t.discord.fail({ method: "POST", path: `/channels/${BOARD}/messages`, status: 500, landed: true, times: Infinity });
    expect(await bot.liveBoards.tick()).toEqual(["unknown"]);
    t.discord.clearFaults();
    expect(messages()).toHaveLength(1);
    const row = await getLiveBoard(bot.ctx, GUILD.id);
    expect(row?.messageId).toBeNull();
    expect(row?.nonce).toMatch(/^lb/);

    // The next tick finds it in the channel's history and keeps it; nothing new is posted.
    const before = posts().length;
    expect(await bot.liveBoards.tick()).toEqual(["recovered"]);
    expect(posts()).toHaveLength(before);
    const message = onlyMessage();
    expect((await getLiveBoard(bot.ctx, GUILD.id))?.messageId).toBe(message.id);
    expect(embedOf(message)?.footer.text).toMatch(/^Gradient live board/);
    expect(message.nonce).toBe(row?.nonce);
  });

  it("is edited at most once a minute, and only when the top 10 changed, under a burst of 500 completions", async () => {
    // Recovered from the history, it is brought up to date at once.
    clock.advance(1000);
    expect(await bot.liveBoards.tick()).toEqual(["edited"]);
    expect(shownTop(onlyMessage())).toEqual(referenceTop());

    const editAt: number[] = [clock.now().getTime()];
    let seen = edits().length;
    let shown = embedOf(onlyMessage())?.description;
    const outcomes: string[] = [];
    // 500 completions over 5 minutes, the board's tick every 15 s of it.
    for (let n = 0; n < MEMBERS; n++) {
      clock.advance(600);
      await credit(n);
      if (n % 25 === 24) {
        outcomes.push(...(await bot.liveBoards.tick()));
        for (const call of edits().slice(seen) as RecordedCall[]) {
          editAt.push(clock.now().getTime());
          const description = (call.body as { embeds: { description: string }[] }).embeds[0]?.description;
          // Every edit shows something new.
          expect(description).not.toBe(shown);
          shown = description;
        }
        seen = edits().length;
      }
    }
    const gaps = editAt.slice(1).map((at, i) => at - (editAt[i] as number));
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000);
    expect(outcomes).toContain("waiting");

    // /leaderboard board:week reads the same board.
    const asked = await t.discord.reply(
      t.discord.slash("leaderboard", [{ type: 3, name: "board", value: "week" }], { user: aUser(1000) }),
    );
    const embed = (asked.final.embeds as { title: string; description: string; footer: { text: string } }[])[0];
    expect(embed?.title).toBe("🗓️ Daily challenges this week");
    expect([...(embed?.description ?? "").matchAll(/<@(\d+)> ·/g)].map((m) => m[1])).toEqual(referenceTop());
    expect(embed?.description).toContain("Your rank: **#");
    expect(embed?.footer.text).toContain("2026-W10, Mon 2026-03-02 to Sun 2026-03-08");

    // A minute later it shows the true top 10, and another tick with nothing new edits nothing.
    clock.advance(61_000);
    await bot.liveBoards.tick();
    expect(shownTop(onlyMessage())).toEqual(referenceTop());
    const settled = edits().length;
    clock.advance(61_000);
    expect(await bot.liveBoards.tick()).toEqual(["unchanged"]);
    expect(edits()).toHaveLength(settled);
  });

  it("posts it again when someone deleted it, and keeps exactly one across a restart", async () => {
    const old = onlyMessage().id as string;
    t.discord.deleteMessage(BOARD, old);
    // Thursday: the leader completes again, so the top 10 changes and the edit finds the message gone.
    clock.set("2026-03-05T15:00:00Z");
    await credit(numberOf(referenceTop()[0]));
    expect(await bot.liveBoards.tick()).toEqual(["posted"]);
    const again = onlyMessage();
    expect(again.id).not.toBe(old);
    expect(shownTop(again)).toEqual(referenceTop());
    expect(calls("PATCH", new RegExp(`/messages/${old}$`)).at(-1)?.status).toBe(404);

    // A restart: the new process edits the same message, and never posts another.
    await t.bot.stop();
    restarted = await startTestBot({ clock, discord: t.discord, database: t.database });
    bot = restarted.bot;
    // Its tick at start finds nothing to do.
    await bot.liveBoards.idle();
    const before = posts().length;
    clock.advance(61_000);
    // The second on the board completes Thursday too: the board shows their new figure.
    await credit(numberOf(referenceTop()[1]));
    clock.advance(61_000);
    expect(await bot.liveBoards.tick()).toEqual(["edited"]);
    expect(posts()).toHaveLength(before);
    expect(onlyMessage().id).toBe(again.id);
    expect(shownTop(onlyMessage())).toEqual(referenceTop());
  });

  it("pauses with the reason on a 403, says so in /config show, and resumes when set again", async () => {
    t.discord.fail({
      method: "PATCH",
      path: new RegExp(`^/channels/${BOARD}/messages/`),
      status: 403,
      times: Infinity,
    });
    clock.advance(61_000);
    await credit(numberOf(referenceTop()[2]));
    clock.advance(61_000);
    expect(await bot.liveBoards.tick()).toEqual(["paused"]);
    const show = await asAdmin(t.discord, GUILD.id, "config", "show");
    expect(fieldOf(show, "Live board")).toContain("⏸️ **Paused**");
    expect(fieldOf(show, "Live board")).toContain(
      "Gradient needs View Channel, Send Messages, Embed Links and Read Message History there",
    );
    expect(fieldOf(show, "Problems found")).toContain(
      `The live board is paused: Discord refused the live board in <#${BOARD}> (403 Missing Permissions). Give Gradient View Channel, Send Messages, Embed Links and Read Message History there, then run /config board again`,
    );
    // Paused: not tried again.
    const tried = edits().length;
    clock.advance(61_000);
    expect(await bot.liveBoards.tick()).toEqual([]);
    expect(edits()).toHaveLength(tried);

    t.discord.clearFaults();
    await asAdmin(t.discord, GUILD.id, "config", "board", { channel: BOARD, board: "week" });
    expect(fieldOf(await asAdmin(t.discord, GUILD.id, "config", "show"), "Live board")).not.toContain("Paused");
    expect(await bot.liveBoards.tick()).toEqual(["edited"]);
    expect(shownTop(onlyMessage())).toEqual(referenceTop());
  });

  it("starts over on Monday in the server's zone and names last week's top", async () => {
    const champion = referenceTop()[0];
    // Monday 03:00 UTC is still Sunday in New York: the week goes on.
    clock.set("2026-03-09T03:00:00Z");
    await bot.liveBoards.tick();
    expect(shownTop(onlyMessage())).toEqual(referenceTop());
    // Monday 00:30 in New York (DST began on Sunday): a new week.
    clock.set("2026-03-09T04:30:00Z");
    expect(await bot.liveBoards.tick()).toEqual(["edited"]);
    const monday = embedOf(onlyMessage());
    expect(monday?.description).toContain("Nobody is on this board yet.");
    expect(monday?.description).toContain(`Last week (2026-W10) was topped by <@${champion}> with`);
    expect(monday?.footer.text).toContain("2026-W11, Mon 2026-03-09 to Sun 2026-03-15");
    // The first completion of the week tops the new board, and last week's champion is still named.
    tally.clear();
    clock.advance(61_000);
    await credit(42);
    clock.advance(61_000);
    expect(await bot.liveBoards.tick()).toEqual(["edited"]);
    expect(shownTop(onlyMessage())).toEqual([member(42)]);
    expect(embedOf(onlyMessage())?.description).toContain(`<@${champion}>`);
    expect(onlyMessage().content).toBe("");
  });

  it("turns off with off:true, leaving its last message where it is", async () => {
    const off = await asAdmin(t.discord, GUILD.id, "config", "board", { off: true });
    expect(off.final.content).toContain("The live board is off");
    expect(await bot.liveBoards.tick()).toEqual([]);
    expect(messages()).toHaveLength(1);
    expect(fieldOf(await asAdmin(t.discord, GUILD.id, "config", "show"), "Live board")).toContain("Off");
  });
});
