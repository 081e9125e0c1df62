import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { Content } from "../src/content/load.js";
import type { Challenge } from "../src/content/schema.js";
import { rows } from "../src/db/store.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;

/**
 * One challenge per level, so each track's daily is known on every date: the server's default track is beginner
 * (a note), the intermediate track's daily is a walk and the advanced track's daily has a checked answer.
 */
function library(): Content {
  const areas = [
    {
      id: "area-1",
      name: "Area 1",
      emoji: "📘",
      summary: "Area 1, a part of the map for testing.",
      why: "It matters because tests need a small map.",
    },
  ];
  const topics = [
    {
      id: "topic-1",
      area: "area-1",
      name: "Topic 1",
      aliases: [],
      summary: "A topic for testing reminders.",
      why: "Because reminders need a daily.",
    },
  ];
  const base = { topic: "topic-1", resources: [], requires: [], minutes: 10, hints: ["Start small."] };
  const challenges: Challenge[] = [
    {
      ...base,
      id: "note-beginner",
      level: "beginner",
      title: "Write a short note",
      task: "Write three sentences on what you learned this week, in your own words.",
      doneWhen: "Done when the three sentences are written down.",
    },
    {
      ...base,
      id: "walk-intermediate",
      level: "intermediate",
      title: "Trace a proof step by step",
      task: "Take a proof you read this week and write out every step it skips.",
      doneWhen: "Done when every skipped step is written down.",
    },
    {
      ...base,
      id: "sum-advanced",
      level: "advanced",
      title: "Add two numbers",
      task: "Add 1234.5 and 4321.25, then submit the sum to two decimals.",
      doneWhen: "Done when you've submitted the sum.",
      answer: {
        asks: "The sum, to two decimals, like 12.34",
        check: { type: "number" as const, value: 5555.75, absolute: 0.005 },
        explanation: "Worked explanation: add the two numbers given in the task; their sum is the answer.",
        derivation: { script: "sum.py", versions: "python 3.11" },
      },
    },
  ];
  return { areas, topics, resources: [], challenges, prompts: [] };
}

