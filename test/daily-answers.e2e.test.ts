import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TRIES } from "../src/challenges/answers.js";
import { ManualClock } from "../src/clock.js";
import type { Content } from "../src/content/load.js";
import { type Challenge, LEVELS, type Level } from "../src/content/schema.js";
import { rows } from "../src/db/store.js";
import { asAdmin } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser, type InteractionReply } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const DAY = 86_400_000;
const EXPLANATION = "Worked explanation: add the two numbers given in the task; their sum is the answer.";

/** Two areas; at each level one challenge with a checked number, one marked done on trust, one needing a GPU. */
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
    summary: "A topic for testing the daily.",
    why: "Because the daily needs topics.",
  }));
  const challenges: Challenge[] = topics.flatMap((topic) =>
    LEVELS.flatMap((level: Level) => [
      {
        id: `${topic.id}-${level}-answer`,
        topic: topic.id,
        level,
        title: `Add two numbers (${level}, ${topic.id})`,
        task: "Add 1234.5 and 4321.25, then submit the sum to two decimals.",
        doneWhen: "Done when you've submitted the sum.",
        minutes: 10,
        resources: [],
        requires: [],
        hints: ["Line the decimal points up first.", "Carry from the hundredths into the tenths."],
        answer: {
          asks: "The sum, to two decimals, like 12.34",
          check: { type: "number" as const, value: 5555.75, absolute: 0.005 },
          explanation: EXPLANATION,
          derivation: { script: "sum.py", versions: "python 3.11" },
        },
      },
      {
        id: `${topic.id}-${level}-trust`,
        topic: topic.id,
        level,
        title: `Write a short note (${level}, ${topic.id})`,
        task: "Write three sentences on what you learned this week, in your own words.",
        doneWhen: "Done when the three sentences are written down.",
        minutes: 10,
        resources: [],
        requires: [],
        hints: ["Start with the one thing that surprised you."],
      },
      {
        id: `${topic.id}-${level}-gpu`,
        topic: topic.id,
        level,
        title: `Train on a GPU (${level}, ${topic.id})`,
        task: "Fine-tune a small model on a GPU and log the loss curve for one epoch.",
        doneWhen: "Done when the loss curve is saved as a PNG.",
        minutes: 30,
        resources: [],
        requires: ["gpu"],
        hints: ["Check torch.cuda.is_available() first."],
      },
    ]),
  );
  return { areas, topics, resources: [], challenges, prompts: [] };
}

