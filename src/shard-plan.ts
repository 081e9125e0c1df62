import type { Config } from "./config/index.js";
import { allShards, machinePlan, planForProcess, type ShardPlan } from "./discord/shards.js";

/** Set by the manager for its children: the bot's total shard count. */
export const SHARD_COUNT_ENV = "GRADIENT_SHARD_COUNT";

const isManagedChild = (env: Record<string, string | undefined>) => env.SHARDING_MANAGER === "true";

/**
 * The environment a process reads its configuration from. discord.js's ShardingManager overwrites SHARD_COUNT in
 * each child's environment with its number of processes; a child gets the bot's real count back from the
 * manager's GRADIENT_SHARD_COUNT.
 */
export function configEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!isManagedChild(env) || env[SHARD_COUNT_ENV] === undefined) return env;
  return { ...env, SHARD_COUNT: env[SHARD_COUNT_ENV] };
}

/**
 * Inside a ShardingManager child: the shards this process runs, its share of the machine's (SHARD_LIST of the
 * count the manager settled on); undefined in a process of its own.
 */
export function childShardPlan(
  config: Pick<Config, "SHARD_PROCESSES" | "SHARD_COUNT" | "SHARD_LIST">,
  env: Record<string, string | undefined> = process.env,
): ShardPlan | undefined {
  if (!isManagedChild(env) || !config.SHARD_PROCESSES) return undefined;
  const machine = machinePlan(config) ?? allShards(Number(env[SHARD_COUNT_ENV]));
  return planForProcess(Number(env.SHARDS), config.SHARD_PROCESSES, machine);
}
