import pino, { type Logger } from "pino";
import type { Config } from "./config/index.js";

export type { Logger };

/** JSON lines by default; human-readable when LOG_FORMAT=pretty or when stdout is a terminal and no format was chosen. */
export function createLogger(config: Pick<Config, "LOG_LEVEL" | "LOG_FORMAT">): Logger {
  const pretty = config.LOG_FORMAT === "pretty" || (config.LOG_FORMAT === undefined && process.stdout.isTTY === true);
  return pino({
    level: config.LOG_LEVEL,
    base: undefined,
    redact: { paths: ["token", "*.token", "config.DISCORD_TOKEN", "headers.authorization"], censor: "[redacted]" },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } }
      : {}),
  });
}
