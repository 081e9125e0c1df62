import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { getReminder } from "../src/reminders/store.js";
import { makeLibrary } from "./fixtures/library.js";
import { subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, defaultGuild, type FakeGuild, type FakeUser, LoopbackDiscord } from "./support/loopback-discord.js";

/** A library without checked answers, so a reminder's completion button is Mark done. */
const LIBRARY = makeLibrary([4, 5, 3]);

type Json = Record<string, unknown>;

const GUILD = defaultGuild();
const OTHER: FakeGuild = {
  id: "200000000000000002",
  name: "Deep Learning Reading Group",
  channels: [{ id: "300000000000000011", name: "general" }],
};

const buttonsOf = (message: Json): Json[] =>
  ((message.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const idOf = (message: Json, label: string) =>
  String(buttonsOf(message).find((b) => String(b.label).includes(label))?.custom_id);
const isEphemeral = (data: { flags?: unknown }) => (Number(data.flags) & 64) !== 0;

describe("reminders of members who left, and stopping reminders from a DM, end to end through discord.js", () => {
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let discord: LoopbackDiscord;
  let t: TestBot;

  const run = (user: FakeUser, sub: string, values: Record<string, string> = {}, guildId: string | null = GUILD.id) =>
    discord.reply(discord.slash("remind", subcommand(sub, values), { user, guildId }));
  /** A tick at `time` UTC on each date from March `from` to March `to`. */
  const daily = async (time: string, from: number, to: number) => {
    for (let day = from; day <= to; day++) {
      clock.set(`2026-03-${String(day).padStart(2, "0")}T${time}:00Z`);
      await t.bot.reminders.tick();
    }
  };
  const lookups = (user: FakeUser) =>
    discord.calls.filter((c) => c.method === "GET" && c.path === `/guilds/${GUILD.id}/members/${user.id}`);
  const reminderOf = (user: FakeUser, guildId = GUILD.id) => getReminder(t.bot.ctx, guildId, user.id);

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [GUILD, OTHER] });
    t = await startTestBot({ content: LIBRARY, clock, discord });
  });

  afterAll(async () => {
    await t.stop();
    await discord.close();
    discord.assertNoViolations();
  });

  it("stops DMing a member who left the server once Discord says so, switches their reminder off and tells them why", async () => {
    const member = aUser(1);
    clock.set("2026-03-02T12:00:00Z");
    await run(member, "at", { time: "12:02" });
    discord.leaveGuild(GUILD.id, member.id);
    await daily("12:02", 2, 9);
    // Known present from setting it (March 2, 12:00) for 3 days; the lookup on March 5 answers 404 Unknown Member.
    expect(discord.dmsTo(member.id)).toHaveLength(3);
    expect(lookups(member).map((c) => c.status)).toEqual([404]);
    expect((await reminderOf(member))?.offAt).not.toBeNull();
    const next = await discord.reply(discord.slash("remind", subcommand("show"), { user: member, guildId: null }), {
      followUps: 1,
    });
    expect(next.followUps).toHaveLength(1);
    expect(next.followUps[0]?.content).toContain(
      "🔕 Your 1 reminder (ML Study Hall) is now off: Discord says you are no longer a member of that server.",
    );
    expect(isEphemeral(next.followUps[0] ?? {})).toBe(true);
    expect(next.final.content).toContain("off: Discord says you are no longer a member of that server");
  });

  it("keeps DMing a member who is still there but silent for a week, asking Discord only every few days", async () => {
    const member = aUser(2);
    clock.set("2026-03-02T12:00:00Z");
    await run(member, "at", { time: "12:04" });
    await daily("12:04", 2, 9);
    expect(discord.dmsTo(member.id)).toHaveLength(8);
    // Silent since March 2: asked on March 5 (200) and again 3 days later, on March 8.
    expect(lookups(member).map((c) => c.status)).toEqual([200, 200]);
    expect((await reminderOf(member))?.offAt).toBeNull();
  });

  it("asks Discord nothing about a member who uses Gradient in the server", async () => {
    const member = aUser(3);
    clock.set("2026-03-02T12:00:00Z");
    await run(member, "at", { time: "12:06" });
    for (let day = 3; day <= 9; day++) {
      clock.set(`2026-03-0${day}T09:00:00Z`);
      await discord.reply(discord.slash("about", [], { user: member, guildId: GUILD.id }));
      await daily("12:06", day, day);
    }
    expect(discord.dmsTo(member.id)).toHaveLength(7);
    expect(lookups(member)).toHaveLength(0);
  });

  it("credits nothing when a member who left presses their reminder's Mark done in the DM, and says why", async () => {
    const member = aUser(4);
    clock.set("2026-03-10T12:00:00Z");
    await run(member, "at", { time: "12:08" });
    await daily("12:08", 10, 10);
    const [dm] = discord.dmsTo(member.id);
    expect(dm).toBeDefined();
    discord.leaveGuild(GUILD.id, member.id);
    const pressed = await discord.reply(
      discord.button(idOf(dm as Json, "Mark done"), dm as Json, { user: member, guildId: null }),
    );
    expect(pressed.final.content).toContain("You're no longer a member of the server this reminder is from");
    expect(isEphemeral(pressed.final)).toBe(true);
    const completed = await t.bot.ctx.store.read(function* (s) {
      return yield* all(s.db.select().from(s.t.completions).where(eq(s.t.completions.userId, member.id)));
    });
    expect(completed).toEqual([]);
    expect((await reminderOf(member))?.offAt).not.toBeNull();
  });

  it("turns a reminder off with its Stop these reminders button, and sends no more", async () => {
    const member = aUser(5);
    clock.set("2026-03-10T12:00:00Z");
    await run(member, "at", { time: "12:10" });
    await daily("12:10", 10, 10);
    const [dm] = discord.dmsTo(member.id);
    const stop = idOf(dm as Json, "Stop these reminders");
    expect(stop).toBe(`remind:stop:${GUILD.id}`);
    const pressed = await discord.reply(discord.button(stop, dm as Json, { user: member, guildId: null }));
    expect(pressed.final.content).toContain("🔕 Your reminder from **ML Study Hall** is off.");
    expect(isEphemeral(pressed.final)).toBe(true);
    await daily("12:10", 11, 13);
    expect(discord.dmsTo(member.id)).toHaveLength(1);
    expect(await reminderOf(member)).toBeUndefined();
  });

  it("asks which server /remind off in a DM should stop when there are two, and stops only the one picked", async () => {
    const member = aUser(6);
    clock.set("2026-03-10T12:00:00Z");
    await run(member, "at", { time: "20:00" });
    await run(member, "at", { time: "21:00" }, OTHER.id);
    const asked = await run(member, "off", {}, null);
    expect(isEphemeral(asked.final)).toBe(true);
    expect(asked.final.content).toContain("which one should stop?");
    const labels = buttonsOf(asked.final as Json).map((b) => b.label);
    expect(labels).toEqual(["Stop: ML Study Hall", "Stop: Deep Learning Reading Group"]);
    const picked = await discord.reply(
      discord.button(idOf(asked.final as Json, OTHER.name), discord.messageOf(asked), { user: member, guildId: null }),
    );
    expect(picked.final.content).toContain(`🔕 Your reminder from **${OTHER.name}** is off.`);
    expect(await reminderOf(member, OTHER.id)).toBeUndefined();
    expect(await reminderOf(member, GUILD.id)).toBeDefined();
    // With one reminder left, /remind off in the DM stops it at once.
    const last = await run(member, "off", {}, null);
    expect(last.final.content).toContain("🔕 Your reminder from **ML Study Hall** is off.");
    expect(await reminderOf(member, GUILD.id)).toBeUndefined();
  });
});
