import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../src/db/store.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import { type FakeGuild, LoopbackDiscord, shardOfGuild } from "./support/loopback-discord.js";
import { behindDiscord, slotCounts, warmUp, weeklyDueIn } from "./support/machines.js";
import { type RestProxyProcess, spawnRestProxy } from "./support/rest-proxy.js";
import { channelOf, spreadGuilds } from "./support/schedule-rig.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const GUILDS = 600;
const SHARD_COUNT = 4;
/** Discord's global limit, enforced by the loopback as Discord does: the 51st request within a second is a 429. */
const DISCORD_LIMIT = 50;

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  progress: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${progress()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The port a process said its metrics listen on; `who` picks the line (a manager's children say theirs too). */
function metricsPort(bot: BotProcess, who: string): number {
  const line = bot
    .output()
    .split("\n")
    .find((l) => l.includes(who) && l.includes('"msg":"metrics listening"'));
  const port = Number(/"port":(\d+)/.exec(line ?? "")?.[1]);
  if (!port) throw new Error(`no metrics port for ${who} in:\n${bot.output().slice(-3000)}`);
  return port;
}

/** A process's resident memory in MB, from /proc (Linux), for the figure the test prints. */
function rssMb(pid: number | undefined): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return `${(kb / 1024).toFixed(1)} MB`;
  } catch {
    return "unknown";
  }
}

const get = async (port: number, path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
};

