import { afterAll, describe, expect, it } from "vitest";
import { all, run, type Store } from "../src/db/store.js";
import { setRoom } from "../src/solvers/store.js";
import { localDate } from "../src/time/index.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const GUILD: FakeGuild = {
  id: "200000000000000001",
  name: "Study",
  channels: [
    { id: "300000000000000001", name: "general" },
    { id: "300000000000000002", name: "solvers" },
  ],
  // View Channel, Send Messages, Embed Links, Read Message History, Create Private Threads, Send Messages in Threads.
  roles: [
    {
      id: "500000000000000001",
      name: "Gradient",
      permissions: String(1024n | 2048n | 16384n | 65536n | (1n << 36n) | (1n << 38n)),
      managed: true,
    },
  ],
  botRoles: ["500000000000000001"],
};
const ROOM = "300000000000000002";
/** A shipped challenge completed by marking it done (it has no checked answer). */
const MARKED_DONE = "llm-serving-engine-decision-table";

async function until(condition: () => boolean | Promise<boolean>, what: string, bot?: BotProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot?.output().slice(-3000) ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the bot process killed between Discord creating a solvers' thread and its write", () => {
  let database: TestDatabase;
  let store: Store | undefined;
  let discord: LoopbackDiscord;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    await store?.close();
    await database?.remove();
  });

  it("still leaves one thread, with its opening once and every solver in it, after a restart", async () => {
    discord = await LoopbackDiscord.start({ guilds: [GUILD] });
    database = await freshDatabase();
    const reader = await database.open();
    store = reader;
    // The child runs on the real clock, in UTC: today's daily is one marked done.
    const date = localDate(new Date(), "UTC");
    await setRoom({ store: reader }, GUILD.id, ROOM, new Date());
    await reader.write(function* (s) {
      yield* run(
        s.db
          .insert(s.t.dailyChallenges)
          .values({ guildId: GUILD.id, date, track: "mixed", challengeId: MARKED_DONE, areaId: "llm-serving" }),
      );
    });
    const statuses = () =>
      reader.read(function* (s) {
        const { solverThreads, solverMembers } = s.t;
        const threads = yield* all(s.db.select({ status: solverThreads.status }).from(solverThreads));
        const members = yield* all(s.db.select({ status: solverMembers.status }).from(solverMembers));
        return { threads: threads.map((t) => t.status), members: members.map((m) => m.status) };
      });
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      ...database.env,
      DEFAULT_TIMEZONE: "UTC",
      LOG_LEVEL: "info",
    };
    const done = (user: FakeUser) =>
      discord.reply(discord.slash("challenge", [{ type: 1, name: "done", options: [] }], { user, guildId: GUILD.id }), {
        timeoutMs: 20_000,
      });

    // Discord creates the thread, and the process dies before it hears so.
    const held = discord.holdAnswers("POST", new RegExp(`^/channels/${ROOM}/threads$`));
    const first = spawnBot(env);
    bots.push(first);
    await first.waitForOutput(/"msg":"ready"/, 60_000);
    const ada = aUser(11, "ada");
    const reply = await done(ada);
    expect(reply.final.content).toContain(`<@${ada.id}> completed today's challenge`);
    expect(reply.final.content).toContain("The solvers' room for this daily is being opened");
    await held.reached;
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    held.release();
    expect(discord.threads).toHaveLength(1);
    expect((await statuses()).threads).toEqual(["creating"]);

    const second = spawnBot(env);
    bots.push(second);
    await second.waitForOutput(/"msg":"ready"/, 60_000);
    const bo = aUser(12, "bo");
    const next = await done(bo);
    expect(next.final.content).toContain("1 member solved it before you");
    await until(
      async () => {
        const now = await statuses();
        return now.threads[0] === "open" && now.members.every((m) => m === "added");
      },
      "the room settled after the restart",
      second,
    );
    expect(await second.stop("SIGTERM")).toBe(0);

    const [thread] = discord.threads;
    expect(discord.threads).toHaveLength(1);
    expect(discord.threadMemberIds(String(thread?.id)).sort()).toEqual([discord.botUser.id, ada.id, bo.id].sort());
    expect(discord.channelMessages.get(String(thread?.id))).toHaveLength(1);
    // The retake found the thread among the server's active threads rather than making another.
    expect(discord.calls.filter((c) => c.method === "POST" && c.path === `/channels/${ROOM}/threads`)).toHaveLength(1);
    expect(discord.calls.some((c) => c.method === "GET" && c.path === `/guilds/${GUILD.id}/threads/active`)).toBe(true);
    expect(discord.violations).toEqual([]);
  }, 180_000);
});
