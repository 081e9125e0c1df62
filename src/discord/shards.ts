import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { formatShardList } from "../config/shard-list.js";

/**
 * Which shard a server lives on, and which shards one process runs. Discord's rule: a server's shard is
 * `(guild_id >> 22) % shard_count`; events without a server (DMs) arrive on shard 0.
 */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface ShardPlan {
  /** The shard ids this process connects. */
  ids: number[];
  /** The bot's total shard count, across every process. */
  count: number;
}

/** Every shard of a bot with `count` shards. */
export const allShards = (count: number): ShardPlan => ({ ids: Array.from({ length: count }, (_, id) => id), count });

/**
 * The shards this machine runs: SHARD_LIST of SHARD_COUNT (all of them without a list); undefined without
 * SHARD_COUNT, when Discord's recommended count decides and the machine runs every shard.
 */
export function machinePlan(config: {
  SHARD_COUNT?: number | undefined;
  SHARD_LIST?: number[] | undefined;
}): ShardPlan | undefined {
  if (config.SHARD_COUNT === undefined) return undefined;
  return config.SHARD_LIST ? { ids: config.SHARD_LIST, count: config.SHARD_COUNT } : allShards(config.SHARD_COUNT);
}

/**
 * Process `index` of `processes` on a machine: every `processes`-th shard of the machine's list, from its
 * `index`-th (with the whole bot on one machine, the shards whose id is `index` modulo `processes`).
 */
export function planForProcess(index: number, processes: number, machine: ShardPlan): ShardPlan {
  return { ids: machine.ids.filter((_, at) => at % processes === index), count: machine.count };
}

/** "shards 0-3 of 8", for logs, /readyz and metrics. */
export function describeShards(plan: ShardPlan): string {
  return `shards ${formatShardList(plan.ids)} of ${plan.count}`;
}

/** Whether a server's shard is one of the plan's; what limits each process's scheduled posts to its own servers. */
export function ownsGuildIn(plan: ShardPlan): (guildId: string) => boolean {
  const mine = new Set(plan.ids);
  return (guildId) => mine.has(shardOf(guildId, plan.count));
}

/**
 * The same rule in SQL, for a guild id column (text): true on the plan's shards. Written in SQL both engines take
 * (a snowflake fits a signed 64-bit integer); the plan's numbers are whole numbers from the configuration.
 */
export function guildOnShards(guildId: SQLWrapper, plan: ShardPlan): SQL {
  const count = sql.raw(String(Math.trunc(plan.count)));
  const ids = sql.raw(plan.ids.map((id) => String(Math.trunc(id))).join(", "));
  return sql`((CAST(${guildId} AS BIGINT) >> 22) % ${count}) IN (${ids})`;
}

export interface GatewayBot {
  url: string;
  shards: number;
  session_start_limit: { total: number; remaining: number; reset_after: number; max_concurrency: number };
}

/** `GET /gateway/bot` at the configured REST base (discord.js's own helper always asks discord.com). */
export async function fetchGatewayBot(apiBase: string, token: string): Promise<GatewayBot> {
  const response = await fetch(`${apiBase}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } });
  if (!response.ok) {
    throw new Error(
      response.status === 401
        ? "Discord refused the token (401): check DISCORD_TOKEN"
        : `GET /gateway/bot answered ${response.status}`,
    );
  }
  return (await response.json()) as GatewayBot;
}
