import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengeIds } from "../src/challenges/custom-ids.js";
import type { Track } from "../src/challenges/rules.js";
import { ManualClock } from "../src/clock.js";
import type { Content } from "../src/content/load.js";
import type { Challenge } from "../src/content/schema.js";
import { rows } from "../src/db/store.js";
import { challengeTag, remindIds } from "../src/reminders/custom-ids.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser, type InteractionReply } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;

/**
 * One challenge per level, so each track's daily is known on every date: the server's default track is beginner
 * (a note, marked done), the intermediate daily is a walk (marked done) and the advanced daily has a checked answer.
 */
function library(): Content {
  const area = { id: "area-1", name: "Area 1", emoji: "📘", summary: "Area 1, for testing.", why: "Tests need it." };
  const topic = { id: "topic-1", area: "area-1", name: "Topic 1", aliases: [], summary: "A topic.", why: "Dailies." };
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
  return { areas: [area], topics: [topic], resources: [], challenges, prompts: [] };
}

/**
 * Whether a daily is open for a member, and which one, is one rule: /challenge done, a card's buttons and a DM
 * reminder's buttons must answer alike. Buttons a card or reminder does not show for its challenge (Mark done on a
 * checked daily, Submit answer on one without) are built as the bot builds them.
 */
describe("one rule for an open daily, through /challenge, its cards and DM reminders", () => {
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let t: TestBot;
  let guildId: string;
  let n = 0;
  const member = () => aUser(1100 + n++);

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
  const pick = (user: FakeUser, level: Track) => run(user, "challenge", "level", { level });
  const buttonsOf = (message: Json) =>
    ((message.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
  const idOf = (message: Json, label: string) => {
    const found = buttonsOf(message).find((b) => b.label === label);
    if (!found) throw new Error(`no ${label} button in ${JSON.stringify(buttonsOf(message))}`);
    return String(found.custom_id);
  };
  /** `/challenge today`'s card, as a message its buttons can be pressed on. */
  async function cardOf(user: FakeUser): Promise<Json> {
    const reply = await run(user, "challenge", "today");
    return { ...t.discord.messageOf(reply), components: reply.final.components };
  }
  const pressCard = (user: FakeUser, card: Json, customId: string) =>
    t.discord.reply(t.discord.button(customId, card, { user, guildId }));
  /** Sets each member's reminder at 12:02 and brings each one's DM reminder of `date`. */
  async function remindedOn(date: string, ...users: FakeUser[]): Promise<Json[]> {
    const before = users.map((user) => t.discord.dmsTo(user.id).length);
    clock.set(`${date}T12:00:00Z`);
    for (const user of users) await run(user, "remind", "at", { time: "12:02" });
    clock.set(`${date}T12:02:00Z`);
    await t.bot.reminders.tick();
    return users.map((user, i) => {
      const dms = t.discord.dmsTo(user.id);
      expect(dms).toHaveLength((before[i] ?? 0) + 1);
      return dms.at(-1) as Json;
    });
  }
  /** Presses a button on a DM reminder, as the member reading it does: the interaction names no server. */
  const pressDm = (user: FakeUser, dm: Json, customId: string) =>
    t.discord.reply(t.discord.button(customId, dm, { user, guildId: null, channelId: String(dm.channel_id) }));
  const submitBox = (opened: InteractionReply, user: FakeUser, at: Json, answer: string, inDm: boolean) =>
    t.discord.reply(
      t.discord.modalSubmit(
        String((opened.callback.data as Json).custom_id),
        { answer },
        inDm ? { user, guildId: null, channelId: String(at.channel_id), message: at } : { user, guildId },
      ),
    );
  const cardDone = (date: string, track: Track) => challengeIds.build({ action: "done", date, track });
  const dmDone = (date: string, track: Track) => remindIds.build({ action: "done", guildId, date, track });
  const completions = (user: FakeUser) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* rows(
        sql`SELECT local_date, challenge_id, verified FROM ${s.t.completions} WHERE user_id = ${user.id} ORDER BY id`,
      );
    });
  const said = (replies: InteractionReply[]) => replies.map((r) => String(r.final.content));

  it("tells a member who solved today's checked daily and then types /challenge done that today's challenge is already done", async () => {
    clock.set("2026-03-02T12:00:00Z");
    const user = member();
    await pick(user, "advanced");
    const card = await cardOf(user);
    const opened = await pressCard(user, card, idOf(card, "Submit answer"));
    expect(opened.callback.type).toBe(9);
    const solved = await submitBox(opened, user, card, "5555.75", false);
    expect(solved.final.content).toContain("solved today's challenge with a checked answer");
    const done = await run(user, "challenge", "done");
    expect(done.final.content).toContain("You've already completed today's challenge (2026-03-02)");
    expect(done.final.content).not.toContain("Submit answer");
    expect(await completions(user)).toEqual([{ local_date: "2026-03-02", challenge_id: "sum-advanced", verified: 1 }]);
  });

  it("asks for the answer to a checked daily alike from /challenge done, a card's Mark done and a reminder's, and once it is solved says in all three that today's challenge is done", async () => {
    const user = member();
    clock.set("2026-03-03T11:00:00Z");
    await pick(user, "advanced");
    const [dm = {}] = await remindedOn("2026-03-03", user);
    const markEverywhere = async () => [
      await run(user, "challenge", "done"),
      await pressCard(user, await cardOf(user), cardDone("2026-03-03", "advanced")),
      await pressDm(user, dm, dmDone("2026-03-03", "advanced")),
    ];
    const unsolved = said(await markEverywhere());
    expect(unsolved[0]).toContain("**Add two numbers**, has a checked answer: press **Submit answer**");
    expect(unsolved).toEqual([unsolved[0], unsolved[0], unsolved[0]]);
    expect(await completions(user)).toEqual([]);
    const opened = await pressDm(user, dm, idOf(dm, "Submit answer"));
    await submitBox(opened, user, dm, "5555.75", true);
    const solved = said(await markEverywhere());
    expect(solved[0]).toContain("You've already completed today's challenge (2026-03-03), so nothing new was recorded");
    expect(solved).toEqual([solved[0], solved[0], solved[0]]);
    expect(await completions(user)).toEqual([{ local_date: "2026-03-03", challenge_id: "sum-advanced", verified: 1 }]);
  });

  it("refuses an answer box for a daily without a checked answer alike on a card and on a reminder", async () => {
    const user = member();
    clock.set("2026-03-04T11:00:00Z");
    await pick(user, "intermediate");
    const [dm = {}] = await remindedOn("2026-03-04", user);
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(["Mark done", "Stop these reminders"]);
    const target = { date: "2026-03-04", track: "intermediate" as const };
    const replies = said([
      await pressCard(user, await cardOf(user), challengeIds.build({ action: "answer", target })),
      await pressDm(
        user,
        dm,
        remindIds.build({ action: "answer", guildId, ...target, challengeTag: challengeTag("walk-intermediate") }),
      ),
    ]);
    expect(replies).toEqual([
      "This challenge has no checked answer: mark it done instead.",
      "This challenge has no checked answer: mark it done instead.",
    ]);
    expect(await completions(user)).toEqual([]);
  });

  it("closes yesterday's card and reminder alike: every button on them says that day's challenge has closed and records nothing", async () => {
    const user = member();
    clock.set("2026-03-05T11:00:00Z");
    await pick(user, "advanced");
    const [dm = {}] = await remindedOn("2026-03-05", user);
    const card = await cardOf(user);
    clock.set("2026-03-06T12:00:00Z");
    const replies = said([
      await pressCard(user, card, idOf(card, "Submit answer")),
      await pressCard(user, card, cardDone("2026-03-05", "advanced")),
      await pressCard(user, card, challengeIds.build({ action: "level", date: "2026-03-05", track: "intermediate" })),
      await pressDm(user, dm, idOf(dm, "Submit answer")),
      await pressDm(user, dm, dmDone("2026-03-05", "advanced")),
    ]);
    expect(replies[0]).toContain(
      "That card is for the challenge of 2026-03-05, which has closed: it's 2026-03-06 for you now",
    );
    expect(replies).toEqual(replies.map(() => replies[0]));
    expect(await completions(user)).toEqual([]);
  });

  it("credits the same daily from /challenge done, a card's Mark done and a reminder's: the member's own track, else the server's default", async () => {
    const onOwn = member();
    const onDefault = member();
    clock.set("2026-03-09T11:00:00Z");
    await pick(onOwn, "intermediate");
    const reminders = await remindedOn("2026-03-09", onOwn, onDefault);
    expect(reminders.map((dm) => String(((dm.embeds as Json[])[0] as Json).description))).toEqual([
      expect.stringContaining("**Trace a proof step by step**"),
      expect.stringContaining("**Write a short note**"),
    ]);
    for (const user of [onOwn, onDefault]) await run(user, "challenge", "done");
    clock.set("2026-03-10T12:00:00Z");
    for (const user of [onOwn, onDefault]) {
      const card = await cardOf(user);
      await pressCard(user, card, idOf(card, "Mark done"));
    }
    const next = await remindedOn("2026-03-11", onOwn, onDefault);
    for (const [i, user] of [onOwn, onDefault].entries()) {
      const dm = next[i] ?? {};
      await pressDm(user, dm, idOf(dm, "Mark done"));
    }
    const credited = async (user: FakeUser) => (await completions(user)).map((row) => (row as Json).challenge_id);
    expect(await credited(onOwn)).toEqual(["walk-intermediate", "walk-intermediate", "walk-intermediate"]);
    expect(await credited(onDefault)).toEqual(["note-beginner", "note-beginner", "note-beginner"]);
  });
});
