import { startBot } from "./bot.js";
import { ConfigError, parseConfig, readEnvironment } from "./config/index.js";
import { machinePlan } from "./discord/shards.js";
import { createLogger } from "./log.js";
import { childShardPlan, configEnvironment } from "./shard-plan.js";

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(configEnvironment(readEnvironment()));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Gradient cannot start: the configuration is invalid.\n${error.lines.map((l) => `  ${l}`).join("\n")}`);
  process.exit(1);
}

const plan = childShardPlan(config);
const asManager = config.SHARD_PROCESSES !== undefined && plan === undefined;
// Every line names its shards: this process's ids, "manager", or "auto" until Discord has said how many.
let shards: number[] | string = asManager ? "manager" : ((plan ?? machinePlan(config))?.ids ?? "auto");
const log = createLogger(config, () => ({ shard: shards }));

function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

async function main(): Promise<void> {
  try {
    if (asManager) {
      const { runShardManager } = await import("./shard-manager.js");
      const running = await runShardManager(config, log, process.argv[1] ?? "");
      onSignals(() => running.stop());
    } else {
      const bot = await startBot({ config, log, ...(plan ? { shards: plan } : {}) });
      if (Array.isArray(bot.client.options.shards)) shards = bot.client.options.shards;
      // Under a ShardingManager, tell it where this process's metrics are.
      if (plan && bot.ops) process.send?.({ gradientOps: bot.ops.port });
      onSignals(() => bot.stop());
    }
  } catch (error) {
    // Known start-up failures are explained in one line; a token never appears in them.
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, "could not start");
    console.error(`Gradient could not start: ${message}`);
    process.exit(1);
  }
}

// No top-level await: the build bundles this entry as CommonJS (scripts/build.ts).
void main();
