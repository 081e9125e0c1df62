import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { openPostgresStore } from "../src/db/postgres/store.js";
import { type BotProcess, spawnBot } from "../test/support/harness.js";
import { type FakeGuild, LoopbackDiscord, shardOfGuild } from "../test/support/loopback-discord.js";
import { behindDiscord, slotCounts, warmUp, weeklyDueIn } from "../test/support/machines.js";
import { findPostgres, startCluster } from "../test/support/postgres.js";
import { type RestProxyProcess, spawnRestProxy } from "../test/support/rest-proxy.js";
import { channelOf, spreadGuilds } from "../test/support/schedule-rig.js";

/**
 * The fan-out past one machine, as it runs in production: two machines (two `npm start` processes, SHARD_LIST 0-1
 * and 2-3 of SHARD_COUNT=4, DISCORD_RATE_SHARE=proxy) on one PostgreSQL (a throwaway cluster on this machine,
 * test/support/postgres.ts), every request through one `npm run rest-proxy`, against the loopback Discord enforcing
 * Discord's global limit of 50 requests a second. A weekly post falls due for 5,000 servers at one minute's turn;
 * each machine finds its half at its own minute tick, claims each slot in the database and posts it.
 *
 * Figures: from the due minute (the instant the slot falls due, which the machines' minute ticks wake at) to the
 * last post's arrival at Discord, against the floor of posts / 50 seconds. The target is at most 1.15x the floor
 * and no 429. Skipped, and said so, without PostgreSQL's binaries.
 */
const POSTS = 5000;
const SHARD_COUNT = 4;
const LIMIT = 50;
/** Each request spends this long at "Discord", as in the two-machine test. */
const LATENCY_MS = 20;

/**
 * Seconds a set of processes spent on a CPU and waiting for one (Linux's /proc/PID/schedstat: time run, time
 * waiting on a run queue), to tell a pipeline short of CPU on a loaded machine from one waiting on something else.
 */
function schedstat(pids: readonly number[]): { run: number; wait: number } {
  let run = 0;
  let wait = 0;
  for (const pid of pids) {
    try {
      const [ran, waited] = readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(/\s+/).map(Number);
      run += (ran ?? 0) / 1e9;
      wait += (waited ?? 0) / 1e9;
    } catch {
      // gone: a PostgreSQL backend that closed
    }
  }
  return { run, wait };
}

/** The PostgreSQL server listening on `port` and its backends. */
function postgresPids(port: number): number[] {
  const procs = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, "utf8");
    } catch {
      return "";
    }
  };
  const server = procs.find((pid) => read(pid, "cmdline").split("\0").join(" ").includes(`-p ${port}`));
  if (!server) return [];
  const children = procs.filter((pid) => read(pid, "stat").split(") ")[1]?.split(" ")[1] === server);
  return [server, ...children].map(Number);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next minute's turn at least `leadMs` away: time enough to write 5,000 schedules before it. */
function nextMinute(leadMs: number): Date {
  return new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
}

