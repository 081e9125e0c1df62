import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import buildBot from "../test/support/build.js";
import { START_ARGS, tempDir } from "../test/support/harness.js";
import { aUser, LoopbackDiscord, type SentInteraction } from "../test/support/loopback-discord.js";
import { spreadGuilds } from "../test/support/schedule-rig.js";

/**
 * Gradient as `npm start` runs it (node, its flags and dist/main.cjs) beside a bare discord.js bot answering "pong"
 * (bench/bare-bot.cjs), each a child process on its own loopback Discord, in the same run: start to first answer,
 * RSS at rest with 1 and 1,000 servers (and the 1,000 over 8 shards, for a shard's own cost), RSS and heap after 50,000 interactions over 1,000 servers (and heap growth
 * from the 10,000th to the 50,000th), and the highest interaction rate held for 3 s with p99 under 100 ms.
 */

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PROBE = join(ROOT, "bench", "probe.cjs");
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 50_000);
/** The steady rate of the 50,000 (both bots must keep up with it on a loaded 2-core machine). */
const RATE = Number(process.env.BENCH_RATE ?? 200);

interface Bot {
  name: string;
  discord: LoopbackDiscord;
  child: ChildProcess;
  command: (guildId: string, n: number) => SentInteraction;
  sample(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

type Kind = "gradient" | "bare";

async function launch(kind: Kind, guilds: number, shards?: number): Promise<{ bot: Bot; firstAnswerMs: number }> {
  const discord = await LoopbackDiscord.start({
    guilds: spreadGuilds(guilds),
    maxConcurrency: 16,
    ...(shards ? { recommendedShards: shards } : {}),
  });
  const dir = tempDir("gradient-bench-");
  const args = kind === "gradient" ? START_ARGS : [join(ROOT, "bench", "bare-bot.cjs")];
  const started = performance.now();
  const child = spawn(process.execPath, ["--expose-gc", "--require", PROBE, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    env: {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_PATH: join(dir.path, "gradient.sqlite"),
      LOG_LEVEL: "warn",
    },
  });
  const first = discord.guilds[0]?.id ?? "";
  const command = (guildId: string, n: number) =>
    kind === "gradient"
      ? discord.slash("challenge", [{ type: 1, name: "today", options: [] }], { user: aUser(n % 5000), guildId })
      : discord.slash("ping", [], { user: aUser(n % 5000), guildId });
  await discord.waitForIdentify();
  // Discord sends a server's interactions to its shard's session, so every shard must be in before the first one.
  if (shards) await discord.waitForSessions(shards);
  await discord.reply(command(first, 0), { timeoutMs: 30_000 });
  const firstAnswerMs = performance.now() - started;
  const bot: Bot = {
    name: kind,
    discord,
    child,
    command,
    sample: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve(m as { rss: number; heapUsed: number }));
        child.send("sample");
      }),
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await discord.close();
      dir.remove();
    },
  };
  return { bot, firstAnswerMs };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Sends `count` interactions at `rate` a second, spread over the bot's guilds; resolves with each round trip (ms). */
async function drive(
  bot: Bot,
  count: number,
  rate: number,
  offset = 0,
): Promise<{ latencies: number[]; lost: number }> {
  const guilds = bot.discord.guilds;
  const trips: Promise<number>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const guild = guilds[(offset + i) % guilds.length]?.id ?? "";
    const sent = bot.command(guild, offset + i);
    const at = performance.now();
    trips.push(
      bot.discord.reply(sent, { timeoutMs: 5000 }).then(
        () => performance.now() - at,
        () => Number.POSITIVE_INFINITY,
      ),
    );
  }
  const latencies = await Promise.all(trips);
  return { latencies, lost: latencies.filter((l) => !Number.isFinite(l)).length };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN;
}

/** Whether `bot` holds `rate` a second for 3 s with p99 under 100 ms and every interaction answered. */
async function holds(bot: Bot, rate: number): Promise<boolean> {
  const { latencies, lost } = await drive(bot, rate * 3, rate, 1_000_000 + rate);
  console.error(`[footprint] ${bot.name} at ${rate}/s: p99 ${p99(latencies).toFixed(1)} ms, ${lost} unanswered`);
  await sleep(500);
  return lost === 0 && p99(latencies) < 100;
}

/** Climbs a ladder of rates to the first one not held, then halves the gap to it until within 5%. */
async function maxRate(bot: Bot): Promise<number> {
  let best = 0;
  let failed = Number.POSITIVE_INFINITY;
  for (const rate of [50, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000]) {
    if (!(await holds(bot, rate))) {
      failed = rate;
      break;
    }
    best = rate;
  }
  while (Number.isFinite(failed) && failed - best > best * 0.05) {
    const mid = Math.round((best + failed) / 2);
    if (await holds(bot, mid)) best = mid;
    else failed = mid;
  }
  return best;
}

