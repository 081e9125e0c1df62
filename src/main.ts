import { startBot } from "./bot.js";
import { ConfigError, parseConfig, readEnvironment } from "./config/index.js";
import { createLogger } from "./log.js";

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(readEnvironment());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Gradient cannot start: the configuration is invalid.\n${error.lines.map((l) => `  ${l}`).join("\n")}`);
  process.exit(1);
}

const log = createLogger(config);
try {
  const bot = await startBot({ config, log });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
} catch (error) {
  // Known start-up failures are explained in one line; a token never appears in them.
  const message = error instanceof Error ? error.message : String(error);
  log.fatal({ err: error }, "could not start");
  console.error(`Gradient could not start: ${message}`);
  process.exit(1);
}
