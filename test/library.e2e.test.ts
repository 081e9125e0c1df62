import type { APIEmbed } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Content } from "../src/content/load.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin as asAdminOf } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import {
  ADMIN_PERMISSIONS,
  aUser,
  type InteractionReply,
  type LoopbackDiscord,
  MEMBER_PERMISSIONS,
} from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const admin = aUser(1, "admin");
const reviewer = aUser(2, "reviewer");
const member = aUser(3, "member");
const other = aUser(4, "bystander");

const buttons = (reply: { final: Json } | Json): { custom_id: string; label: string }[] => {
  const body = ("final" in reply ? reply.final : reply) as Json;
  return ((body.components ?? []) as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
};
const buttonId = (reply: { final: Json } | Json, label: string) =>
  buttons(reply).find((b) => b.label === label)?.custom_id as string;

function challengeItem(id: string, topic: string, title = `Exercise ${id}`): Json {
  return {
    id,
    topic,
    level: "beginner",
    title,
    task: "Work through the course notes of this week and write down every new idea in your own words.",
    doneWhen: "Done when you have written a paragraph for each new idea.",
    minutes: 30,
    resources: [],
    requires: [],
    hints: ["Start with the idea you found hardest to follow."],
  };
}

function libraryFile(challenges: Json[], pool: Json = { shipped: true, areas: null }, extra: Json = {}): string {
  return JSON.stringify({
    format: "gradient-library",
    version: 1,
    topics: [],
    challenges,
    resources: [],
    prompts: [],
    retired: [],
    pool,
    ...extra,
  });
}

describe("a server's own curriculum through the loopback Discord", () => {
  let t: TestBot;
  let discord: LoopbackDiscord;
  let content: Content;
  let topic: string;
  const guildId = () => discord.guild.id;
  const reviewChannel = () => discord.guild.channels[0]?.id as string;

  beforeAll(async () => {
    t = await startTestBot();
    discord = t.discord;
    content = t.bot.ctx.content;
    topic = content.topics[0]?.id as string;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const asAdmin = (name: string, sub: string, options: Json[] = [], extra: Json = {}) =>
    discord.reply(
      discord.slash(name, [{ type: 1, name: sub, options }], {
        guildId: guildId(),
        user: admin,
        permissions: ADMIN_PERMISSIONS,
        ...extra,
      }),
      { timeoutMs: 10_000 },
    );
  const str = (name: string, value: string) => ({ type: 3, name, value });

  async function importFile(text: string | Buffer, size?: number): Promise<InteractionReply> {
    const file = discord.attachment("gradient-library.json", text, size);
    return asAdmin("library", "import", [{ type: 11, name: "file", value: file.id }], {
      resolved: { attachments: { [String(file.id)]: file } },
    });
  }
  async function exportFile(): Promise<string> {
    const reply = await asAdmin("library", "export");
    const file = reply.files.find((f) => f.name === "gradient-library.json");
    if (!file) throw new Error("no export file");
    return file.data.toString("utf8");
  }
  const press = (reply: InteractionReply | Json, customId: string, user = admin, permissions = ADMIN_PERMISSIONS) =>
    discord.button(customId, "final" in reply ? discord.messageOf(reply as InteractionReply) : (reply as Json), {
      guildId: guildId(),
      user,
      permissions,
    });

  it("an admin adds a challenge through the modal, and it is in the server's library at once", async () => {
    const open = await asAdmin("library", "add", [str("kind", "challenge"), str("topic", topic)]);
    expect(open.callback.type).toBe(9);
    const modal = open.callback.data as { custom_id: string; components: { type: number }[] };
    expect(modal.components.every((c) => c.type === 18)).toBe(true);
    const added = await discord.reply(
      discord.modalSubmit(
        modal.custom_id,
        {
          title: "Summarise <@everyone> week one",
          task: "Read the first chapter of the course and summarise each section in two sentences.",
          doneWhen: "Done when every section has its two sentences.",
          hints: "Read the section headings first.\nWrite the summary without looking back.",
          resources: "",
        },
        { guildId: guildId(), user: admin, permissions: ADMIN_PERMISSIONS, labels: true },
      ),
    );
    expect(added.final.content).toMatch(/Added `local-summarise-everyone-week-one`/);
    expect(added.final.allowed_mentions).toEqual({ parse: [] });
    const list = await asAdmin("library", "list");
    expect((list.final.embeds as APIEmbed[])[0]?.description).toContain("local-summarise-everyone-week-one");
  });

  it("an admin imports a file: a preview with counts, Apply writes it, export gives it back, re-import changes nothing", async () => {
    const file = libraryFile([challengeItem("local-week-2", topic), challengeItem("local-week-3", topic)]);
    const preview = await importFile(file);
    expect(preview.final.content).toMatch(/2 to add, 0 to change, 0 left as they are/);
    const applied = await discord.reply(press(preview, buttonId(preview, "Apply")));
    expect(applied.final.content).toMatch(/2 added/);
    const exported = JSON.parse(await exportFile());
    expect(exported.format).toBe("gradient-library");
    expect(exported.challenges.map((c: Json) => c.id)).toEqual([
      "local-summarise-everyone-week-one",
      "local-week-2",
      "local-week-3",
    ]);
    const again = await importFile(JSON.stringify(exported));
    expect(again.final.content).toMatch(/0 to add, 0 to change, 3 left as they are/);
    expect(again.final.content).toMatch(/Nothing to apply/);
    expect(buttons(again)).toEqual([]);
  });

  it("an invalid file is refused with every problem listed, and the library is unchanged", async () => {
    const before = await exportFile();
    const bad = await importFile("{ not json");
    expect(bad.final.content).toMatch(/not valid JSON/);
    const missing = challengeItem("local-missing", topic);
    delete missing.doneWhen;
    const problems = await importFile(
      libraryFile([
        missing,
        challengeItem("local-unknown-topic", "no-such-topic"),
        { ...challengeItem("local-long", topic), task: "x".repeat(1501) },
        challengeItem("local-fine", topic),
      ]),
    );
    const text = String(problems.final.content);
    expect(text).toMatch(/not imported: 3 problems/);
    expect(text).toContain("challenge 'local-missing', doneWhen: is missing");
    expect(text).toContain("challenge 'local-unknown-topic', topic: unknown topic 'no-such-topic'");
    expect(text).toContain("challenge 'local-long', task: has 1501 characters; at most 1500");
    expect(buttons(problems)).toEqual([]);
    const big = await importFile(Buffer.alloc(1024 * 1024 + 1, 32));
    expect(big.final.content).toMatch(/larger than 1 MiB/);
    // A claimed size under the limit does not let a larger download through.
    const lying = await importFile(Buffer.alloc(1024 * 1024 + 1, 32), 100);
    expect(lying.final.content).toMatch(/larger than 1 MiB/);
    expect(await exportFile()).toBe(before);
  });

  it("a pool of only the server's items makes today's challenge one of them", async () => {
    const own = JSON.parse(await exportFile());
    const preview = await importFile(JSON.stringify({ ...own, pool: { shipped: false, areas: null } }));
    expect(preview.final.content).toMatch(/pool settings change/);
    await discord.reply(press(preview, buttonId(preview, "Apply")));
    const today = await discord.reply(
      discord.slash("challenge", [{ type: 1, name: "today", options: [] }], { guildId: guildId(), user: member }),
    );
    const title = (today.final.embeds as APIEmbed[])[0]?.title;
    expect(own.challenges.map((c: Json) => c.title)).toContain(title);
  });

  describe("suggestions and their review", () => {
    let card: Json;
    let suggestionTitle: string;

    async function suggest(user: typeof member, title: string): Promise<InteractionReply> {
      const open = await discord.reply(
        discord.slash("suggest", [str("kind", "challenge"), str("topic", topic)], { guildId: guildId(), user }),
      );
      const modal = open.callback.data as { custom_id: string };
      return discord.reply(
        discord.modalSubmit(
          modal.custom_id,
          {
            title,
            task: "Train a small model on the iris data and report its accuracy on a held-out split.",
            doneWhen: "Done when you have the accuracy and the split you used.",
            hints: "Use a fixed random seed.",
            resources: "",
          },
          { guildId: guildId(), user, labels: true },
        ),
      );
    }

    it("a member without a review channel set gets a clear answer", async () => {
      const reply = await discord.reply(
        discord.slash("suggest", [str("kind", "challenge"), str("topic", topic)], { guildId: guildId(), user: member }),
      );
      expect(reply.final.content).toMatch(/takes no suggestions yet.*\/config suggestions/);
    });

    it("a member suggests; the card reaches the review channel and the member is told privately", async () => {
      const set = await asAdmin("config", "suggestions", [{ type: 7, name: "channel", value: reviewChannel() }]);
      expect(set.final.content).toMatch(/Suggestions now go to/);
      suggestionTitle = "Iris accuracy <@&123> drill";
      const sent = await suggest(member, suggestionTitle);
      expect(sent.final.content).toMatch(/sent to the reviewers/);
      expect(sent.final.flags).toBe(64);
      card = (discord.channelMessages.get(reviewChannel()) ?? []).at(-1) as Json;
      expect((card.embeds as APIEmbed[])[0]?.author?.name).toMatch(/Challenge suggestion #\d+/);
      expect(buttons(card).map((b) => b.label)).toEqual(["Accept", "Edit", "Deny"]);
    });

    it("a non-reviewer's Accept is refused privately and changes nothing", async () => {
      const refused = await discord.reply(press(card, buttonId(card, "Accept"), other, MEMBER_PERMISSIONS));
      expect(refused.final.content).toMatch(/Only this server's reviewers/);
      expect(refused.final.flags).toBe(64);
      const list = await asAdmin("library", "list");
      expect((list.final.embeds as APIEmbed[])[0]?.description).not.toContain("iris");
    });

    it("two reviewers pressing Accept at once make one decision; the item lands, credited, and the member hears by DM", async () => {
      const a = press(card, buttonId(card, "Accept"), reviewer);
      const b = press(card, buttonId(card, "Accept"), admin);
      const [ra, rb] = await Promise.all([discord.reply(a), discord.reply(b)]);
      const updates = [ra, rb].filter((r) => r.callback.type === 7);
      const refusals = [ra, rb].filter((r) => r.callback.type === 4);
      expect(updates).toHaveLength(1);
      expect(refusals[0]?.final.content).toMatch(/already accepted by <@\d+>/);
      const list = await asAdmin("library", "list");
      expect((list.final.embeds as APIEmbed[])[0]?.description).toContain("local-iris-accuracy-123-drill");
      const dm = await waitFor(() => discord.dmsTo(member.id).at(-1));
      expect(String(dm.content)).toMatch(/was accepted/);
      const exported = JSON.parse(await exportFile());
      expect(exported.challenges.some((c: Json) => c.title === suggestionTitle)).toBe(true);
    });

    it("Deny asks for a reason, and the reason reaches the suggester; closed DMs break nothing", async () => {
      await suggest(member, "A second drill to deny");
      const second = (discord.channelMessages.get(reviewChannel()) ?? []).at(-1) as Json;
      const ask = await discord.reply(press(second, buttonId(second, "Deny"), reviewer));
      expect(ask.callback.type).toBe(9);
      const reasonModal = ask.callback.data as { custom_id: string };
      const denied = await discord.reply(
        discord.modalSubmit(
          reasonModal.custom_id,
          { reason: "We covered this last week." },
          { guildId: guildId(), user: reviewer, permissions: ADMIN_PERMISSIONS, labels: true, message: second },
        ),
      );
      expect(denied.callback.type).toBe(7);
      const dm = await waitFor(() => discord.dmsTo(member.id).find((m) => String(m.content).includes("not accepted")));
      expect(String(dm.content)).toContain("We covered this last week.");

      discord.closedDms.add(other.id);
      await suggest(other, "A drill from a closed inbox");
      const third = (discord.channelMessages.get(reviewChannel()) ?? []).at(-1) as Json;
      const accepted = await discord.reply(press(third, buttonId(third, "Accept"), reviewer));
      expect(accepted.callback.type).toBe(7);
      await discord.waitForCall((c) => c.status === 403 && c.path.endsWith("/messages"));
    });
  });
});

async function waitFor<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("/config pool answers with the server's library as the new pool makes it", () => {
  const library: Content = {
    ...makeLibrary([3, 2]),
    prompts: [
      {
        id: "week-one",
        theme: "area-1",
        title: "What did you learn this week?",
        question: "Which idea from this week's challenges would you explain to a friend first, and why?",
        project: "Write a one-page note on one challenge you did this week and share it in the thread.",
        resources: ["guide-one"],
      },
    ],
  };
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ content: library });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const pool = async (values: Record<string, string | boolean>) =>
    String((await asAdminOf(t.discord, t.discord.guild.id, "config", "pool", values)).final.content);

  it("warns while the pool has no challenge, and stops warning once the shipped library is back", async () => {
    const only = await pool({ shipped: false });
    expect(only).toContain("Only this server's own items, from every area.");
    expect(only).toContain("No challenge is in the pool now");
    expect(only).toContain("No weekly prompt is in the pool now");
    const back = await pool({ shipped: true });
    expect(back).toContain("5 challenges and 1 weekly prompt are in the pool now.");
    expect(back).not.toContain("No challenge");
    expect(back).not.toContain("No weekly prompt");
  });

  it("retiring a shipped challenge the pool leaves out points to /config pool", async () => {
    await pool({ shipped: false });
    const reply = await asAdminOf(t.discord, t.discord.guild.id, "library", "retire", { id: "area-1-c1" });
    expect(reply.final.content).toContain("'area-1-c1' is a shipped item; to leave shipped items out of draws use");
  });

  it("counts the chosen area's challenges and prompts, whichever area was chosen before", async () => {
    expect(await pool({ shipped: true, areas: "area-1" })).toContain(
      "3 challenges and 1 weekly prompt are in the pool now.",
    );
    const second = await pool({ areas: "area-2" });
    expect(second).toContain("from Area 2.");
    expect(second).toContain("2 challenges and 0 weekly prompts are in the pool now.");
    expect(second).toContain("No weekly prompt is in the pool now");
    expect(second).not.toContain("No challenge");
  });
});
