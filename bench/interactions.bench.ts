import { Events } from "discord.js";
import { createClient } from "../src/bot.js";
import { ManualClock } from "../src/clock.js";
import { run as runStatement } from "../src/db/store.js";
import { asAdmin } from "../test/support/admin.js";
import { startTestBot } from "../test/support/harness.js";
import {
  aUser,
  defaultGuild,
  type FakeGuild,
  LoopbackDiscord,
  type SentInteraction,
} from "../test/support/loopback-discord.js";
import { findPostgres, startCluster } from "../test/support/postgres.js";

/**
 * One interaction's round trip through the loopback Discord (gateway dispatch in, REST callback out), for Gradient's
 * real commands against the floor: a bare discord.js bot that answers every command with "pong". Both bots run in
 * this process against their own loopback Discord, measured alternately so machine load hits both alike. Where
 * PostgreSQL's binaries are installed, a third bot runs the same commands on PostgreSQL (a throwaway cluster on this
 * machine, over loopback TCP), interleaved with the others.
 */

const ROUNDS = 400;
/** View Channel, Send Messages, Embed Links, Read Message History, Create Private Threads, Send Messages in Threads. */
const ROOM_BOT = String(1024n | 2048n | 16384n | 65536n | (1n << 36n) | (1n << 38n));

type Trip = () => Promise<void>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(trip: Trip): Promise<number> {
  const start = process.hrtime.bigint();
  await trip();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<void> {
  const bareDiscord = await LoopbackDiscord.start();
  const bare = createClient({ DISCORD_API_BASE: bareDiscord.apiBase });
  bare.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: "pong" });
  });
  const ready = new Promise((resolve) => bare.once(Events.ClientReady, resolve));
  await bare.login(bareDiscord.token);
  await ready;

  // A second server with the solvers' room on: each first done there claims a seat, and the room adds the member
  // to the day's thread in the background while the rounds go on.
  const roomGuild: FakeGuild = {
    id: "200000000000000021",
    name: "Solvers",
    channels: [{ id: "300000000000000021", name: "solvers" }],
    roles: [{ id: "500000000000000021", name: "Gradient", permissions: ROOM_BOT, managed: true }],
    botRoles: ["500000000000000021"],
  };
  const gradient = await startTestBot({
    clock: new ManualClock("2026-03-02T12:00:00Z"),
    loopback: { guilds: [defaultGuild(), roomGuild] },
  });
  const d = gradient.discord;
  await asAdmin(d, roomGuild.id, "config", "solvers", { channel: "300000000000000021" });
  // Its daily is one marked done (many shipped ones are completed by an answer), so each member's first done counts.
  await gradient.bot.ctx.store.write(function* (s) {
    yield* runStatement(
      s.db.insert(s.t.dailyChallenges).values({
        guildId: roomGuild.id,
        date: "2026-03-02",
        track: "mixed",
        challengeId: "llm-serving-engine-decision-table",
        areaId: "llm-serving",
      }),
    );
  });
  let n = 0;
  const member = () => aUser(1000 + (n++ % 500));
  const trips: Record<string, Trip> = {
    "bare discord.js echo bot": () => replied(bareDiscord, bareDiscord.slash("ping")),
    "/challenge today": () =>
      replied(d, d.slash("challenge", [{ type: 1, name: "today", options: [] }], { user: member() })),
    "/challenge done": () =>
      replied(d, d.slash("challenge", [{ type: 1, name: "done", options: [] }], { user: member() })),
    "/challenge done (solvers' room)": () =>
      replied(
        d,
        d.slash("challenge", [{ type: 1, name: "done", options: [] }], { user: member(), guildId: roomGuild.id }),
      ),
    "/resource topic:transformers": () =>
      replied(d, d.slash("resource", [{ type: 3, name: "topic", value: "transformers" }], { user: member() })),
    "/leaderboard": () => replied(d, d.slash("leaderboard", [], { user: member() })),
  };
  const cluster = findPostgres() ? await startCluster() : undefined;
  const onPostgres = cluster
    ? await startTestBot({
        clock: new ManualClock("2026-03-02T12:00:00Z"),
        database: {
          env: { DATABASE_URL: cluster.url() },
          open: () => Promise.reject(new Error("not used")),
          remove: async () => undefined,
        },
      })
    : undefined;
  if (onPostgres) {
    const p = onPostgres.discord;
    Object.assign(trips, {
      "/challenge today (PostgreSQL)": () =>
        replied(p, p.slash("challenge", [{ type: 1, name: "today", options: [] }], { user: member() })),
      "/challenge done (PostgreSQL)": () =>
        replied(p, p.slash("challenge", [{ type: 1, name: "done", options: [] }], { user: member() })),
      "/leaderboard (PostgreSQL)": () => replied(p, p.slash("leaderboard", [], { user: member() })),
    });
  } else console.log("PostgreSQL's binaries are not installed: no PostgreSQL rows");
  const samples = Object.fromEntries(Object.keys(trips).map((k) => [k, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, trip] of Object.entries(trips)) samples[name]?.push(await time(trip));
  }

  const floor = percentile(
    [...(samples["bare discord.js echo bot"] ?? [])].sort((a, b) => a - b),
    50,
  );
  console.log(`interaction round trips through the loopback Discord, ${ROUNDS} each, interleaved`);
  console.log(`${"".padEnd(32)} ${"p50".padStart(9)} ${"p99".padStart(9)}   p50 vs echo bot`);
  for (const [name, values] of Object.entries(samples)) {
    const sorted = [...values].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    console.log(
      `${name.padEnd(32)} ${p50.toFixed(2).padStart(6)} ms ${percentile(sorted, 99).toFixed(2).padStart(6)} ms   ${(p50 / floor).toFixed(2)}x`,
    );
  }
  const violations = d.violations.length + bareDiscord.violations.length + (onPostgres?.discord.violations.length ?? 0);
  console.log(
    `violations ${violations}; solvers' room: ${d.threads.length} thread, ${d.threadMemberAdds.length} members added`,
  );

  await gradient.stop();
  await onPostgres?.stop();
  cluster?.stop();
  await bare.destroy();
  await bareDiscord.close();
}

async function replied(discord: LoopbackDiscord, sent: SentInteraction): Promise<void> {
  await discord.reply(sent, { timeoutMs: 10_000 });
}
