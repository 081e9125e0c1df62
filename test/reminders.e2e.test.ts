import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, fieldOf, importLibrary, ownChallengesFile, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, defaultGuild, type FakeUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

/** A library without checked answers, so every reminder's Mark done completes the day on its own. */
const LIBRARY = makeLibrary([4, 5, 3]);

type Json = Record<string, unknown>;

const GUILD = defaultGuild();
const GENERAL = GUILD.channels[0]?.id ?? "";

describe("reminders, end to end through discord.js", () => {
  let database: TestDatabase;
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let discord: LoopbackDiscord;
  let t: TestBot;

  const start = async () => {
    t = await startTestBot({ content: LIBRARY, clock, discord, database });
  };
  const run = (user: FakeUser, name: string, sub: string, values: Record<string, string | number | boolean> = {}) =>
    discord.reply(discord.slash(name, subcommand(sub, values), { user, guildId: GUILD.id }));
  const tickAt = async (iso: string) => {
    clock.set(iso);
    return t.bot.reminders.tick();
  };
  const sends = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      const { reminderSends } = s.t;
      return yield* all(
        s.db.select().from(reminderSends).where(eq(reminderSends.userId, user.id)).orderBy(reminderSends.date),
      );
    });

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [GUILD] });
    database = await freshDatabase();
    await start();
  });

  afterAll(async () => {
    await t.stop();
    await discord.close();
    await database.remove();
    discord.assertNoViolations();
  });

  it("sends a reminder set two minutes ahead once, by DM, and its Mark done there credits the server", async () => {
    const member = aUser(1);
    const set = await run(member, "remind", "at", { time: "12:02" });
    expect(set.final.content).toMatch(/^⏰ Reminder set\. every day at \*\*12:02\*\* \(UTC\) by direct message/);
    await tickAt("2026-03-02T12:01:00Z");
    expect(discord.dmsTo(member.id)).toHaveLength(0);
    await tickAt("2026-03-02T12:02:00Z");
    await tickAt("2026-03-02T12:02:30Z");
    await tickAt("2026-03-02T12:03:00Z");
    const dms = discord.dmsTo(member.id);
    expect(dms).toHaveLength(1);
    // The DM channel was opened once and kept.
    expect(discord.calls.filter((c) => c.path === "/users/@me/channels")).toHaveLength(1);
    const dm = dms[0] as Json;
    const embed = (dm.embeds as Json[])[0] as Json;
    expect(embed.title).toBe("⏰ Today's challenge is still open");
    expect(String(embed.description)).toContain("Complete today's challenge in **ML Study Hall** to start a streak.");
    expect(String(embed.description)).toContain("Your day ends in **11h 58m** (UTC).");
    const button = (((dm.components as Json[])[0] as Json).components as Json[])[0] as Json;
    expect(button.custom_id).toBe(`remind:done:${GUILD.id}:2026-03-02:mixed`);
    // Pressed in the DM: the interaction names no server, the button does.
    const pressed = await discord.reply(discord.button(String(button.custom_id), dm, { user: member, guildId: null }));
    expect(pressed.final.content).toContain(`✅ <@${member.id}> completed today's challenge`);
    const again = await run(member, "challenge", "done");
    expect(again.final.content).toContain("You've already completed today's challenge (2026-03-02)");
  });

  it("sends nothing to a member who completed today's challenge first", async () => {
    const member = aUser(2);
    await run(member, "remind", "at", { time: "12:05" });
    await run(member, "challenge", "done");
    await tickAt("2026-03-02T12:05:00Z");
    expect(discord.dmsTo(member.id)).toHaveLength(0);
    expect((await sends(member)).map((s) => [s.status, s.note])).toEqual([
      ["skipped", "today's challenge was already done"],
    ]);
  });

  it("switches off the reminder of a member who closed their DMs (50007) and tells them at their next command", async () => {
    const member = aUser(3);
    discord.closedDms.add(member.id);
    await run(member, "remind", "at", { time: "12:07" });
    await tickAt("2026-03-02T12:07:00Z");
    expect(discord.dmsTo(member.id)).toHaveLength(0);
    expect((await sends(member)).map((s) => s.status)).toEqual(["failed"]);
    const next = await discord.reply(discord.slash("about", [], { user: member, guildId: GUILD.id }), {
      followUps: 1,
    });
    expect(next.followUps[0]?.content).toContain("🔕 Your 1 reminder (ML Study Hall) is now off");
    expect((Number(next.followUps[0]?.flags) & 64) !== 0).toBe(true);
    // Told once.
    const later = await run(member, "remind", "show");
    expect(later.followUps).toHaveLength(0);
    expect(later.final.content).toContain("off since Discord refused a message");
    await tickAt("2026-03-02T12:08:00Z");
    expect(await sends(member)).toHaveLength(1);
    expect(
      discord.calls.filter((c) => c.method === "POST" && c.path.endsWith("/messages") && c.status === 403),
    ).toHaveLength(1);
  });

  it("sends nobody a second reminder after a restart inside the same date, and catches up only with 30 minutes of the day left", async () => {
    const berlin = aUser(4);
    const tokyo = aUser(5);
    await discord.reply(
      discord.slash("timezone", [{ type: 3, name: "zone", value: "Europe/Berlin" }], {
        user: berlin,
        guildId: GUILD.id,
      }),
    );
    await discord.reply(
      discord.slash("timezone", [{ type: 3, name: "zone", value: "Asia/Tokyo" }], { user: tokyo, guildId: GUILD.id }),
    );
    clock.set("2026-03-02T14:30:00Z");
    await run(berlin, "remind", "at", { time: "15:40" }); // 14:40 UTC
    await run(tokyo, "remind", "at", { time: "23:40" }); // 14:40 UTC, 20 minutes before Tokyo's midnight
    await t.stop();
    clock.set("2026-03-02T14:45:00Z"); // both came due while Gradient was down
    await start();
    await t.bot.reminders.tick();
    expect(discord.dmsTo(berlin.id)).toHaveLength(1);
    expect(discord.dmsTo(tokyo.id)).toHaveLength(0);
    expect((await sends(tokyo)).map((s) => s.status)).toEqual(["missed"]);
    // Another restart later the same date: nothing new for anyone.
    await t.stop();
    clock.set("2026-03-02T16:00:00Z");
    await start();
    await t.bot.reminders.tick();
    expect(discord.dmsTo(aUser(1).id)).toHaveLength(1);
    expect(discord.dmsTo(berlin.id)).toHaveLength(1);
  });

  it("moves a reminder with a change of zone without sending two on one date", async () => {
    const member = aUser(6);
    await discord.reply(
      discord.slash("timezone", [{ type: 3, name: "zone", value: "Europe/Berlin" }], {
        user: member,
        guildId: GUILD.id,
      }),
    );
    await run(member, "remind", "at", { time: "21:00" });
    await tickAt("2026-03-02T20:00:00Z"); // 21:00 in Berlin
    expect(discord.dmsTo(member.id)).toHaveLength(1);
    await discord.reply(
      discord.slash("timezone", [{ type: 3, name: "zone", value: "America/New_York" }], {
        user: member,
        guildId: GUILD.id,
      }),
    );
    await tickAt("2026-03-03T02:00:00Z"); // 21:00 in New York, still 2 March there
    expect(discord.dmsTo(member.id)).toHaveLength(1);
    await tickAt("2026-03-04T02:00:00Z"); // 21:00 on 3 March in New York
    expect(discord.dmsTo(member.id)).toHaveLength(2);
  });

  it("in channel mode posts one message per minute naming exactly the members due then", async () => {
    clock.set("2026-03-05T09:00:00Z");
    const set = await asAdmin(discord, GUILD.id, "config", "reminders", { mode: "channel", channel: GENERAL });
    expect(set.final.content).toContain(`Reminders now go to <#${GENERAL}>`);
    const due = [aUser(11), aUser(12), aUser(13)];
    for (const member of due) await run(member, "remind", "at", { time: "09:10" });
    await run(aUser(13), "challenge", "done");
    const before = discord.channelMessages.get(GENERAL)?.length ?? 0;
    await tickAt("2026-03-05T09:10:00Z");
    await tickAt("2026-03-05T09:11:00Z");
    const posted = (discord.channelMessages.get(GENERAL) ?? []).slice(before);
    expect(posted).toHaveLength(1);
    const body = discord.calls.find(
      (c) =>
        c.method === "POST" &&
        c.path === `/channels/${GENERAL}/messages` &&
        String((c.body as Json).content).startsWith("⏰"),
    )?.body as Json;
    const named = [aUser(11).id, aUser(12).id];
    expect([...String(posted[0]?.content).matchAll(/<@(\d+)>/g)].map((m) => m[1]).sort()).toEqual(named);
    expect(body.allowed_mentions).toEqual({ parse: [], users: named });
    const show = await asAdmin(discord, GUILD.id, "config", "show");
    expect(fieldOf(show, "Reminders")).toContain(`In <#${GENERAL}>`);
  });
});

