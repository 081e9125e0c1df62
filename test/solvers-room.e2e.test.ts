import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../src/clock.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, fieldOf } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, type RecordedCall } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;

/** View Channel, Send Messages, Embed Links, Read Message History, Create Private Threads, Send Messages in Threads. */
const ROOM_BOT = String(1024n | 2048n | 16384n | 65536n | (1n << 36n) | (1n << 38n));
/** The same without the two thread permissions. */
const POSTS_ONLY = String(1024n | 2048n | 16384n | 65536n);

const room = (id: string, name: string, botPermissions: string): FakeGuild => ({
  id,
  name,
  channels: [
    { id: `${id.slice(0, -1)}7`, name: "general" },
    { id: `${id.slice(0, -1)}8`, name: "solvers" },
  ],
  roles: [{ id: `${id.slice(0, -1)}9`, name: "Gradient", permissions: botPermissions, managed: true }],
  botRoles: [`${id.slice(0, -1)}9`],
});

const STUDY = room("200000000000000001", "Study", ROOM_BOT);
const LOCKED = room("200000000000000011", "Locked", POSTS_ONLY);
const channelOf = (g: FakeGuild) => g.channels[1]?.id as string;

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the solvers' room", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ content: makeLibrary([3, 3]), loopback: { guilds: [STUDY, LOCKED] } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const sub = (name: string, options: Json[] = []) => [{ type: 1, name, options }];
  const challenge = (guild: FakeGuild, user: FakeUser, name: string, options: Json[] = []) =>
    t.discord.reply(t.discord.slash("challenge", sub(name, options), { user, guildId: guild.id }));
  const done = (guild: FakeGuild, user: FakeUser) => challenge(guild, user, "done");
  const threadsOf = (guild: FakeGuild) => t.discord.threads.filter((th) => th.guild_id === guild.id);
  const creations = (guild: FakeGuild) =>
    t.discord.calls.filter(
      (c: RecordedCall) => c.method === "POST" && c.path === `/channels/${channelOf(guild)}/threads`,
    );
  const members = (threadId: unknown) => t.discord.threadMemberIds(String(threadId));

  it("opens one private thread per date and track on the first solve, and adds each solver once", async () => {
    const set = await asAdmin(t.discord, STUDY.id, "config", "solvers", { channel: channelOf(STUDY) });
    expect(set.final.content).toContain(`The solvers' room is on in <#${channelOf(STUDY)}>`);
    expect(set.final.content).not.toContain("Fix these first");

    const [ada, bo, cy, dee] = [aUser(11, "ada"), aUser(12, "bo"), aUser(13, "cy"), aUser(14, "dee")];
    const first = await done(STUDY, ada);
    expect(first.final.content).toContain(`<@${ada.id}> completed today's challenge`);
    expect(first.final.content).toContain(
      "🧵 The solvers' room for this daily is being opened, and you'll be added (you're the first to solve it).",
    );
    await until(() => members(threadsOf(STUDY)[0]?.id).includes(ada.id), "ada added");

    const [thread] = threadsOf(STUDY);
    expect(thread).toMatchObject({
      type: 12,
      invitable: false,
      auto_archive_duration: 4320,
      parent_id: channelOf(STUDY),
    });
    expect(String(thread?.name)).toMatch(/^2026-03-02 · Daily · Challenge \d of area \d$/);
    const opening = t.discord.channelMessages.get(String(thread?.id)) ?? [];
    expect(opening).toHaveLength(1);
    expect(opening[0]?.content).toContain("Everyone here has solved this daily");
    expect(opening[0]?.content).toContain(
      "The worked solution opens with `/challenge solution date:2026-03-02` at <t:",
    );

    const second = await done(STUDY, bo);
    expect(second.final.content).toContain(
      `🧵 Compare approaches in the solvers' room: <#${thread?.id}> (1 member solved it before you); Gradient is adding you.`,
    );
    await until(() => members(thread?.id).includes(bo.id), "bo added");

    // Another track's daily of the same date: another thread.
    await challenge(STUDY, cy, "level", [{ type: 3, name: "level", value: "advanced" }]);
    const third = await done(STUDY, cy);
    expect(third.final.content).toContain("you're the first to solve it");
    await until(() => threadsOf(STUDY).length === 2 && members(threadsOf(STUDY)[1]?.id).includes(cy.id), "cy's room");
    const other = threadsOf(STUDY)[1];
    expect(String(other?.name)).toMatch(/^2026-03-02 · Advanced · /);

    expect(creations(STUDY)).toHaveLength(2);
    expect(members(thread?.id).sort()).toEqual([t.discord.botUser.id, ada.id, bo.id].sort());
    expect(members(other?.id).sort()).toEqual([t.discord.botUser.id, cy.id].sort());
    // A member who has not solved it neither is added nor sees it; Manage Threads sees every private thread.
    expect(t.discord.canSeeThread(String(thread?.id), dee.id)).toBe(false);
    expect(t.discord.canSeeThread(String(thread?.id), dee.id, String(1n << 34n))).toBe(true);
    const adds = t.discord.threadMemberAdds.filter((a) => a.threadId === thread?.id).map((a) => a.userId);
    expect(adds).toEqual([ada.id, bo.id]);

    // Practice adds no one.
    const practice = await challenge(STUDY, dee, "random");
    const [practiceDone] = ((practice.final.components ?? []) as { components: { custom_id: string }[] }[])
      .flatMap((r) => r.components)
      .map((c) => c.custom_id)
      .filter((id) => id.startsWith("challenge:practice"));
    const practised = await t.discord.reply(
      t.discord.button(String(practiceDone), t.discord.messageOf(practice), { user: dee, guildId: STUDY.id }),
    );
    expect(practised.final.content).toContain("practised");
    expect(practised.final.content).not.toContain("🧵");
    await t.bot.solvers.idle();
    expect(t.discord.threadMemberAdds.some((a) => a.userId === dee.id)).toBe(false);
  });

  it("unarchives an archived thread before adding the next solver", async () => {
    const [thread] = threadsOf(STUDY);
    t.discord.archiveThread(String(thread?.id));
    const eve = aUser(15, "eve");
    const reply = await done(STUDY, eve);
    expect(reply.final.content).toContain("(2 members solved it before you)");
    await until(() => members(thread?.id).includes(eve.id), "eve added");
    const patch = t.discord.calls.find((c) => c.method === "PATCH" && c.path === `/channels/${thread?.id}`);
    expect(patch?.body).toEqual({ archived: false });
    expect(thread?.archived).toBe(false);
    expect(creations(STUDY)).toHaveLength(2);
  });

  it("pauses the room when Discord refuses the thread, says so in /config show, and still records the completion", async () => {
    const set = await asAdmin(t.discord, LOCKED.id, "config", "solvers", { channel: channelOf(LOCKED) });
    expect(set.final.content).toContain("Fix these first, or the room will pause:");
    expect(set.final.content).toContain("Gradient lacks **Create Private Threads**");
    expect(set.final.content).toContain("Gradient lacks **Send Messages in Threads**");

    const fay = aUser(16, "fay");
    const reply = await done(LOCKED, fay);
    expect(reply.final.content).toContain(`<@${fay.id}> completed today's challenge`);
    expect(reply.final.content).toContain("Streak: **1 day**");
    await until(() => creations(LOCKED).length === 1, "the refused creation");
    await t.bot.solvers.idle();
    expect(creations(LOCKED)[0]?.status).toBe(403);
    expect(threadsOf(LOCKED)).toHaveLength(0);

    const show = await asAdmin(t.discord, LOCKED.id, "config", "show");
    expect(fieldOf(show, "Solvers' room")).toContain("⏸️ **Paused** since");
    expect(fieldOf(show, "Problems found")).toContain(
      `The solvers' room is paused: Discord refused the solvers' room in <#${channelOf(LOCKED)}> (403`,
    );
    expect(fieldOf(show, "Problems found")).toContain("Create Private Threads");

    // Paused: the next solver's completion is recorded and answered, and Discord is not asked again.
    const gus = aUser(17, "gus");
    const next = await done(LOCKED, gus);
    expect(next.final.content).toContain(`<@${gus.id}> completed today's challenge`);
    expect(next.final.content).not.toContain("🧵");
    await t.bot.solvers.sweep();
    await t.bot.solvers.idle();
    expect(creations(LOCKED)).toHaveLength(1);

    // Given the permissions and set again, it resumes with the solver it was holding.
    const role = LOCKED.roles?.[0];
    if (role) role.permissions = ROOM_BOT;
    await asAdmin(t.discord, LOCKED.id, "config", "solvers", { channel: channelOf(LOCKED) });
    await t.bot.solvers.sweep();
    await until(() => members(threadsOf(LOCKED)[0]?.id).includes(fay.id), "fay added after the fix");
    expect(members(threadsOf(LOCKED)[0]?.id)).not.toContain(gus.id);
    const shown = await asAdmin(t.discord, LOCKED.id, "config", "show");
    expect(fieldOf(shown, "Solvers' room")).not.toContain("Paused");
  });

  it("retries an addition Discord did not answer once its backoff has passed, and only then", async () => {
    const [thread] = threadsOf(STUDY);
    const ivy = aUser(19, "ivy");
    const fault = t.discord.fail({ method: "PUT", path: /\/thread-members\//, status: 500 });
    await done(STUDY, ivy);
    await until(() => fault.met === 1, "the unanswered addition");
    await t.bot.solvers.idle();
    expect(members(thread?.id)).not.toContain(ivy.id);
    // Not before its backoff (15 s for a first failure) ...
    await t.bot.solvers.sweep();
    expect(members(thread?.id)).not.toContain(ivy.id);
    // ... and once it has passed, on the next sweep.
    (t.clock as ManualClock).advance(15_000);
    await t.bot.solvers.sweep();
    expect(members(thread?.id)).toContain(ivy.id);
    expect(t.discord.threadMemberAdds.filter((a) => a.userId === ivy.id)).toHaveLength(1);
  });

  it("ends only that day's thread when a moderator deleted it: the room stays on and the solver is answered", async () => {
    const [thread] = threadsOf(STUDY);
    const threadId = String(thread?.id);
    t.discord.deleteThread(threadId);
    const jo = aUser(20, "jo");
    const reply = await done(STUDY, jo);
    expect(reply.final.content).toContain(`<@${jo.id}> completed today's challenge`);
    const refused = () =>
      t.discord.calls.filter((c) => c.method === "PUT" && c.path === `/channels/${threadId}/thread-members/${jo.id}`);
    await until(() => refused().length === 1, "the addition to the deleted thread");
    await t.bot.solvers.idle();
    expect(refused()[0]?.status).toBe(404);
    const show = await asAdmin(t.discord, STUDY.id, "config", "show");
    expect(fieldOf(show, "Solvers' room")).not.toContain("Paused");
    // That day's thread takes no one now, and no second thread is made for it.
    const kim = aUser(21, "kim");
    const next = await done(STUDY, kim);
    expect(next.final.content).not.toContain("🧵");
    await t.bot.solvers.sweep();
    await t.bot.solvers.idle();
    expect(creations(STUDY)).toHaveLength(2);
    expect(t.discord.calls.some((c) => c.path.includes(`/thread-members/${kim.id}`))).toBe(false);
  });

  it("turns off", async () => {
    const off = await asAdmin(t.discord, STUDY.id, "config", "solvers", { off: true });
    expect(off.final.content).toContain("The solvers' room is off");
    const reply = await done(STUDY, aUser(18, "hal"));
    expect(reply.final.content).not.toContain("🧵");
  });
});

