import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config/index.js";
import { REDACTED_PATHS } from "../src/log.js";
import { spawnBot } from "./support/harness.js";

describe("configuration", () => {
  it("refuses to start without DISCORD_TOKEN, naming the variable, exit code 1, no stack trace", async () => {
    const bot = spawnBot({ DATABASE_PATH: ":memory:" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/^\s*DISCORD_TOKEN is required/m);
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  it("refuses DEFAULT_TIMEZONE=Mars/Olympus with one line naming the variable, without echoing the token", async () => {
    const bot = spawnBot({ DISCORD_TOKEN: "secret-token-value", DEFAULT_TIMEZONE: "Mars/Olympus" });
    expect(await bot.exited).toBe(1);
    const lines = bot.output().trim().split("\n");
    expect(lines.filter((l) => l.includes("DEFAULT_TIMEZONE"))).toHaveLength(1);
    expect(bot.output()).toContain("Mars/Olympus");
    expect(bot.output()).not.toContain("secret-token-value");
  });

  it("reports every bad variable at once, one line each", () => {
    try {
      parseConfig({ DISCORD_TOKEN: "", DISCORD_API_BASE: "ftp://x", LOG_LEVEL: "loud", DEV_GUILD_ID: "12" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).lines;
      expect(lines.map((l) => l.split(" ")[0]).sort()).toEqual([
        "DEV_GUILD_ID",
        "DISCORD_API_BASE",
        "DISCORD_TOKEN",
        "LOG_LEVEL",
      ]);
    }
  });

  it("refuses bad SHARD_PROCESSES, METRICS_PORT and METRICS_HOST with one line each", () => {
    try {
      parseConfig({ DISCORD_TOKEN: "t", SHARD_PROCESSES: "0", METRICS_PORT: "http", METRICS_HOST: "a b" });
      expect.unreachable();
    } catch (error) {
      const lines = (error as ConfigError).lines;
      expect(lines.map((l) => l.split(" ")[0]).sort()).toEqual(["METRICS_HOST", "METRICS_PORT", "SHARD_PROCESSES"]);
    }
  });

  it("runs one process with metrics off by default, bound to 127.0.0.1 when a port is given", () => {
    expect(parseConfig({ DISCORD_TOKEN: "t" })).toMatchObject({
      METRICS_HOST: "127.0.0.1",
      DISCORD_GLOBAL_RATE_LIMIT: 50,
    });
    expect(parseConfig({ DISCORD_TOKEN: "t" }).SHARD_PROCESSES).toBeUndefined();
    expect(parseConfig({ DISCORD_TOKEN: "t" }).METRICS_PORT).toBeUndefined();
    expect(parseConfig({ DISCORD_TOKEN: "t", SHARD_PROCESSES: "4", METRICS_PORT: "9464" })).toMatchObject({
      SHARD_PROCESSES: 4,
      METRICS_PORT: 9464,
    });
  });

  it("fills sensible defaults and freezes the result", () => {
    const config = parseConfig({ DISCORD_TOKEN: "t" });
    expect(config).toMatchObject({
      DISCORD_API_BASE: "https://discord.com/api",
      DATABASE_PATH: "./data/gradient.sqlite",
      LOG_LEVEL: "info",
      DEFAULT_TIMEZONE: "UTC",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("treats empty values as unset, as an .env copied from .env.example leaves them", () => {
    const config = parseConfig({ DISCORD_TOKEN: "t", DEV_GUILD_ID: "", DEFAULT_TIMEZONE: "", DISCORD_API_BASE: " " });
    expect(config.DEV_GUILD_ID).toBeUndefined();
    expect(config.DEFAULT_TIMEZONE).toBe("UTC");
  });

  it("never logs the token: pino itself redacts it wherever a config, environment or request carries it", () => {
    const lines: string[] = [];
    const log = pino(
      { redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
      { write: (l: string) => lines.push(l) },
    );
    log.info({ config: { DISCORD_TOKEN: "sekrit" }, env: { DISCORD_TOKEN: "sekrit" }, token: "sekrit" }, "a");
    log.info({ request: { headers: { Authorization: "Bot sekrit" } } }, "b");
    expect(lines.join("")).not.toContain("sekrit");
    expect(lines.join("")).toContain("[redacted]");
  });
});