export async function run(): Promise<void> {
  if (!findPostgres()) {
    console.log("skipped: PostgreSQL's server binaries (initdb, pg_ctl) are not installed");
    return;
  }
  console.log(
    `${POSTS} posts from 2 machines through 1 REST proxy on 1 PostgreSQL; global limit ${LIMIT}/s enforced by the loopback Discord; target ratio <= 1.15x, 429s = 0`,
  );
  const [spare, ...guilds] = spreadGuilds(POSTS + 1) as [FakeGuild, ...FakeGuild[]];
  const guildOfChannel = new Map(guilds.map((g) => [channelOf(g), g.id]));
  const onA = new Set(guilds.filter((g) => shardOfGuild(g.id, SHARD_COUNT) < 2).map((g) => g.id));

  const cluster = await startCluster();
  let discord: LoopbackDiscord | undefined;
  let proxy: RestProxyProcess | undefined;
  const machines: BotProcess[] = [];
  const store = await (async () => {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_fanout");
    await admin.end();
    return openPostgresStore(cluster.url("bench_fanout"));
  })();
  try {
    discord = await LoopbackDiscord.start({
      guilds: [spare, ...guilds],
      recommendedShards: SHARD_COUNT,
      maxConcurrency: 16,
      globalRateLimit: LIMIT,
      latencyMs: LATENCY_MS,
    });
    await warmUp(discord, channelOf(spare));
    proxy = await spawnRestProxy(discord.token, discord.apiBase);
    const common = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: proxy.apiBase,
      DATABASE_URL: cluster.url("bench_fanout"),
      SHARD_COUNT: String(SHARD_COUNT),
      DISCORD_RATE_SHARE: "proxy",
      DEFAULT_TIMEZONE: "UTC",
      LOG_LEVEL: "info",
    };
    const a = behindDiscord(spawnBot({ ...common, SHARD_LIST: "0-1" }));
    const b = behindDiscord(spawnBot({ ...common, SHARD_LIST: "2-3" }));
    machines.push(a, b);
    await Promise.all([a.waitForOutput(/"msg":"ready"/, 180_000), b.waitForOutput(/"msg":"ready"/, 180_000)]);

    const due = nextMinute(20_000);
    // weeklyDueIn makes the slot due a minute before the `now` it is given.
    await weeklyDueIn(store, guilds, new Date(due.getTime() + 60_000));
    const d = discord;
    const processes = {
      "machine A": [a.child.pid ?? 0],
      "machine B": [b.child.pid ?? 0],
      "REST proxy": [proxy.child.pid ?? 0],
      "loopback Discord (this process)": [process.pid],
    };
    while (Date.now() < due.getTime()) await sleep(50);
    const before = Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, schedstat(pids)]));
    const pgBefore = schedstat(postgresPids(cluster.port));
    const postsTo = (channel: string) => d.channelMessages.get(channel)?.length ?? 0;
    const posted = () => guilds.filter((g) => postsTo(channelOf(g)) > 0).length;
    const deadline = due.getTime() + 5 * (POSTS / LIMIT) * 1000;
    while (posted() < POSTS && Date.now() < deadline) await sleep(250);
    const cpu = Object.entries(processes).map(([name, pids]) => {
      const now = schedstat(pids);
      const then = before[name] ?? { run: 0, wait: 0 };
      return `${name} ${(now.run - then.run).toFixed(1)} s on CPU, ${(now.wait - then.wait).toFixed(1)} s waiting for one`;
    });
    // Its backends are the machines' pooled connections, opened at start and kept.
    const pg = schedstat(postgresPids(cluster.port));
    cpu.push(
      `PostgreSQL ${(pg.run - pgBefore.run).toFixed(1)} s on CPU, ${(pg.wait - pgBefore.wait).toFixed(1)} s waiting for one`,
    );
    // Anything still on the wire lands, and a second post, were there one, would show.
    await sleep(2000);

    const sends = d.calls.filter(
      (c) =>
        c.method === "POST" &&
        c.status === 200 &&
        guildOfChannel.has(/^\/channels\/(\d+)\/messages$/.exec(c.path)?.[1] ?? ""),
    );
    const guildOf = (path: string) => guildOfChannel.get(path.split("/")[2] ?? "") ?? "";
    const span = (onThisMachine: boolean) => {
      const at = sends.filter((c) => onA.has(guildOf(c.path)) === onThisMachine).map((c) => c.at);
      const from = (t: number) => ((t - due.getTime()) / 1000).toFixed(1);
      return `${at.length} posts, ${from(Math.min(...at))} to ${from(Math.max(...at))} s`;
    };
    const seconds = (Math.max(...sends.map((c) => c.at)) - due.getTime()) / 1000;
    const floor = POSTS / LIMIT;
    const slots = await slotCounts(store);
    console.log(
      [
        "2 machines through the REST proxy, 5000".padEnd(44),
        `${sends.length} posted, ${guilds.filter((g) => postsTo(channelOf(g)) === 1).length} channels with exactly one`,
        `${seconds.toFixed(1)} s`,
        `floor ${floor.toFixed(0)} s`,
        `ratio ${(seconds / floor).toFixed(3)}x`,
        `429s ${d.rateLimited}`,
        `violations ${d.violations.length}`,
      ].join(" | "),
    );
    console.log(`  machine A (shards 0-1): ${span(true)}; machine B (shards 2-3): ${span(false)}, from the due minute`);
    console.log(
      `  slots ${JSON.stringify(slots)}; ${d.calls.length} requests reached Discord; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (2 cores)`,
    );
    console.log(`  from the due minute to the last post: ${cpu.join("; ")}`);
    for (const v of d.violations.slice(0, 5)) console.log(`  violation: ${v}`);
  } finally {
    for (const machine of machines) await machine.stop("SIGTERM");
    await proxy?.stop("SIGTERM");
    await store.close();
    await discord?.close();
    cluster.stop();
  }
}
