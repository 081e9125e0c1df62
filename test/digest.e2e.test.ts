import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { getSchedule, getSlot } from "../src/schedule/store.js";
import { addDays, localDate } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, fieldOf, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

type Json = Record<string, unknown>;
const ZONE = "Europe/Berlin";
const LIBRARY = makeLibrary([4, 5, 3]);

/**
 * The weekly digest on Mondays at 09:00 in Berlin (08:00 UTC in March): the server's figures for Monday to Sunday
 * before, posted once through a restart inside its minute, and paused with a reason when Discord refuses it.
 */
describe("the weekly digest", () => {
  const study: FakeGuild = {
    id: "240000000000000001",
    name: "Digest school",
    channels: [
      { id: "340000000000000001", name: "general" },
      { id: "340000000000000002", name: "digest" },
    ],
  };
  const closed: FakeGuild = {
    id: "240000000000000002",
    name: "Closed school",
    channels: [
      { id: "340000000000000003", name: "general" },
      { id: "340000000000000004", name: "digest" },
    ],
  };
  const DIGEST = study.channels[1]?.id ?? "";
  const CLOSED = closed.channels[1]?.id ?? "";
  const clock = new ManualClock("2026-03-02T10:00:00Z");
  let database: TestDatabase;
  let discord: LoopbackDiscord;
  let running: TestBot | undefined;
  const digests = () =>
    (discord.channelMessages.get(DIGEST) ?? []).filter((m) =>
      String(((m.embeds as Json[] | undefined)?.[0]?.footer as Json | undefined)?.text).startsWith(
        "Gradient weekly digest",
      ),
    );

  async function start(): Promise<TestBot> {
    running = await startTestBot({ discord, database, clock, content: LIBRARY });
    await running.bot.scheduler.idle();
    return running;
  }
  async function stop() {
    await running?.stop();
    running = undefined;
  }
  const done = (user: FakeUser) =>
    discord.reply(discord.slash("challenge", subcommand("done"), { user, guildId: study.id }));

  /** When each member completed, to count active members per Berlin date as the digest must. */
  const did: { user: string; at: number }[] = [];

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [study, closed] });
    database = await freshDatabase();
    await start();
    for (const guild of [study, closed]) await asAdmin(discord, guild.id, "config", "timezone", { zone: ZONE });
    const set = await asAdmin(discord, study.id, "config", "digest", { channel: DIGEST });
    expect(set.final.content).toContain("Weekly digest saved.\nNext post: Mon 9 Mar 2026, 09:00 GMT+1");
    await asAdmin(discord, closed.id, "config", "digest", { channel: CLOSED, day: "mon", time: "09:00" });
    // The week of 2 to 8 March: three members on Monday, two at 00:30 on Thursday in Berlin (still Wednesday in
    // UTC), one on Sunday; and one on Monday 9 March before the digest, which the week before must not count.
    const members = [aUser(301), aUser(302), aUser(303)];
    const at = async (iso: string, users: FakeUser[]) => {
      clock.set(iso);
      for (const user of users) {
        await done(user);
        did.push({ user: user.id, at: clock.now().getTime() });
      }
    };
    await at("2026-03-02T10:00:00Z", members);
    await at("2026-03-04T23:30:00Z", members.slice(0, 2));
    await at("2026-03-08T12:00:00Z", members.slice(2));
    await at("2026-03-09T06:00:00Z", members.slice(0, 1));
    await stop();
  });

  afterAll(async () => {
    await stop();
    await discord.close();
    await database.remove();
  });

  it("posts once through a restart inside its minute, after Discord took the post but its answer was lost", async () => {
    // 09:00:05 in Berlin: the post lands, but every answer is a 500, so the first process cannot know it did.
    clock.set("2026-03-09T08:00:05Z");
    const lost = discord.fail({
      method: "POST",
      path: `/channels/${DIGEST}/messages`,
      status: 500,
      times: 10,
      landed: true,
    });
    const first = await start();
    expect(lost.met).toBeGreaterThan(0);
    expect(await getSlot(first.bot.ctx, study.id, "digest", "2026-W11")).toMatchObject({ status: "claimed" });
    await stop();
    discord.clearFaults();

    // Still 09:00 in Berlin: the next process recovers the claim from the channel's history, posting nothing.
    clock.set("2026-03-09T08:00:40Z");
    const second = await start();
    expect(digests()).toHaveLength(1);
    expect(await getSlot(second.bot.ctx, study.id, "digest", "2026-W11")).toMatchObject({
      status: "sent",
      contentId: "2026-03-02..2026-03-08",
    });
    await stop();
    clock.set("2026-03-09T08:00:55Z");
    await start();
    await stop();
    expect(digests()).toHaveLength(1);

    // Its figures are the week's, on Berlin's calendar: members active and dailies per date, as the test did them.
    const embed = ((digests()[0]?.embeds as Json[] | undefined) ?? [])[0] as Json;
    expect(embed.title).toBe("Weekly digest · 2026-03-02 to 2026-03-08 (Europe/Berlin)");
    expect(embed.image).toMatchObject({ url: "attachment://server-stats.png" });
    const expected: string[] = [];
    for (let date = "2026-03-02"; date <= "2026-03-08"; date = addDays(date, 1)) {
      const that = did.filter((d) => localDate(d.at, ZONE) === date);
      expected.push(`${date.slice(5)} active ${new Set(that.map((d) => d.user)).size} dailies ${that.length}`);
    }
    expect(expected[3]).toBe("03-05 active 2 dailies 2");
    const table = [...String(embed.description).matchAll(/^(\d\d-\d\d)\s+(\d+)\s+(\d+)\s+\d+\s/gm)].map(
      (m) => `${m[1]} active ${m[2]} dailies ${m[3]}`,
    );
    expect(table).toEqual(expected);
    // The charts went with it, as a PNG with alt text: every attempt (one landed, the rest met its nonce) was
    // answered 500, and the second process found the post in the channel instead of posting again.
    const delivered = discord.calls.filter((c) => c.method === "POST" && c.path === `/channels/${DIGEST}/messages`);
    expect(delivered.length).toBe(lost.met);
    expect(delivered.every((c) => c.status === 500 && c.landed)).toBe(true);
    const [png] = delivered[0]?.files ?? [];
    expect(png?.name).toBe("server-stats.png");
    expect([...(png?.data.subarray(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]);
    const attachments = ((delivered[0]?.body ?? {}) as Json).attachments as Json[];
    expect(String(attachments[0]?.description)).toMatch(/^Charts of Server stats · 7 days · 2026-03-02 to 2026-03-08/);

    // The next week goes ahead as usual.
    clock.set("2026-03-16T08:00:30Z");
    await start();
    await stop();
    expect(digests()).toHaveLength(2);
  });

  it("pauses on 403 with a reason that /config show and /schedule preview give, and resumes when set again", async () => {
    clock.set("2026-03-23T07:59:00Z");
    const t = await start();
    const before = discord.calls.length;
    const refused = discord.fail({ method: "POST", path: `/channels/${CLOSED}/messages`, status: 403, times: 1 });
    clock.set("2026-03-23T08:00:10Z");
    await t.bot.scheduler.tick();
    expect(refused.met).toBe(1);
    const paused = await getSchedule(t.bot.ctx, closed.id, "digest");
    expect(paused?.pauseReason).toMatch(
      new RegExp(
        `Discord refused the post in <#${CLOSED}> \\(403 .*View Channel, Send Messages, Embed Links and Attach Files.*/config digest`,
      ),
    );
    // The other server's digest of that week went out all the same.
    expect(digests()).toHaveLength(3);

    const show = await asAdmin(discord, closed.id, "config", "show");
    expect(fieldOf(show, "Weekly digest")).toContain("⏸️ **Paused**");
    const preview = await asAdmin(discord, closed.id, "schedule", "preview");
    expect(String((preview.final.embeds as Json[])[0]?.description)).toContain("Weekly digest is paused");
    const studyPreview = await asAdmin(discord, study.id, "schedule", "preview");
    expect(String((studyPreview.final.embeds as Json[])[0]?.description)).toContain(
      "**Weekly digest**: Mon 30 Mar 2026, 09:00 GMT+2",
    );

    // Nothing more is tried while paused; setting the channel again resumes it the next Monday.
    clock.set("2026-03-23T08:05:00Z");
    await t.bot.scheduler.tick();
    const postsToClosed = () =>
      discord.calls.slice(before).filter((c) => c.method === "POST" && c.path === `/channels/${CLOSED}/messages`);
    expect(postsToClosed()).toHaveLength(1);
    await asAdmin(discord, closed.id, "config", "digest", { channel: CLOSED });
    clock.set("2026-03-30T07:00:30Z");
    await t.bot.scheduler.tick();
    expect(postsToClosed().map((c) => c.status)).toEqual([403, 200]);
    expect(await getSlot(t.bot.ctx, closed.id, "digest", "2026-W14")).toMatchObject({ status: "sent" });
    await stop();
    discord.assertNoViolations();
  });
});
