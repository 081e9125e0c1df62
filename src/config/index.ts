import { existsSync } from "node:fs";
import * as z from "zod";
import { formatShardList, parseShardList } from "./shard-list.js";

/** Where the SQLite file is when DATABASE_PATH is unset (also `npm run db:copy`'s source). */
export const DEFAULT_DATABASE_PATH = "./data/gradient.sqlite";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, {
    error: (issue) =>
      `'${String(issue.input)}' is not an IANA time zone (for example Europe/Berlin or America/New_York)`,
  });

/** This machine only: 127.0.0.0/8, localhost, [::1] (as URL writes hosts: IPv4 normalised, IPv6 in brackets). */
export const isLoopbackHost = (host: string) =>
  host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const PORT = "must be a TCP port between 0 (any free port) and 65535";
const Port = z.coerce.number({ error: PORT }).int(PORT).min(0, PORT).max(65535, PORT);
const Host = z
  .string()
  .regex(/^[\w.:-]+$/, "must be a host name or IP address such as 127.0.0.1 or 0.0.0.0")
  .default("127.0.0.1");
const Snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

/**
 * Hours after a slot's time within which a post that did not happen (the bot was down) is still made. Capped below
 * the shortest gap between two slots of the kind (a daily slot can come 23 h after the last one), so only the
 * latest slot can ever be inside the window.
 */
const catchUpHours = (fallback: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ error: `must be a number of hours between 0.1 and ${max}` })
      .min(0.1, `must be a number of hours between 0.1 and ${max}`)
      .max(max, `must be a number of hours between 0.1 and ${max}`)
      .default(fallback),
  );

