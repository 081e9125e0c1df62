import pino, { type Logger } from "pino";
import type { Config } from "./config/index.js";

export type { Logger };

/**
 * Where the token could sit in anything logged: pino removes these paths itself, whatever the caller passed
 * (a config, an environment, a request's headers, a discord.js error carrying its request).
 */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "DISCORD_TOKEN",
  "*.DISCORD_TOKEN",
  "config.DISCORD_TOKEN",
  "env.DISCORD_TOKEN",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "err.requestBody.headers.Authorization",
];

/**
 * JSON lines by default; human-readable when LOG_FORMAT=pretty or when stdout is a terminal and no format was chosen.
 * `where` adds fields to every line (the shard ids of the process).
 */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "LOG_FORMAT">,
  where?: () => Record<string, unknown>,
): Logger {
  const pretty = config.LOG_FORMAT === "pretty" || (config.LOG_FORMAT === undefined && process.stdout.isTTY === true);
  return pino({
    level: config.LOG_LEVEL,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(where ? { mixin: where } : {}),
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } }
      : {}),
  });
}