describe("a daily that fits a day: level tracks, hints and checked answers, through the loopback Discord", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  const content = library();
  let n = 0;
  const member = () => aUser(500 + n++);
  const run = (user: FakeUser, name: string, options: Json[] = []) =>
    t.discord.reply(t.discord.slash(name, options, { user }));
  const challenge = (user: FakeUser, sub: string, options: Json[] = []) =>
    run(user, "challenge", [{ type: 1, name: sub, options }]);
  const embedOf = (reply: InteractionReply) => (reply.final.embeds as Json[])[0] as Json;
  const buttons = (reply: InteractionReply) =>
    ((reply.final.components as Json[] | undefined) ?? []).flatMap((row) =>
      ((row.components as Json[]) ?? []).map((c) => ({ id: String(c.custom_id), label: String(c.label) })),
    );
  const idOf = (reply: InteractionReply, label: string) => {
    const found = buttons(reply).find((b) => b.label === label);
    if (!found) throw new Error(`no ${label} button in ${JSON.stringify(buttons(reply))}`);
    return found.id;
  };
  const titleToChallenge = (reply: InteractionReply) =>
    content.challenges.find((c) => c.title === embedOf(reply).title);
  /** Today's card on the member's track, turned to the answer challenge by walking days until one is drawn. */
  async function answerDay(user: FakeUser): Promise<InteractionReply> {
    for (let i = 0; i < 30; i++) {
      const card = await challenge(user, "today");
      if (titleToChallenge(card)?.answer) return card;
      clock.advance(DAY);
    }
    throw new Error("no answer challenge drawn in 30 days");
  }
  const submit = async (user: FakeUser, card: InteractionReply, answer: string) => {
    const open = await t.discord.reply(
      t.discord.button(idOf(card, "Submit answer"), t.discord.messageOf(card), { user }),
    );
    expect(open.callback.type).toBe(9);
    const modal = open.callback.data as Json;
    return t.discord.reply(t.discord.modalSubmit(String(modal.custom_id), { answer }, { user }));
  };
  const completions = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* rows<{ local_date: string; verified: number }>(
        sql`SELECT local_date, verified FROM ${s.t.completions} WHERE user_id = ${user.id} ORDER BY id`,
      );
    });

  beforeAll(async () => {
    t = await startTestBot({ clock, content });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("gives a member on the beginner track the server's beginner daily, the same for everyone on it", async () => {
    clock.set("2026-03-02T12:00:00Z");
    const [a, b, c] = [member(), member(), member()];
    for (const user of [a, b]) {
      const set = await challenge(user, "level", [{ type: 3, name: "level", value: "beginner" }]);
      expect(set.final.content).toContain("**Beginner**");
    }
    const first = await challenge(a, "today");
    const second = await challenge(b, "today");
    expect(embedOf(first).author).toEqual({ name: "Beginner daily · 2026-03-02" });
    expect(embedOf(first).title).toBe(embedOf(second).title);
    expect(titleToChallenge(first)?.level).toBe("beginner");
    const mixed = await challenge(c, "today");
    expect(embedOf(mixed).author).toEqual({ name: "Daily challenge · 2026-03-02" });
  });

  it("follows the server's default track, set with /config daily, until a member picks their own", async () => {
    clock.set("2026-03-05T12:00:00Z");
    const guildId = t.discord.guild.id;
    const saved = await asAdmin(t.discord, guildId, "config", "daily", { level: "advanced" });
    expect(saved.final.content).toContain("Default track: **Advanced**");
    const user = member();
    expect(titleToChallenge(await challenge(user, "today"))?.level).toBe("advanced");
    await challenge(user, "level", [{ type: 3, name: "level", value: "intermediate" }]);
    expect(titleToChallenge(await challenge(user, "today"))?.level).toBe("intermediate");
    await challenge(user, "level", [{ type: 3, name: "level", value: "server-default" }]);
    expect(titleToChallenge(await challenge(user, "today"))?.level).toBe("advanced");
    await asAdmin(t.discord, guildId, "config", "daily", { level: "mixed" });
  });

  it("never draws a daily needing a GPU by default, and shows what a practice challenge needs", async () => {
    clock.set("2026-04-01T12:00:00Z");
    const user = member();
    for (let day = 0; day < 20; day++) {
      expect(titleToChallenge(await challenge(user, "today"))?.requires).not.toContain("gpu");
      clock.advance(DAY);
    }
    for (let i = 0; i < 20; i++) {
      const card = await challenge(user, "random");
      if (!titleToChallenge(card)?.requires.includes("gpu")) continue;
      const needs = (embedOf(card).fields as Json[]).find((f) => f.name === "Needs");
      expect(String(needs?.value)).toContain("GPU");
      return;
    }
    throw new Error("no GPU practice challenge drawn in 20 tries");
  });

  it("reveals hints one at a time, privately", async () => {
    clock.set("2026-05-01T12:00:00Z");
    const user = member();
    const card = await answerDay(user);
    const first = await t.discord.reply(t.discord.button(idOf(card, "Hint"), t.discord.messageOf(card), { user }));
    expect(first.final.flags).toBe(EPHEMERAL);
    expect(first.final.content).toContain("Hint 1 of 2");
    expect(first.final.content).not.toContain("Hint 2 of 2");
    const second = await t.discord.reply(
      t.discord.button(idOf(first, "Next hint"), t.discord.messageOf(first), { user }),
    );
    expect(second.final.content).toContain("Hint 2 of 2");
    expect(buttons(second)).toEqual([]);
  });

  it("records a right answer as a verified completion that continues the streak", async () => {
    clock.set("2026-06-01T12:00:00Z");
    const user = member();
    const day1 = await answerDay(user);
    const right = await submit(user, day1, "5,555.75");
    expect(right.final.content).toContain("solved today's challenge with a checked answer");
    expect(right.final.content).toContain("Streak: **1 day**");
    expect(right.final.allowed_mentions).toEqual({ parse: [] });
    clock.advance(DAY);
    const trust = await challenge(user, "today");
    const done = titleToChallenge(trust)?.answer
      ? await submit(user, trust, "5555.75")
      : await t.discord.reply(t.discord.button(idOf(trust, "Mark done"), t.discord.messageOf(trust), { user }));
    expect(done.final.content).toContain("Streak: **2 days**");
    expect((await completions(user))[0]).toMatchObject({ verified: 1 });
    const history = await challenge(user, "history");
    expect(String(embedOf(history).description)).toContain("🎯 verified");
    const streak = await run(user, "streak", [{ type: 1, name: "show", options: [] }]);
    const verified = (embedOf(streak).fields as Json[]).find((f) => f.name === "Verified");
    expect(String(verified?.value)).toMatch(/[12] checked answers?/);
  });

  it("says 'not quite' to a wrong answer and records nothing, offers the next hint, and refuses a sixth try", async () => {
    clock.set("2026-07-01T12:00:00Z");
    const user = member();
    const card = await answerDay(user);
    const unreadable = await submit(user, card, "about five thousand");
    expect(unreadable.final.content).toMatch(/isn't a number.*didn't count/);
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const wrong = await submit(user, card, "42");
      expect(wrong.final.flags).toBe(EPHEMERAL);
      expect(wrong.final.content).toContain("Not quite");
      expect(wrong.final.content).toContain("Hint 1 of 2");
      expect(wrong.final.content).toContain(
        attempt < MAX_TRIES ? `${MAX_TRIES - attempt} ${MAX_TRIES - attempt === 1 ? "try" : "tries"} left` : "last try",
      );
    }
    const sixth = await submit(user, card, "5555.75");
    expect(sixth.final.content).toContain(`used all ${MAX_TRIES} tries`);
    expect(await completions(user)).toEqual([]);
    const marked = await challenge(user, "done");
    expect(marked.final.content).toContain("has a checked answer");
    expect(await completions(user)).toEqual([]);
  });

  it("refuses the solution before the member's day has ended and shows it after; no payload carries the answer before", async () => {
    clock.set("2026-08-01T12:00:00Z");
    const user = member();
    const card = await answerDay(user);
    const date = String((embedOf(card).author as Json).name).split(" · ")[1] ?? "";
    await submit(user, card, "1");
    const early = await challenge(user, "solution", [{ type: 3, name: "date", value: date }]);
    expect(early.final.flags).toBe(EPHEMERAL);
    expect(early.final.content).toMatch(/opens once that day has ended/);
    const before = JSON.stringify(t.discord.calls.map((c) => c.body));
    expect(before).not.toContain(EXPLANATION);
    expect(before).not.toContain("5555.75");
    clock.advance(DAY);
    const shown = await challenge(user, "solution", [{ type: 3, name: "date", value: date }]);
    expect(String(embedOf(shown).description)).toContain(EXPLANATION);
  });

  it("refuses a date's solution to a member who hops to UTC+14 while the date is still open in UTC-12, and says when it opens", async () => {
    clock.set("2026-08-20T18:00:00Z");
    const seen = t.discord.calls.length;
    const user = member();
    const zone = (value: string) => run(user, "timezone", [{ type: 3, name: "zone", value }]);
    await zone("Etc/GMT+12");
    const card = await answerDay(user);
    const date = String((embedOf(card).author as Json).name).split(" · ")[1] ?? "";
    await zone("Pacific/Kiritimati");
    const hop = await challenge(user, "solution", [{ type: 3, name: "date", value: date }]);
    expect(hop.final.flags).toBe(EPHEMERAL);
    const opens = Math.floor(Date.parse(`${date}T12:00:00Z`) / 1000) + 86_400;
    expect(hop.final.content).toContain(`opens once that day has ended in every time zone`);
    expect(hop.final.content).toContain(`<t:${opens}:f>`);
    expect(JSON.stringify(t.discord.calls.slice(seen).map((c) => c.body))).not.toContain(EXPLANATION);
    await zone("Etc/GMT+12");
    const right = await submit(user, card, "5555.75");
    expect(right.final.content).not.toContain(EXPLANATION);
    clock.set(new Date(opens * 1000));
    const shown = await challenge(user, "solution", [{ type: 3, name: "date", value: date }]);
    expect(String(embedOf(shown).description)).toContain(EXPLANATION);
  });

  it("answers a stale Submit answer from an earlier day without checking it", async () => {
    clock.set("2026-09-01T12:00:00Z");
    const user = member();
    const card = await answerDay(user);
    clock.advance(DAY);
    const stale = await t.discord.reply(
      t.discord.button(idOf(card, "Submit answer"), t.discord.messageOf(card), { user }),
    );
    expect(stale.final.content).toMatch(/has closed/);
    expect(await completions(user)).toEqual([]);
  });
});
