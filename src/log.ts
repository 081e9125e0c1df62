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
  // A discord.js error's request: its body carries member text; its URL, for an interaction's callback or webhook,
  // the interaction's token (valid 15 minutes). errorSerializer keeps the URL with the token cut out.
  "err.requestBody",
  "error.requestBody",
  "*.err.requestBody",
];

/** Interaction and webhook tokens in a Discord API URL: /interactions/{id}/{token}/..., /webhooks/{app}/{token}/... */
const URL_TOKEN = /\/(interactions|webhooks)\/(\d+)\/[^/?#]+/g;

export const redactUrl = (url: string) => url.replace(URL_TOKEN, "/$1/$2/[redacted]");

/**
 * pino's error serializer (a plain object is copied), then the request body dropped and any token cut from the URL,
 * in the error and its causes.
 */
export function errorSerializer(error: unknown): unknown {
  if (!error || typeof error !== "object") return error;
  const out = (error instanceof Error ? pino.stdSerializers.err(error) : { ...error }) as unknown as Record<
    string,
    unknown
  >;
  const scrub = (node: Record<string, unknown>) => {
    if (typeof node.url === "string") node.url = redactUrl(node.url);
    if ("requestBody" in node) node.requestBody = "[redacted]";
    for (const nested of ["cause", "aggregateErrors"] as const) {
      const value = node[nested];
      if (Array.isArray(value))
        for (const v of value) if (v && typeof v === "object") scrub(v as Record<string, unknown>);
      if (value && typeof value === "object" && !Array.isArray(value)) scrub(value as Record<string, unknown>);
    }
  };
  scrub(out);
  return out;
}

/**
 * JSON lines by default; human-readable when LOG_FORMAT=pretty or when stdout is a terminal and no format was chosen.
 * `where` adds fields to every line (the shard ids of the process).
 */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "LOG_FORMAT">,
  where?: () => Record<string, unknown>,
  /** Where JSON lines go instead of stdout (tests read them). */
  destination?: pino.DestinationStream,
): Logger {
  const pretty = config.LOG_FORMAT === "pretty" || (config.LOG_FORMAT === undefined && process.stdout.isTTY === true);
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: errorSerializer, error: errorSerializer },
    ...(where ? { mixin: where } : {}),
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