describe("two machines with disjoint SHARD_LISTs of one SHARD_COUNT, one database, one REST proxy", () => {
  // One more server, with no schedule: the test's own requests warm the loopback up in its channel.
  const [spare, ...guilds] = spreadGuilds(GUILDS + 1) as [FakeGuild, ...FakeGuild[]];
  const guildOfChannel = new Map(guilds.map((g) => [channelOf(g), g.id]));
  const onA = new Set(guilds.filter((g) => shardOfGuild(g.id, SHARD_COUNT) < 2).map((g) => g.id));
  let discord: LoopbackDiscord;
  let database: TestDatabase;
  let store: Store;
  let proxy: RestProxyProcess | undefined;
  const machines: BotProcess[] = [];

  afterAll(async () => {
    for (const machine of machines) await machine.stop("SIGKILL");
    await proxy?.stop("SIGTERM");
    await store?.close();
    await database?.remove();
    await discord?.close();
  });

  it("posts a weekly post due for 600 servers exactly once each, with 0 429s, though one machine is killed -9 mid-fan-out and restarted", async () => {
    // Each request spends 20 ms at "Discord", so posts are on the wire when the kill lands.
    discord = await LoopbackDiscord.start({
      guilds: [spare, ...guilds],
      recommendedShards: SHARD_COUNT,
      maxConcurrency: 16,
      globalRateLimit: DISCORD_LIMIT,
      latencyMs: 20,
    });
    await warmUp(discord, channelOf(spare));
    database = await freshDatabase();
    store = await database.open();
    proxy = await spawnRestProxy(discord.token, discord.apiBase);
    const common = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: proxy.apiBase,
      ...database.env,
      SHARD_COUNT: String(SHARD_COUNT),
      DISCORD_RATE_SHARE: "proxy",
      DEFAULT_TIMEZONE: "UTC",
      METRICS_PORT: "0",
      LOG_LEVEL: "info",
    };
    const machineA = { ...common, SHARD_LIST: "0-1" };
    // Machine B splits its list over two processes.
    const machineB = { ...common, SHARD_LIST: "2,3", SHARD_PROCESSES: "2" };

    const postsTo = (channel: string) => discord.channelMessages.get(channel)?.length ?? 0;
    const posted = (ids?: Set<string>) =>
      guilds.filter((g) => (!ids || ids.has(g.id)) && postsTo(channelOf(g)) > 0).length;
    const firstPosts = () =>
      discord.calls.filter(
        (c) =>
          c.method === "POST" &&
          c.status === 200 &&
          guildOfChannel.has(/^\/channels\/(\d+)\/messages$/.exec(c.path)?.[1] ?? ""),
      );
    const progress = () =>
      `${posted()} posted (${posted(onA)} on A), 429s ${discord.rateLimited}\n--- A:\n${machines[0]?.output().slice(-1500)}\n--- B:\n${machines[1]?.output().slice(-1500)}`;

    const a = behindDiscord(spawnBot(machineA));
    const b = behindDiscord(spawnBot(machineB));
    machines.push(a, b);
    await Promise.all([
      a.waitForOutput(/"msg":"ready"/, 120_000),
      b.waitForOutput(/"msg":"every shard process is ready"/, 120_000),
    ]);
    // Each shard identified once, by the machine whose list names it.
    expect([...discord.identifies].sort()).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);

    // Both machines up: the weekly post falls due, and both find it at the next minute's tick (written well clear
    // of a minute's turn, so one machine's tick cannot read the database just before it and the other's just after).
    await until(
      () => new Date().getSeconds() >= 5 && new Date().getSeconds() < 50,
      20_000,
      "a minute's middle",
      () => "",
    );
    await weeklyDueIn(store, guilds, new Date(Date.now() + 60_000));

    // Kill machine A in the middle of its share of the fan-out.
    await until(() => posted(onA) >= 100, 120_000, "100 of machine A's posts", progress);
    a.child.kill("SIGKILL");
    expect(await a.exited).toBeNull();
    const aAtKill = posted(onA);
    expect(aAtKill).toBeLessThan(onA.size);

    // Machine B finishes its own servers and leaves A's alone: they are not on its shards.
    const onB = new Set(guilds.filter((g) => !onA.has(g.id)).map((g) => g.id));
    await until(() => posted(onB) === onB.size, 120_000, "machine B's 300 posts", progress);
    // What A had on the wire has landed by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const aWhileDown = posted(onA);
    expect(aWhileDown).toBeLessThan(onA.size);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(posted(onA)).toBe(aWhileDown);

    // Restarted, A catches up its servers (settling what the kill left claimed).
    const restartedAt = Date.now();
    const restarted = behindDiscord(spawnBot(machineA));
    machines.push(restarted);
    await restarted.waitForOutput(/"msg":"ready"/, 120_000);
    await until(async () => (await slotCounts(store)).sent === GUILDS, 120_000, "every slot sent", progress);

    for (const guild of guilds) expect(postsTo(channelOf(guild)), guild.id).toBe(1);
    expect(await slotCounts(store)).toEqual({ sent: GUILDS });
    expect(discord.rateLimited).toBe(0);
    expect(discord.violations).toEqual([]);

    // /readyz and the metrics name each machine's shards.
    const readyA = await get(metricsPort(restarted, '"shard":[0,1]'), "/readyz");
    expect(readyA).toEqual({ status: 200, body: "ready\nshards 0-1 of 4\n" });
    const portB = metricsPort(b, '"shard":"manager"');
    expect(await get(portB, "/readyz")).toEqual({ status: 200, body: "ready\nshards 2-3 of 4\n" });
    const metricsA = (await get(metricsPort(restarted, '"shard":[0,1]'), "/metrics")).body;
    expect(metricsA).toContain('gradient_shards_info{machine_shards="0-1",shard_count="4"} 1');
    const metricsB = (await get(portB, "/metrics")).body;
    expect(metricsB).toMatch(/gradient_shards_info\{[^}]*machine_shards="2-3",shard_count="4"[^}]*\} 1/);

    // The figures of this run: when each machine's posts reached Discord, from the first post.
    const sends = firstPosts();
    const t0 = Math.min(...sends.map((c) => c.at));
    const span = (ids: Set<string>) => {
      const at = sends.filter((c) => ids.has(guildOfChannel.get(c.path.split("/")[2] ?? "") ?? "")).map((c) => c.at);
      return `${((Math.min(...at) - t0) / 1000).toFixed(1)} to ${((Math.max(...at) - t0) / 1000).toFixed(1)} s`;
    };
    console.info(
      `two machines, ${GUILDS} posts in ${((Math.max(...sends.map((c) => c.at)) - t0) / 1000).toFixed(1)} s: machine B's 300 from ${span(onB)}; machine A's 300 from ${span(onA)}, killed at ${aAtKill} and restarted at ${((restartedAt - t0) / 1000).toFixed(1)} s; ${discord.rateLimited} 429s; ${discord.calls.length} requests; the proxy's RSS ${rssMb(proxy?.child.pid)}`,
    );

    expect(await restarted.stop("SIGTERM")).toBe(0);
    expect(await b.stop("SIGTERM")).toBe(0);
  }, 420_000);
});
