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

/** Process `index` of `processes` runs every shard whose id is `index` modulo `processes`. */
export function planForProcess(index: number, processes: number, count: number): ShardPlan {
  const ids = Array.from({ length: count }, (_, id) => id).filter((id) => id % processes === index);
  return { ids, count };
}

/** Whether a server's shard is one of the plan's; what limits each process's scheduled posts to its own servers. */
export function ownsGuildIn(plan: ShardPlan): (guildId: string) => boolean {
  const mine = new Set(plan.ids);
  return (guildId) => mine.has(shardOf(guildId, plan.count));
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