export async function run(): Promise<void> {
  buildBot();
  const progress = (what: string) => console.error(`[footprint] ${what}`);
  const results: Record<Kind, Record<string, number>> = { gradient: {}, bare: {} };
  for (const kind of ["bare", "gradient"] as const) {
    const r = results[kind];
    // Three starts, each sampled at rest: the medians, since one start can land beside a busy moment.
    const starts: number[] = [];
    const rests: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { bot, firstAnswerMs } = await launch(kind, 1);
      progress(`${kind} started in ${firstAnswerMs.toFixed(0)} ms`);
      starts.push(firstAnswerMs);
      await sleep(2000);
      rests.push(mb((await bot.sample()).rss));
      await bot.stop();
    }
    r.start = median(starts);
    r.rss1 = median(rests);

    // The same servers over 8 shards, for what a shard itself costs.
    {
      const { bot } = await launch(kind, 1000, 8);
      await sleep(2000);
      r.rss1000x8 = mb((await bot.sample()).rss);
      await bot.stop();
    }

    const { bot } = await launch(kind, 1000);
    await sleep(2000);
    r.rss1000 = mb((await bot.sample()).rss);
    progress(`${kind} at rest with 1,000 servers`);
    await drive(bot, 10_000, RATE);
    const at10k = await bot.sample();
    progress(`${kind} after 10,000 interactions`);
    const rest = await drive(bot, INTERACTIONS - 10_000, RATE, 10_000);
    const at50k = await bot.sample();
    r.rss50k = mb(at50k.rss);
    r.heap10k = mb(at10k.heapUsed);
    r.heap50k = mb(at50k.heapUsed);
    r.lost = rest.lost;
    progress(`${kind} after ${INTERACTIONS} interactions (${rest.lost} unanswered)`);
    r.rate = await maxRate(bot);
    r.violations = bot.discord.violations.length;
    await bot.stop();
    console.log(
      `${kind}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(1)])))}`,
    );
  }

  const g = results.gradient;
  const b = results.bare;
  const row = (what: string, gv: number, bv: number, unit: string, target: string, inverse = false) =>
    console.log(
      `${what.padEnd(44)} ${`${gv.toFixed(1)} ${unit}`.padStart(12)} ${`${bv.toFixed(1)} ${unit}`.padStart(12)} ${`${(inverse ? bv / gv : gv / bv).toFixed(2)}x`.padStart(7)}   ${target}`,
    );
  console.log(
    `\n${"".padEnd(44)} ${"Gradient".padStart(12)} ${"bare bot".padStart(12)} ${"ratio".padStart(7)}   target`,
  );
  row("start to first answer", g.start ?? 0, b.start ?? 0, "ms", "at most 1.5x");
  row("RSS at rest, 1 server", g.rss1 ?? 0, b.rss1 ?? 0, "MB", "at most 1.3x");
  row("RSS at rest, 1,000 servers", g.rss1000 ?? 0, b.rss1000 ?? 0, "MB", "at most 1.3x");
  row("RSS at rest, 1,000 servers on 8 shards", g.rss1000x8 ?? 0, b.rss1000x8 ?? 0, "MB", "");
  const perServer = (r: Record<string, number>) => (((r.rss1000 ?? 0) - (r.rss1 ?? 0)) / 999) * 1024;
  const perShard = (r: Record<string, number>) => (((r.rss1000x8 ?? 0) - (r.rss1000 ?? 0)) / 7) * 1024;
  console.log(
    `${"per server / per shard (KB)".padEnd(44)} ${`${perServer(g).toFixed(0)} / ${perShard(g).toFixed(0)}`.padStart(12)} ${`${perServer(b).toFixed(0)} / ${perShard(b).toFixed(0)}`.padStart(12)}`,
  );
  row(`RSS after ${INTERACTIONS} interactions`, g.rss50k ?? 0, b.rss50k ?? 0, "MB", "at most 1.3x");
  row(`heap after ${INTERACTIONS} interactions`, g.heap50k ?? 0, b.heap50k ?? 0, "MB", "at most 1.3x");
  const growth = (r: Record<string, number>) => (((r.heap50k ?? 0) - (r.heap10k ?? 0)) / (r.heap10k ?? 1)) * 100;
  console.log(
    `${"heap growth 10,000th to last".padEnd(44)} ${`${growth(g).toFixed(1)} %`.padStart(12)} ${`${growth(b).toFixed(1)} %`.padStart(12)}           under 10%`,
  );
  row("highest rate with p99 < 100 ms", g.rate ?? 0, b.rate ?? 0, "/s", "at least 0.7x", false);
  console.log(`unanswered ${g.lost} / ${b.lost}, violations ${g.violations} / ${b.violations}`);
}
