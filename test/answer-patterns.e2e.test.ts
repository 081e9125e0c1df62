import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadShippedContent } from "../src/content/load.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import {
  ADMIN_PERMISSIONS,
  aUser,
  defaultGuild,
  type FakeGuild,
  type InteractionReply,
  LoopbackDiscord,
  type SentInteraction,
} from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

type Json = Record<string, unknown>;
const admin = aUser(1, "admin");
const member = aUser(3, "member");
const elsewhere = aUser(9, "elsewhere");
const GUILD = defaultGuild();
const OTHER: FakeGuild = {
  id: "200000000000000099",
  name: "Another Study Server",
  channels: [{ id: "300000000000000099", name: "general" }],
};
/** The classic catastrophic pattern: a backtracking engine tries 2^n ways to split a run of n a's before failing. */
const NESTED = "(a+)+$";

/**
 * The bot runs as its own process (npm start's entry): a pattern that froze its event loop would freeze it alone,
 * and this test would still see the time pass.
 */
describe("answer patterns from a server, through npm start's entry and the loopback Discord", () => {
  let discord: LoopbackDiscord;
  let bot: BotProcess;
  let database: TestDatabase;
  const topic = loadShippedContent().topics[0]?.id as string;

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [GUILD, OTHER] });
    database = await freshDatabase();
    bot = spawnBot({ DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase, ...database.env });
    await bot.waitForOutput(/"msg":"ready"/);
    // The first interaction pays for loading what commands use; that is not what these tests time.
    await discord.reply(discord.slash("about", [], { guildId: OTHER.id, user: elsewhere }), { timeoutMs: 10_000 });
  });
  afterAll(async () => {
    // A frozen bot cannot run its SIGTERM handler.
    await bot?.stop("SIGKILL");
    await discord?.close();
    await database?.remove();
  });

  const timed = async (sent: SentInteraction, timeoutMs: number) => {
    const started = Date.now();
    const reply = await discord.reply(sent, { timeoutMs });
    return { reply, ms: Date.now() - started };
  };
  const about = () => timed(discord.slash("about", [], { guildId: OTHER.id, user: elsewhere }), 1000);
  const asAdmin = { guildId: GUILD.id, user: admin, permissions: ADMIN_PERMISSIONS };

  function importFile(example: string): SentInteraction {
    const file = discord.attachment(
      "gradient-library.json",
      JSON.stringify({
        format: "gradient-library",
        version: 1,
        topics: [],
        challenges: [
          {
            id: "local-runs-of-a",
            topic,
            level: "beginner",
            title: "Runs of the letter a",
            task: "Write down the word made of the first letter of the alphabet repeated forty times in a row.",
            doneWhen: "Done when you have written the word down.",
            minutes: 5,
            resources: [],
            requires: [],
            hints: ["Count in tens."],
            answer: {
              asks: "The word you wrote",
              check: { type: "pattern", pattern: NESTED, example },
              explanation: "Any run of the letter a is right.",
            },
          },
        ],
        resources: [],
        prompts: [],
        retired: [],
        pool: { shipped: false, areas: null },
      }),
    );
    return discord.slash(
      "library",
      [{ type: 1, name: "import", options: [{ type: 11, name: "file", value: file.id }] }],
      {
        ...asAdmin,
        resolved: { attachments: { [String(file.id)]: file } },
      },
    );
  }

  /** Runs `work` and, 50 ms in, /about from another server; both must answer in time. */
  async function whileAboutAnswers<T>(work: Promise<T>): Promise<T> {
    const [done, other] = await Promise.allSettled([
      work,
      new Promise((resolve) => setTimeout(resolve, 50)).then(about),
    ]);
    if (other.status === "rejected") throw other.reason;
    expect(other.value.ms).toBeLessThan(1000);
    expect(JSON.stringify(other.value.reply.final)).toContain("About Gradient");
    if (done.status === "rejected") throw done.reason;
    return done.value;
  }

  it("an import whose pattern is (a+)+$ with a 40-character example is answered within 3 s while /about elsewhere answers within 1 s", async () => {
    const { reply, ms } = await whileAboutAnswers(timed(importFile(`${"a".repeat(39)}!`), 3000));
    expect(ms).toBeLessThan(3000);
    expect(reply.final.content).toContain("the example does not match the pattern");
    expect(JSON.stringify(reply.final.components ?? [])).not.toContain("Apply");
  });

  it("a member's Submit answer against (a+)+$ is answered at once, and /about elsewhere keeps answering", async () => {
    const preview = await discord.reply(importFile("a".repeat(40)), { timeoutMs: 3000 });
    const buttons = ((preview.final.components ?? []) as { components: Json[] }[]).flatMap((r) => r.components);
    const apply = buttons.find((b) => b.label === "Apply");
    expect(apply, String(preview.final.content)).toBeDefined();
    await discord.reply(discord.button(String(apply?.custom_id), discord.messageOf(preview), asAdmin));

    const card = await discord.reply(
      discord.slash("challenge", [{ type: 1, name: "today", options: [] }], { guildId: asAdmin.guildId, user: member }),
    );
    expect(JSON.stringify(card.final.embeds)).toContain("Runs of the letter a");
    const submitId = ((card.final.components ?? []) as { components: Json[] }[])
      .flatMap((r) => r.components)
      .find((b) => b.label === "Submit answer")?.custom_id;
    const open = await discord.reply(
      discord.button(String(submitId), discord.messageOf(card), { guildId: asAdmin.guildId, user: member }),
    );
    const modal = open.callback.data as Json;
    const answer = `${"a".repeat(199)}!`;
    const { reply, ms }: { reply: InteractionReply; ms: number } = await whileAboutAnswers(
      timed(discord.modalSubmit(String(modal.custom_id), { answer }, { guildId: asAdmin.guildId, user: member }), 1000),
    );
    expect(ms).toBeLessThan(1000);
    expect(JSON.stringify(reply.final)).toContain("Not quite: nothing was recorded");
  });
});
