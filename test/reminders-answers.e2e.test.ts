import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TRIES } from "../src/challenges/answers.js";
import { ManualClock } from "../src/clock.js";
import type { Content } from "../src/content/load.js";
import type { Challenge, Level } from "../src/content/schema.js";
import { rows } from "../src/db/store.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const ASKS = "The sum, to two decimals, like 12.34";

/**
 * Areas rotate by date, so the mixed daily has a checked answer on even day numbers (area 1, e.g. 2026-03-02) and
 * none on odd ones (area 2). Only area 2 has an advanced challenge, so the advanced daily never has an answer.
 */
function library(): Content {
  const areas = [1, 2].map((i) => ({
    id: `area-${i}`,
    name: `Area ${i}`,
    emoji: "📘",
    summary: `Area ${i}, a part of the map for testing.`,
    why: "It matters because tests need a small map.",
  }));
  const topics = areas.map((a, i) => ({
    id: `topic-${i + 1}`,
    area: a.id,
    name: `Topic ${i + 1}`,
    aliases: [],
    summary: "A topic for testing reminders.",
    why: "Because reminders need a daily.",
  }));
  const base = { resources: [], requires: [], minutes: 10 };
  const answered: Challenge[] = (["beginner", "intermediate"] as Level[]).map((level) => ({
    ...base,
    id: `sum-${level}`,
    topic: "topic-1",
    level,
    title: `Add two numbers (${level})`,
    task: "Add 1234.5 and 4321.25, then submit the sum to two decimals.",
    doneWhen: "Done when you've submitted the sum.",
    hints: ["Line the decimal points up first.", "Carry from the hundredths into the tenths."],
    answer: {
      asks: ASKS,
      check: { type: "number" as const, value: 5555.75, absolute: 0.005 },
      explanation: "Worked explanation: add the two numbers given in the task; their sum is the answer.",
      derivation: { script: "sum.py", versions: "python 3.11" },
    },
  }));
  const trusted: Challenge[] = (["beginner", "intermediate", "advanced"] as Level[]).map((level) => ({
    ...base,
    id: `note-${level}`,
    topic: "topic-2",
    level,
    title: `Write a short note (${level})`,
    task: "Write three sentences on what you learned this week, in your own words.",
    doneWhen: "Done when the three sentences are written down.",
    hints: ["Start with the one thing that surprised you."],
  }));
  return { areas, topics, resources: [], challenges: [...answered, ...trusted], prompts: [] };
}