describe("the solvers' room for a daily completed by its checked answer", () => {
  const EXPLANATION = "Worked explanation: the sum of the two numbers is 5555.75.";
  const base = makeLibrary([3]);
  const content = {
    ...base,
    challenges: base.challenges.map((c) => ({
      ...c,
      answer: {
        asks: "The sum, to two decimals, like 12.34",
        check: { type: "number" as const, value: 5555.75, absolute: 0.005 },
        explanation: EXPLANATION,
        derivation: { script: "sum.py", versions: "python 3.11" },
      },
    })),
  };
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ content, loopback: { guilds: [STUDY] } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("adds a member whose right answer completed the daily, and keeps the worked explanation out of the thread", async () => {
    await asAdmin(t.discord, STUDY.id, "config", "solvers", { channel: channelOf(STUDY) });
    const kim = aUser(21, "kim");
    const as = { user: kim, guildId: STUDY.id };
    const card = await t.discord.reply(t.discord.slash("challenge", [{ type: 1, name: "today", options: [] }], as));
    const submitId = ((card.final.components ?? []) as { components: { custom_id: string; label: string }[] }[])
      .flatMap((r) => r.components)
      .find((b) => b.label === "Submit answer")?.custom_id;
    const box = await t.discord.reply(t.discord.button(String(submitId), t.discord.messageOf(card), as));
    const modalId = String((box.callback.data as Json).custom_id);
    const wrong = await t.discord.reply(t.discord.modalSubmit(modalId, { answer: "12" }, as));
    expect(wrong.final.content).toContain("Not quite");
    expect(wrong.final.content).not.toContain("🧵");
    const right = await t.discord.reply(t.discord.modalSubmit(modalId, { answer: "5555.75" }, as));
    expect(right.final.content).toContain(`🎯 <@${kim.id}> solved today's challenge with a checked answer`);
    expect(right.final.content).toContain("🧵 The solvers' room for this daily is being opened");
    await until(() => t.discord.threadMemberIds(String(t.discord.threads[0]?.id)).includes(kim.id), "kim added");
    const opening = JSON.stringify(t.discord.channelMessages.get(String(t.discord.threads[0]?.id)));
    expect(opening).toContain("Everyone here has solved this daily");
    expect(opening).not.toContain(EXPLANATION);
    expect(opening).not.toContain("5555.75");
  });
});
