import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { Store } from "../src/db/store.js";
import { type BotProcess, spawnBot, startTestBot, type TestBot } from "./support/harness.js";
import { aUser, LoopbackDiscord, shardOfGuild } from "./support/loopback-discord.js";
import { channelOf, slotStatusesIn, spreadGuilds, weeklyDueNow } from "./support/schedule-rig.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const GUILDS = 6000;
const SHARDS = 3;

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  progress?: () => string | Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${progress ? `: ${await progress()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("6,000 servers on the 3 shards Discord recommends, in one process", () => {
  const guilds = spreadGuilds(GUILDS);
  const clock = new ManualClock("2026-03-02T12:00:30Z");
  let database: TestDatabase | undefined;
  let discord: LoopbackDiscord;
  let t: TestBot;

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds, recommendedShards: SHARDS, maxConcurrency: 16 });
    database = await freshDatabase();
    await weeklyDueNow(database, guilds, clock.now());
    // A generous global limit: the pacer's rhythm is tested elsewhere; here it would only make the fan-out slow.
    t = await startTestBot({ discord, clock, database, env: { DISCORD_GLOBAL_RATE_LIMIT: "5000" } });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await discord?.close();
    await database?.remove();
  });

  it("connects each shard with only its own servers, as IDENTIFY's [shard, count] asks", () => {
    expect([...discord.identifies].sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(t.bot.client.guilds.cache.size).toBe(GUILDS);
    for (let shard = 0; shard < SHARDS; shard++) {
      const expected = guilds.filter((g) => shardOfGuild(g.id, SHARDS) === shard).length;
      expect(expected).toBeLessThanOrEqual(2500);
      expect(t.bot.client.guilds.cache.filter((g) => g.shardId === shard).size).toBe(expected);
    }
  });

  it("answers a member on every shard, and in a DM (which Discord sends on shard 0)", async () => {
    for (let shard = 0; shard < SHARDS; shard++) {
      const guild = guilds.find((g) => shardOfGuild(g.id, SHARDS) === shard);
      const reply = await discord.reply(discord.slash("about", [], { user: aUser(shard), guildId: guild?.id }));
      expect(reply.callback.type, `shard ${shard}`).toBe(4);
    }
    const dm = await discord.reply(discord.slash("about", [], { user: aUser(9), guildId: null }));
    expect(dm.callback.type).toBe(4);
  });

  it("posts every server's weekly prompt exactly once", async () => {
    const posted = () => guilds.filter((g) => (discord.channelMessages.get(channelOf(g))?.length ?? 0) > 0).length;
    await until(
      () => posted() === GUILDS,
      90_000,
      "6,000 weekly posts",
      () => `${posted()} posted, ${JSON.stringify(t.bot.scheduler.stats)}`,
    );
    await t.bot.scheduler.idle();
    // A later tick finds nothing left to post.
    clock.advance(60_000);
    await t.bot.scheduler.tick();
    for (const guild of guilds) expect(discord.channelMessages.get(channelOf(guild)), guild.id).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  }, 120_000);
});

describe("a loopback Discord asked to put 3,000 servers on one shard", () => {
  it("closes the connection with 4011, and Gradient stops saying sharding is required", async () => {
    const discord = await LoopbackDiscord.start({ guilds: spreadGuilds(3000), recommendedShards: 1 });
    try {
      await expect(startTestBot({ discord })).rejects.toThrow(/Sharding is required|4011/);
      expect(discord.closeCodes).toContain(4011);
    } finally {
      await discord.close();
    }
  }, 60_000);
});

describe("SHARD_PROCESSES=2 through npm start's entry: 6,000 servers, 3 shards over 2 processes", () => {
  const guilds = spreadGuilds(GUILDS);
  let database: TestDatabase | undefined;
  /** The test's own connection, reading what the bot's processes wrote. */
  let store: Store | undefined;
  let discord: LoopbackDiscord;
  let manager: BotProcess | undefined;

  afterAll(async () => {
    await manager?.stop("SIGTERM");
    await discord?.close();
    await store?.close();
    await database?.remove();
  });

  it("answers on every shard, and posts once per server though one process is killed -9 mid-fan-out", async () => {
    // Each post spends 20 ms at "Discord", so posts are on the wire when the kill lands.
    discord = await LoopbackDiscord.start({ guilds, recommendedShards: SHARDS, maxConcurrency: 16, latencyMs: 20 });
    database = await freshDatabase();
    await weeklyDueNow(database, guilds, new Date());
    const reader = await database.open();
    store = reader;
    const slots = () => reader.read(slotStatusesIn);
    manager = spawnBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      ...database.env,
      SHARD_PROCESSES: "2",
      DISCORD_GLOBAL_RATE_LIMIT: "4000",
      LOG_LEVEL: "info",
    });
    await manager.waitForOutput(/"msg":"every shard process is ready"/, 90_000);
    expect([...discord.identifies].sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    for (let shard = 0; shard < SHARDS; shard++) {
      const guild = guilds.find((g) => shardOfGuild(g.id, SHARDS) === shard);
      const reply = await discord.reply(discord.slash("about", [], { user: aUser(shard), guildId: guild?.id }));
      expect(reply.callback.type, `shard ${shard}`).toBe(4);
    }

    const posted = () => guilds.filter((g) => (discord.channelMessages.get(channelOf(g))?.length ?? 0) > 0).length;
    await until(
      () => posted() >= 1500,
      60_000,
      "1,500 posts",
      () => manager?.output().slice(-2000) ?? "",
    );
    // Process 1 runs shard 1 alone; kill it in the middle of its share of the fan-out.
    const spawned = [...(manager.output().matchAll(/"process":1,"pid":(\d+),"msg":"shard process spawned"/g) ?? [])];
    const pid = Number(spawned[0]?.[1]);
    expect(pid).toBeGreaterThan(0);
    const shardOne = guilds.filter((g) => shardOfGuild(g.id, SHARDS) === 1);
    const shardOnePosted = () => shardOne.filter((g) => discord.channelMessages.get(channelOf(g))?.length).length;
    process.kill(pid, "SIGKILL");
    expect(shardOnePosted()).toBeLessThan(shardOne.length);
    await manager.waitForOutput(/"process":1,"msg":"shard process exited; respawning"/, 10_000);

    const sent = async () => (await slots()).find((s) => s.status === "sent")?.n ?? 0;
    await until(
      async () => (await sent()) === GUILDS,
      120_000,
      "every slot sent",
      async () => `${JSON.stringify(await slots())}`,
    );
    // Respawned: a second process 1 came up and caught up its servers.
    expect(manager.output().match(/"process":1,"pid":\d+,"msg":"shard process spawned"/g)).toHaveLength(2);
    for (const guild of guilds) expect(discord.channelMessages.get(channelOf(guild)), guild.id).toHaveLength(1);
    expect(discord.violations).toEqual([]);
    expect(await manager.stop("SIGTERM")).toBe(0);
  }, 240_000);
});