describe("a reminder for a challenge with a checked answer, end to end through discord.js", () => {
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let t: TestBot;
  let guildId: string;
  let n = 0;
  const member = () => aUser(700 + n++);

  beforeAll(async () => {
    t = await startTestBot({ clock, content: library() });
    guildId = t.discord.guild.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const run = (user: FakeUser, name: string, sub: string, values: Record<string, string> = {}) =>
    t.discord.reply(t.discord.slash(name, subcommand(sub, values), { user, guildId }));
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
  const inDm = (user: FakeUser, dm: Json) => ({ user, guildId: null, channelId: String(dm.channel_id) });
  /** Presses the DM's only button, as the member reading it does: the interaction names no server. */
  const press = (user: FakeUser, dm: Json, customId = String(buttonsOf(dm)[0]?.custom_id)) =>
    t.discord.reply(t.discord.button(customId, dm, inDm(user, dm)));
  const submitIn = (user: FakeUser, dm: Json, customId: string, answer: string) =>
    t.discord.reply(t.discord.modalSubmit(customId, { answer }, { ...inDm(user, dm), message: dm }));
  /** Presses Submit answer and types `answer` in the box it opens. */
  async function answer(user: FakeUser, dm: Json, given: string) {
    const opened = await press(user, dm);
    expect(opened.callback.type).toBe(9);
    return submitIn(user, dm, String((opened.callback.data as Json).custom_id), given);
  }
  const completions = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* rows(
        sql`SELECT guild_id, local_date, verified FROM ${s.t.completions} WHERE user_id = ${user.id} ORDER BY id`,
      );
    });
  const tries = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* rows(
        sql`SELECT guild_id, local_date, tries, CASE WHEN solved_at IS NULL THEN 0 ELSE 1 END AS solved
            FROM ${s.t.answerAttempts} WHERE user_id = ${user.id} ORDER BY local_date`,
      );
    });

  it("shows Submit answer instead of Mark done, and pressing it in the DM opens a box asking what the challenge asks", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-02", user);
    expect(((dm.embeds as Json[])[0] as Json).description).toContain("**Add two numbers");
    const buttons = buttonsOf(dm);
    expect(buttons.map((b) => b.label)).toEqual(["Submit answer", "Stop these reminders"]);
    expect(String(buttons[0]?.custom_id)).toMatch(new RegExp(`^remind:answer:${guildId}:2026-03-02:mixed:[\\w-]{8}$`));
    const opened = await press(user, dm);
    expect(opened.callback.type).toBe(9);
    const modal = opened.callback.data as Json;
    expect(String(modal.title)).toMatch(/^Answer: Add two numbers \((beginner|intermediate)\)$/);
    expect(String(modal.custom_id)).toBe(String(buttons[0]?.custom_id).replace(":answer:", ":submit:"));
    const [row] = modal.components as Json[];
    const [input] = (row?.components ?? []) as Json[];
    expect(input?.placeholder).toBe(ASKS);
    expect(await completions(user)).toEqual([]);
  });

  it("keeps Mark done on a reminder for a challenge without a checked answer, and it still credits the server", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-03", user);
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(["Mark done", "Stop these reminders"]);
    const pressed = await press(user, dm);
    expect(pressed.final.content).toContain(`✅ <@${user.id}> completed today's challenge: **Write a short note`);
    expect(await completions(user)).toEqual([{ guild_id: guildId, local_date: "2026-03-03", verified: 0 }]);
  });

  it("credits the reminder's server on its date with a verified completion for a right answer, pinging nobody", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-04", user);
    const right = await answer(user, dm, "5,555.75");
    expect(right.final.content).toContain(`🎯 <@${user.id}> solved today's challenge with a checked answer`);
    expect(right.final.content).toContain("Streak: **1 day**");
    expect(right.final.allowed_mentions).toEqual({ parse: [] });
    expect(await completions(user)).toEqual([{ guild_id: guildId, local_date: "2026-03-04", verified: 1 }]);
    const again = await answer(user, dm, "5555.75");
    expect(again.final.content).toBe("You've already answered this one correctly today. 🎯");
    expect(await completions(user)).toHaveLength(1);
    const card = await run(user, "challenge", "today");
    expect(card.final.content).toContain("You've done today's challenge");
  });

  it("records nothing but the try for a wrong answer, and says how many tries are left", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-06", user);
    const wrong = await answer(user, dm, "42");
    expect(wrong.final.flags).toBe(EPHEMERAL);
    expect(wrong.final.content).toContain(`Not quite: nothing was recorded (${MAX_TRIES - 1} tries left today)`);
    expect(wrong.final.content).toContain("Hint 1 of 2");
    // The card's Next hint belongs to /challenge, which works only in a server: the next try shows the next hint.
    expect(wrong.final.components ?? []).toEqual([]);
    expect(wrong.final.allowed_mentions).toEqual({ parse: [] });
    expect(await completions(user)).toEqual([]);
    expect(await tries(user)).toEqual([{ guild_id: guildId, local_date: "2026-03-06", tries: 1, solved: 0 }]);
  });

  it("answers a forged or foreign Submit answer with a clear message and changes nothing", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-08", user);
    const real = String(buttonsOf(dm)[0]?.custom_id);
    const submit = real.replace(":answer:", ":submit:");
    const malformed = await submitIn(user, dm, `${submit}0`, "5555.75");
    expect(malformed.final.content).toBe(STALE_CONTROL);
    expect((await press(user, dm, real.replace(/:[\w-]{8}$/, ""))).final.content).toBe(STALE_CONTROL);
    const otherChallenge = await submitIn(user, dm, submit.replace(/[\w-]{8}$/, "AAAAAAAA"), "5555.75");
    expect(otherChallenge.final.flags).toBe(EPHEMERAL);
    expect(otherChallenge.final.content).toContain(
      "That server's challenge of 2026-03-08 is no longer the one this reminder was about, so nothing was checked or recorded.",
    );
    const otherServer = await submitIn(user, dm, submit.replace(guildId, "123456789012345678"), "5555.75");
    expect(otherServer.final.content).toBe(
      "That reminder is from a server where you no longer have one, so nothing was recorded.",
    );
    expect(await completions(user)).toEqual([]);
    expect(await tries(user)).toEqual([]);
  });

  it("checks nothing for an answer box submitted after the member's day has ended", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-10", user);
    const opened = await press(user, dm);
    clock.set("2026-03-11T00:01:00Z");
    const late = await submitIn(user, dm, String((opened.callback.data as Json).custom_id), "5555.75");
    expect(late.final.content).toContain("That card is for the challenge of 2026-03-10, which has closed");
    expect(await completions(user)).toEqual([]);
    expect(await tries(user)).toEqual([]);
  });

  it("refuses an answer from a reminder sent before tracks were named once the server's default daily has changed, recording nothing", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-12", user);
    const opened = await press(user, dm);
    // Such a reminder's buttons name no track, so they are read as the server's default track's daily.
    const untracked = (id: string) => id.replace(":mixed:", ":");
    const submit = untracked(String((opened.callback.data as Json).custom_id));
    expect(submit).toMatch(new RegExp(`^remind:submit:${guildId}:2026-03-12:[\\w-]{8}$`));
    // The advanced track's daily of the same date is another challenge.
    await asAdmin(t.discord, guildId, "config", "daily", { level: "advanced" });
    try {
      const changed = await submitIn(user, dm, submit, "5555.75");
      expect(changed.final.flags).toBe(EPHEMERAL);
      expect(changed.final.content).toContain(
        "That server's challenge of 2026-03-12 is no longer the one this reminder was about",
      );
      const pressed = await press(user, dm, untracked(String(buttonsOf(dm)[0]?.custom_id)));
      expect(pressed.callback.type).toBe(4);
      expect(pressed.final.content).toContain("is no longer the one this reminder was about");
      expect(await completions(user)).toEqual([]);
      expect(await tries(user)).toEqual([]);
    } finally {
      await asAdmin(t.discord, guildId, "config", "daily", { level: "mixed" });
    }
  });

  it("still accepts the answer to the daily a reminder showed after the server's default track has changed", async () => {
    const user = member();
    const dm = await remindedOn("2026-03-16", user);
    const opened = await press(user, dm);
    await asAdmin(t.discord, guildId, "config", "daily", { level: "advanced" });
    try {
      const solved = await submitIn(user, dm, String((opened.callback.data as Json).custom_id), "5555.75");
      expect(solved.final.content).toContain(`🎯 <@${user.id}> solved today's challenge with a checked answer`);
      expect(await completions(user)).toEqual([{ guild_id: guildId, local_date: "2026-03-16", verified: 1 }]);
    } finally {
      await asAdmin(t.discord, guildId, "config", "daily", { level: "mixed" });
    }
  });

  it("offers Submit answer in a channel reminder too, crediting the member who answers", async () => {
    const channelId = t.discord.guild.channels[0]?.id ?? "";
    await asAdmin(t.discord, guildId, "config", "reminders", { mode: "channel", channel: channelId });
    try {
      const user = member();
      clock.set("2026-03-14T12:00:00Z");
      await run(user, "remind", "at", { time: "12:02" });
      clock.set("2026-03-14T12:02:00Z");
      await t.bot.reminders.tick();
      const posted = (t.discord.channelMessages.get(channelId) ?? []).at(-1) as Json;
      expect(String(posted.content)).toContain(`<@${user.id}>`);
      expect(((posted.embeds as Json[])[0] as Json).description).toBe("Submit its answer below.");
      const [button] = buttonsOf(posted);
      expect(button?.label).toBe("Submit answer");
      const opened = await t.discord.reply(t.discord.button(String(button?.custom_id), posted, { user, guildId }));
      expect(opened.callback.type).toBe(9);
      const right = await t.discord.reply(
        t.discord.modalSubmit(
          String((opened.callback.data as Json).custom_id),
          { answer: "5555.75" },
          { user, guildId },
        ),
      );
      expect(right.final.content).toContain(`🎯 <@${user.id}> solved today's challenge with a checked answer`);
      expect(await completions(user)).toEqual([{ guild_id: guildId, local_date: "2026-03-14", verified: 1 }]);
    } finally {
      await asAdmin(t.discord, guildId, "config", "reminders", { mode: "dm" });
    }
  });
});