describe("reminders of members on their own tracks, end to end through discord.js", () => {
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let t: TestBot;
  let guildId: string;
  let n = 0;
  const member = () => aUser(900 + n++);

  beforeAll(async () => {
    t = await startTestBot({ clock, content: library() });
    guildId = t.discord.guild.id;
    await asAdmin(t.discord, guildId, "config", "daily", { level: "beginner" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const run = (user: FakeUser, name: string, sub: string, values: Record<string, string> = {}) =>
    t.discord.reply(t.discord.slash(name, subcommand(sub, values), { user, guildId }));
  /** The title of the daily `/challenge today` shows the member. */
  async function todayTitle(user: FakeUser): Promise<string> {
    const card = await run(user, "challenge", "today");
    return String(((card.final.embeds as Json[])[0] as Json).title);
  }
  /** Sets a 12:02 reminder on `date` and returns the DM it brings. */
  async function remindedOn(date: string, user: FakeUser): Promise<Json> {
    clock.set(`${date}T12:00:00Z`);
    await run(user, "remind", "at", { time: "12:02" });
    clock.set(`${date}T12:02:00Z`);
    await t.bot.reminders.tick();
    const dms = t.discord.dmsTo(user.id);
    expect(dms).toHaveLength(1);
    return dms[0] as Json;
  }
  const buttonsOf = (message: Json) =>
    ((message.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
  const named = (message: Json) => String(((message.embeds as Json[])[0] as Json).description);
  const inDm = (user: FakeUser, dm: Json) => ({ user, guildId: null, channelId: String(dm.channel_id) });
  const press = (user: FakeUser, dm: Json) =>
    t.discord.reply(t.discord.button(String(buttonsOf(dm)[0]?.custom_id), dm, inDm(user, dm)));
  const completions = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* rows(
        sql`SELECT local_date, challenge_id, verified FROM ${s.t.completions} WHERE user_id = ${user.id} ORDER BY id`,
      );
    });

  it("names the daily of the track a member picked, as /challenge today shows it, and its Mark done completes that daily", async () => {
    const user = member();
    clock.set("2026-03-02T11:00:00Z");
    await run(user, "challenge", "level", { level: "intermediate" });
    const shown = await todayTitle(user);
    expect(shown).toContain("Trace a proof step by step");
    const dm = await remindedOn("2026-03-02", user);
    expect(named(dm)).toContain(`**${shown}**`);
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(["Mark done", "Stop these reminders"]);
    await press(user, dm);
    expect(await completions(user)).toEqual([
      { local_date: "2026-03-02", challenge_id: "walk-intermediate", verified: 0 },
    ]);
    expect((await run(user, "challenge", "today")).final.content).toContain("You've done today's challenge");
  });

  it("offers Submit answer for a checked answer on the member's track, and accepts the right answer to it", async () => {
    const user = member();
    clock.set("2026-03-03T11:00:00Z");
    await run(user, "challenge", "level", { level: "advanced" });
    const dm = await remindedOn("2026-03-03", user);
    expect(named(dm)).toContain(`**${await todayTitle(user)}**`);
    expect(named(dm)).toContain("**Add two numbers**");
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(["Submit answer", "Stop these reminders"]);
    const opened = await press(user, dm);
    expect(opened.callback.type).toBe(9);
    const solved = await t.discord.reply(
      t.discord.modalSubmit(
        String((opened.callback.data as Json).custom_id),
        { answer: "5555.75" },
        { ...inDm(user, dm), message: dm },
      ),
    );
    expect(solved.final.content).toContain(`🎯 <@${user.id}> solved today's challenge with a checked answer`);
    expect(await completions(user)).toEqual([{ local_date: "2026-03-03", challenge_id: "sum-advanced", verified: 1 }]);
  });

  it("still names the server's default daily for a member who picked no track, and its Mark done completes it", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-04", user);
    expect(named(dm)).toContain(`**${await todayTitle(user)}**`);
    expect(named(dm)).toContain("**Write a short note**");
    await press(user, dm);
    expect(await completions(user)).toEqual([{ local_date: "2026-03-04", challenge_id: "note-beginner", verified: 0 }]);
  });

  it("in channel mode posts one message per track, each naming its members and their track's daily", async () => {
    const channelId = t.discord.guild.channels[0]?.id ?? "";
    await asAdmin(t.discord, guildId, "config", "reminders", { mode: "channel", channel: channelId });
    try {
      const onDefault = member();
      const onAdvanced = member();
      // The reminders of this file's other members come due at 12:02 and go out first, so only these two remain.
      clock.set("2026-03-05T12:02:00Z");
      await t.bot.reminders.tick();
      await run(onAdvanced, "challenge", "level", { level: "advanced" });
      for (const user of [onDefault, onAdvanced]) await run(user, "remind", "at", { time: "12:07" });
      const before = (t.discord.channelMessages.get(channelId) ?? []).length;
      clock.set("2026-03-05T12:07:00Z");
      await t.bot.reminders.tick();
      const posted = (t.discord.channelMessages.get(channelId) ?? []).slice(before) as Json[];
      expect(posted).toHaveLength(2);
      const titleOf = (message: Json) => String(((message.embeds as Json[])[0] as Json).title);
      const forDefault = posted.find((m) => String(m.content).includes(`<@${onDefault.id}>`));
      const forAdvanced = posted.find((m) => String(m.content).includes(`<@${onAdvanced.id}>`));
      expect(forDefault && titleOf(forDefault)).toBe("Write a short note");
      expect(String(forDefault?.content)).not.toContain(`<@${onAdvanced.id}>`);
      expect(forAdvanced && titleOf(forAdvanced)).toBe("Add two numbers");
      expect(String(forAdvanced?.content)).not.toContain(`<@${onDefault.id}>`);
      expect(buttonsOf(forAdvanced ?? {}).map((b) => b.label)).toEqual(["Submit answer"]);
    } finally {
      await asAdmin(t.discord, guildId, "config", "reminders", { mode: "dm" });
    }
  });
});
