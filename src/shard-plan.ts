import type { Config } from "./config/index.js";
import { planForProcess, type ShardPlan } from "./discord/shards.js";

/** Set by the manager for its children: the bot's total shard count. */
export const SHARD_COUNT_ENV = "GRADIENT_SHARD_COUNT";

/** Inside a ShardingManager child: the shards this process runs; undefined in a single process. */
export function childShardPlan(config: Pick<Config, "SHARD_PROCESSES">, env = process.env): ShardPlan | undefined {
  if (env.SHARDING_MANAGER !== "true" || !config.SHARD_PROCESSES) return undefined;
  return planForProcess(Number(env.SHARDS), config.SHARD_PROCESSES, Number(env[SHARD_COUNT_ENV]));
}