const EnvSchema = z
  .object({
    DISCORD_TOKEN: z
      .string({ error: "is required: the bot token from the Discord developer portal" })
      .trim()
      .min(1, "is required: the bot token from the Discord developer portal"),
    DISCORD_API_BASE: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z
        .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
        .refine(
          // Only http itself: anything else unreadable is the URL check's one line.
          (url) => !URL.canParse(url) || new URL(url).protocol !== "http:" || isLoopbackHost(new URL(url).hostname),
          "must be https unless it points at this machine (127.0.0.0/8, localhost or [::1]): over http the bot token would travel in clear",
        )
        .default("https://discord.com/api")
        .transform((url) => url.replace(/\/+$/, "")),
    ),
    DEV_GUILD_ID: optional(Snowflake),
    DATABASE_PATH: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.string().default(DEFAULT_DATABASE_PATH),
    ),
    /** postgres://… runs Gradient on PostgreSQL (src/db/postgres/); unset, the SQLite file at DATABASE_PATH. */
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(
          (url) => URL.canParse(url) && /^postgres(ql)?:$/.test(new URL(url).protocol),
          "must be a PostgreSQL URL such as postgres://gradient@db.internal:5432/gradient (or unset for SQLite)",
        )
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a whole number of connections between 1 and 100" })
        .int("must be a whole number of connections between 1 and 100")
        .min(1, "must be a whole number of connections between 1 and 100")
        .max(100, "must be a whole number of connections between 1 and 100")
        .default(10),
    ),
    LOG_LEVEL: z.preprocess(
      (value) => (typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined),
      z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    ),
    LOG_FORMAT: z.preprocess(
      (value) => (typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined),
      z.enum(["json", "pretty"], { error: "must be json or pretty" }).optional(),
    ),
    DEFAULT_TIMEZONE: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      TimeZone.default("UTC"),
    ),
    SCHEDULE_WEEKLY_CATCH_UP_HOURS: catchUpHours(12, 72),
    SCHEDULE_DAILY_CATCH_UP_HOURS: catchUpHours(3, 12),
    SHARD_PROCESSES: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a whole number of processes between 1 and 64" })
        .int("must be a whole number of processes between 1 and 64")
        .min(1, "must be a whole number of processes between 1 and 64")
        .max(64, "must be a whole number of processes between 1 and 64")
        .optional(),
    ),
    /** The bot's total shard count, the same on every machine; with SHARD_LIST, this machine runs only those. */
    SHARD_COUNT: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a whole number of shards between 1 and 65536" })
        .int("must be a whole number of shards between 1 and 65536")
        .min(1, "must be a whole number of shards between 1 and 65536")
        .max(65536, "must be a whole number of shards between 1 and 65536")
        .optional(),
    ),
    SHARD_LIST: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((text, ctx) => {
          const parsed = parseShardList(text);
          if ("ids" in parsed) return parsed.ids;
          ctx.addIssue({ code: "custom", message: parsed.problem });
          return z.NEVER;
        })
        .optional(),
    ),
    /**
     * This machine's share of Discord's global limit: "proxy" (every machine goes through `npm run rest-proxy`, which
     * enforces the bot-wide limit) or a fraction of DISCORD_GLOBAL_RATE_LIMIT. Split again over SHARD_PROCESSES.
     */
    DISCORD_RATE_SHARE: z.preprocess(
      (value) => (typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined),
      z
        .string()
        .transform((text, ctx): "proxy" | number => {
          if (text === "proxy") return "proxy";
          const share = /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
          if (share > 0 && share <= 1) return share;
          ctx.addIssue({
            code: "custom",
            message: "must be proxy (every machine goes through npm run rest-proxy) or a fraction above 0 up to 1",
          });
          return z.NEVER;
        })
        .optional(),
    ),
    REST_PROXY_PORT: z.preprocess(blankToUndefined, Port.default(8080)),
    REST_PROXY_HOST: z.preprocess(blankToUndefined, Host),
    METRICS_PORT: z.preprocess(blankToUndefined, Port.optional()),
    METRICS_HOST: z.preprocess(blankToUndefined, Host),
    DISCORD_GLOBAL_RATE_LIMIT: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a number of requests a second between 1 and 10000" })
        .int("must be a number of requests a second between 1 and 10000")
        .min(1, "must be a number of requests a second between 1 and 10000")
        .max(10_000, "must be a number of requests a second between 1 and 10000")
        .default(50),
    ),
  })
  // Runs even when another variable failed, so every problem is one line of the same answer.
  .superRefine(
    (env, ctx) => {
      const count = typeof env.SHARD_COUNT === "number" ? env.SHARD_COUNT : undefined;
      const list = Array.isArray(env.SHARD_LIST) ? env.SHARD_LIST : undefined;
      const problem = (variable: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [variable], message, input: undefined });
      if (env.SHARD_LIST !== undefined && env.SHARD_COUNT === undefined)
        problem("SHARD_LIST", "needs SHARD_COUNT: the bot's total number of shards, the same on every machine");
      if (list && count !== undefined) {
        const outside = list.filter((id) => id >= count);
        if (outside.length > 0)
          problem(
            "SHARD_LIST",
            `names ${outside.length > 1 ? "shards" : "shard"} ${formatShardList(outside)}, but SHARD_COUNT=${count} numbers the shards 0 to ${count - 1}`,
          );
      }
      const shards = list?.length ?? count;
      if (typeof env.SHARD_PROCESSES === "number" && shards !== undefined && env.SHARD_PROCESSES > shards)
        problem(
          "SHARD_PROCESSES",
          `is ${env.SHARD_PROCESSES}, more than the ${shards} shards this machine runs: each process needs a shard`,
        );
      if (list && count !== undefined && list.length < count && env.DISCORD_RATE_SHARE === undefined)
        problem(
          "DISCORD_RATE_SHARE",
          "is required when SHARD_LIST runs only some of the bot's shards: Discord's global limit is per bot, so say proxy (every machine through npm run rest-proxy) or this machine's fraction, such as 0.5",
        );
    },
    { when: () => true },
  );

export type Config = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment once. One line per problem, each naming its variable; values are never echoed,
 * so a mistyped token cannot leak into a terminal or a log.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name} ${issue.message.replace(/^Invalid input: /, "")}`;
    });
    throw new ConfigError(lines);
  }
  return Object.freeze(result.data);
}

/** The process environment, with a `.env` file in the working directory filled in underneath it when present. */
export function readEnvironment(envFile = ".env"): Record<string, string | undefined> {
  if (existsSync(envFile)) {
    process.loadEnvFile(envFile);
  }
  return process.env;
}