describe("reminders in a server with its own curriculum", () => {
  const OWN = ["Summarise the first week of the course", "Explain the second week to a friend"];
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let t: TestBot;
  const run = (user: FakeUser, name: string, sub: string, values: Record<string, string | number | boolean> = {}) =>
    t.discord.reply(t.discord.slash(name, subcommand(sub, values), { user, guildId: GUILD.id }));

  beforeAll(async () => {
    t = await startTestBot({ content: LIBRARY, clock });
    // Only the server's own challenges are in its pool.
    await importLibrary(t.discord, GUILD.id, ownChallengesFile(OWN));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a DM reminder names the server's daily, and its Mark done completes that daily", async () => {
    const member = aUser(21);
    await run(member, "remind", "at", { time: "12:02" });
    clock.set("2026-03-02T12:02:00Z");
    await t.bot.reminders.tick();
    const dm = t.discord.dmsTo(member.id)[0] as Json;
    const reminded = String(((dm.embeds as Json[])[0] as Json).description).split("\n")[0];
    const today = await run(member, "challenge", "today");
    const daily = ((today.final.embeds as Json[])[0] as Json).title as string;
    expect(OWN).toContain(daily);
    expect(reminded).toBe(`**${daily}**`);
    const button = (((dm.components as Json[])[0] as Json).components as Json[])[0] as Json;
    const pressed = await t.discord.reply(
      t.discord.button(String(button.custom_id), dm, { user: member, guildId: null }),
    );
    expect(pressed.final.content).toContain(`✅ <@${member.id}> completed today's challenge: **${daily}**`);
  });

  it("a channel reminder names the server's daily", async () => {
    clock.set("2026-03-03T09:00:00Z");
    await asAdmin(t.discord, GUILD.id, "config", "reminders", { mode: "channel", channel: GENERAL });
    const member = aUser(22);
    await run(member, "remind", "at", { time: "09:10" });
    clock.set("2026-03-03T09:10:00Z");
    await t.bot.reminders.tick();
    const posted = (t.discord.channelMessages.get(GENERAL) ?? []).at(-1) as Json;
    const today = await run(member, "challenge", "today");
    const daily = ((today.final.embeds as Json[])[0] as Json).title as string;
    expect(OWN).toContain(daily);
    expect(((posted.embeds as Json[])[0] as Json).title).toBe(daily);
  });
});
