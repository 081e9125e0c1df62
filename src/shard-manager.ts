/**
 * SHARD_PROCESSES=N: discord.js's ShardingManager runs N bot processes on this machine, over one database.
 * The machine's shards are SHARD_LIST of SHARD_COUNT, or without SHARD_COUNT all of Discord's recommended count
 * (at least N); process i runs every N-th of them from the i-th (discord.js's manager knows one shard per process,
 * so each child is told the real count through GRADIENT_SHARD_COUNT and picks its ids itself). A process that exits
 * is respawned by the manager and catches up on start as a restarted bot does. With METRICS_PORT, the manager
 * serves /livez, /readyz and /metrics for all of them, gathered from each child's own loopback endpoint.
 */
import { type Shard, ShardingManager } from "discord.js";
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import type { Config } from "./config/index.js";
import { openStore } from "./db/open.js";
import { allShards, describeShards, fetchGatewayBot, machinePlan, planForProcess } from "./discord/shards.js";
import type { Logger } from "./log.js";
import { type OpsServer, startOpsServer } from "./ops/server.js";
import { SHARD_COUNT_ENV } from "./shard-plan.js";

/** What a child tells the manager once it is up: the port of its own metrics endpoint. */
interface OpsMessage {
  gradientOps: number;
}

export interface RunningManager {
  manager: ShardingManager;
  ops?: OpsServer;
  stop(): Promise<void>;
}

export async function runShardManager(config: Config, log: Logger, entry: string): Promise<RunningManager> {
  const processes = config.SHARD_PROCESSES ?? 1;
  const gateway = await fetchGatewayBot(config.DISCORD_API_BASE, config.DISCORD_TOKEN);
  const machine = machinePlan(config) ?? allShards(Math.max(gateway.shards, processes));
  const count = machine.count;
  if (count < gateway.shards)
    log.warn(
      { shardCount: count, recommended: gateway.shards },
      "SHARD_COUNT is below Discord's recommended count: a shard with more than 2,500 servers is refused (4011)",
    );
  // Migrate once, here, before any child opens the file.
  await (await openStore(config)).store.close();
  process.env[SHARD_COUNT_ENV] = String(count);
  // Each child serves its metrics on a free loopback port; only the manager listens where the operator said.
  if (config.METRICS_PORT !== undefined) Object.assign(process.env, { METRICS_PORT: "0", METRICS_HOST: "127.0.0.1" });

  const manager = new ShardingManager(entry, {
    totalShards: processes,
    token: config.DISCORD_TOKEN,
    respawn: true,
    mode: "process",
    execArgv: process.execArgv,
  });
  const ports = new Map<number, number>();
  manager.on("shardCreate", (shard: Shard) => {
    log.info({ process: shard.id, shards: planForProcess(shard.id, processes, machine).ids }, "shard process started");
    shard.on("message", (message: unknown) => {
      if (message && typeof message === "object" && "gradientOps" in message)
        ports.set(shard.id, (message as OpsMessage).gradientOps);
    });
    shard.on("spawn", (child) =>
      log.info({ process: shard.id, pid: "pid" in child ? child.pid : undefined }, "shard process spawned"),
    );
    shard.on("death", () => {
      ports.delete(shard.id);
      log.warn({ process: shard.id }, "shard process exited; respawning");
    });
  });

  let ops: OpsServer | undefined;
  if (config.METRICS_PORT !== undefined) {
    const fromChild = async (port: number, path: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
      return response;
    };
    let ready = false;
    const refreshReady = async () => {
      if (ports.size < processes) return false;
      const answers = await Promise.all([...ports.values()].map((p) => fromChild(p, "/readyz").catch(() => null)));
      return answers.every((a) => a?.status === 200);
    };
    // /readyz answers at once from the last check, refreshed twice a second.
    const timer = setInterval(() => {
      refreshReady().then(
        (r) => {
          ready = r;
        },
        () => {
          ready = false;
        },
      );
    }, 500);
    timer.unref();
    const aggregator = new AggregatorRegistry();
    ops = await startOpsServer(config.METRICS_HOST, config.METRICS_PORT, {
      ready: async () => ready,
      ...(config.SHARD_COUNT !== undefined ? { shards: describeShards(machine) } : {}),
      metrics: async () => {
        const lists = await Promise.all(
          [...ports.values()].map(
            async (p) =>
              (await (await fromChild(p, "/metrics.json")).json()) as MetricObjectWithValues<MetricValue<string>>[],
          ),
        );
        const registry = AggregatorRegistry.aggregate(lists);
        return { body: await registry.metrics(), contentType: aggregator.contentType };
      },
    });
    log.info({ host: config.METRICS_HOST, port: ops.port }, "metrics listening");
  }

  // Discord lets `max_concurrency` shards identify every 5 s: wait between processes only when it must.
  const delay = gateway.session_start_limit.max_concurrency >= count ? 0 : 5_500;
  const shards = describeShards(machine);
  log.info({ processes, shards, recommended: gateway.shards }, "spawning shard processes");
  await manager.spawn({ amount: processes, delay, timeout: 120_000 });
  log.info({ processes, shards }, "every shard process is ready");

  return {
    manager,
    ...(ops ? { ops } : {}),
    async stop() {
      const exits = [...manager.shards.values()].map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            // SIGTERM: each child stops its scheduler and finishes its interactions; no respawn after kill().
            shard.kill();
          }),
      );
      await Promise.all(exits);
      await ops?.close();
    },
  };
}
