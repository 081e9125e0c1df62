import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pacerShare, processRate } from "../src/bot.js";
import { ConfigError, parseConfig } from "../src/config/index.js";
import { formatShardList, parseShardList } from "../src/config/shard-list.js";
import { rows } from "../src/db/store.js";
import { describeShards, guildOnShards, machinePlan, planForProcess, shardOf } from "../src/discord/shards.js";
import { childShardPlan, configEnvironment, SHARD_COUNT_ENV } from "../src/shard-plan.js";
import { ROOT } from "./support/harness.js";
import { spreadGuilds } from "./support/schedule-rig.js";
import { freshStore } from "./support/store.js";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig({ DISCORD_TOKEN: "t", ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.lines;
    throw error;
  }
  return [];
}

describe("SHARD_COUNT and SHARD_LIST", () => {
  it("reads a range, a comma list, or both, as sorted shard ids", () => {
    const share = { DISCORD_RATE_SHARE: "proxy" };
    expect(parseConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "8", SHARD_LIST: "0-3", ...share }).SHARD_LIST).toEqual([
      0, 1, 2, 3,
    ]);
    expect(parseConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "8", SHARD_LIST: "5, 0,2", ...share }).SHARD_LIST).toEqual([
      0, 2, 5,
    ]);
    expect(
      parseConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "16", SHARD_LIST: "10-11,0-3,8", ...share }).SHARD_LIST,
    ).toEqual([0, 1, 2, 3, 8, 10, 11]);
    // The whole count on one machine needs no list and no share.
    expect(parseConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "4" })).toMatchObject({ SHARD_COUNT: 4 });
    expect(parseConfig({ DISCORD_TOKEN: "t", SHARD_COUNT: "4", SHARD_LIST: "0-3" }).SHARD_LIST).toEqual([0, 1, 2, 3]);
  });

  it("reads an .env copied from .env.example (the new variables left empty) as a bot on one machine", () => {
    const env = parseEnv(readFileSync(join(ROOT, ".env.example"), "utf8"));
    const config = parseConfig({ ...env, DISCORD_TOKEN: "t" });
    expect(machinePlan(config)).toBeUndefined();
    expect(config.DISCORD_RATE_SHARE).toBeUndefined();
    expect(config).toMatchObject({ REST_PROXY_HOST: "127.0.0.1", REST_PROXY_PORT: 8080 });
  });

  it("leaves everything as it was without them: no count, no list, the whole limit", () => {
    const config = parseConfig({ DISCORD_TOKEN: "t" });
    expect(config.SHARD_COUNT).toBeUndefined();
    expect(config.SHARD_LIST).toBeUndefined();
    expect(config.DISCORD_RATE_SHARE).toBeUndefined();
    expect(machinePlan(config)).toBeUndefined();
    expect(processRate(config)).toBe(50);
    expect(config).toMatchObject({ REST_PROXY_HOST: "127.0.0.1", REST_PROXY_PORT: 8080 });
  });

  it("refuses each kind of bad list with one line naming SHARD_LIST", () => {
    const share = { SHARD_COUNT: "8", DISCORD_RATE_SHARE: "0.5" };
    expect(problems({ SHARD_LIST: "0-3" })).toEqual([
      "SHARD_LIST needs SHARD_COUNT: the bot's total number of shards, the same on every machine",
    ]);
    expect(problems({ ...share, SHARD_LIST: "0-3,x" })).toEqual([
      "SHARD_LIST has 'x', which is neither a shard id nor a range: write ids and ranges such as 0-3 or 0,2,5",
    ]);
    expect(problems({ ...share, SHARD_LIST: "0-3,2-5" })).toEqual([
      "SHARD_LIST names shard 2 twice: each shard belongs to the list once",
    ]);
    expect(problems({ ...share, SHARD_LIST: "5-3" })).toEqual([
      "SHARD_LIST has the range 5-3, which runs backwards: write 3-5",
    ]);
    expect(problems({ ...share, SHARD_LIST: "6-9,12" })).toEqual([
      "SHARD_LIST names shards 8-9,12, but SHARD_COUNT=8 numbers the shards 0 to 7",
    ]);
    expect(problems({ ...share, SHARD_LIST: "0,,1" })[0]).toMatch(/^SHARD_LIST has '', which is neither/);
    expect(problems({ SHARD_COUNT: "0" })).toEqual([
      "SHARD_COUNT must be a whole number of shards between 1 and 65536",
    ]);
    expect(problems({ SHARD_COUNT: "two" })).toEqual([
      "SHARD_COUNT must be a whole number of shards between 1 and 65536",
    ]);
  });

  it("says every problem at once, one line each, with the variable first", () => {
    const lines = problems({
      SHARD_LIST: "0-1",
      SHARD_PROCESSES: "3",
      METRICS_PORT: "http",
      DISCORD_RATE_SHARE: "all",
    });
    expect(lines.map((l) => l.split(" ")[0]).sort()).toEqual([
      "DISCORD_RATE_SHARE",
      "METRICS_PORT",
      "SHARD_LIST",
      "SHARD_PROCESSES",
    ]);
    // Once the count is there, the processes are held to the machine's shards.
    expect(problems({ SHARD_COUNT: "8", SHARD_LIST: "0-1", SHARD_PROCESSES: "3", DISCORD_RATE_SHARE: "0.25" })).toEqual(
      ["SHARD_PROCESSES is 3, more than the 2 shards this machine runs: each process needs a shard"],
    );
  });

  it("requires DISCORD_RATE_SHARE when the machine runs only some shards: the global limit is per bot", () => {
    expect(problems({ SHARD_COUNT: "8", SHARD_LIST: "0-3" })).toEqual([
      "DISCORD_RATE_SHARE is required when SHARD_LIST runs only some of the bot's shards: Discord's global limit is per bot, so say proxy (every machine through npm run rest-proxy) or this machine's fraction, such as 0.5",
    ]);
    for (const bad of ["0", "1.5", "-0.5", "half", "1/2"])
      expect(problems({ DISCORD_RATE_SHARE: bad }), bad).toEqual([
        "DISCORD_RATE_SHARE must be proxy (every machine goes through npm run rest-proxy) or a fraction above 0 up to 1",
      ]);
    expect(parseConfig({ DISCORD_TOKEN: "t", DISCORD_RATE_SHARE: " Proxy " }).DISCORD_RATE_SHARE).toBe("proxy");
    expect(parseConfig({ DISCORD_TOKEN: "t", DISCORD_RATE_SHARE: ".25" }).DISCORD_RATE_SHARE).toBe(0.25);
  });
});

describe("a machine's shards and its processes", () => {
  it("splits the machine's list over SHARD_PROCESSES, every N-th shard from the i-th", () => {
    const machine = { ids: [4, 5, 6, 7, 8], count: 12 };
    expect([0, 1].map((i) => planForProcess(i, 2, machine).ids)).toEqual([
      [4, 6, 8],
      [5, 7],
    ]);
    // The whole bot on one machine: process i runs the ids equal to i modulo N, as before.
    const all = { ids: [0, 1, 2, 3, 4], count: 5 };
    expect([0, 1, 2].map((i) => planForProcess(i, 3, all).ids)).toEqual([[0, 3], [1, 4], [2]]);
    expect(describeShards(machine)).toBe("shards 4-8 of 12");
  });

  it("gives a ShardingManager child the real count back, and its share of the machine's list", () => {
    // discord.js sets SHARD_COUNT to its number of processes in each child's environment.
    const childEnv = {
      DISCORD_TOKEN: "t",
      SHARDING_MANAGER: "true",
      SHARDS: "1",
      SHARD_COUNT: "2",
      [SHARD_COUNT_ENV]: "8",
      SHARD_LIST: "4-7",
      SHARD_PROCESSES: "2",
      DISCORD_RATE_SHARE: "proxy",
    };
    const config = parseConfig(configEnvironment(childEnv));
    expect(config.SHARD_COUNT).toBe(8);
    expect(childShardPlan(config, childEnv)).toEqual({ ids: [5, 7], count: 8 });
    // Without SHARD_COUNT the manager's count is the machine's whole bot.
    const { SHARD_LIST: _list, DISCORD_RATE_SHARE: _share, ...whole } = childEnv;
    expect(childShardPlan(parseConfig(configEnvironment(whole)), whole)).toEqual({ ids: [1, 3, 5, 7], count: 8 });
    // Outside a manager the environment is read as it is.
    expect(configEnvironment({ SHARD_COUNT: "8", [SHARD_COUNT_ENV]: "3" }).SHARD_COUNT).toBe("8");
  });

  it("writes lists back as SHARD_LIST does", () => {
    expect(formatShardList([8, 0, 1, 2, 3, 10, 11])).toBe("0-3,8,10-11");
    expect(formatShardList([5])).toBe("5");
    expect(parseShardList(formatShardList([0, 2, 3, 4, 9]))).toEqual({ ids: [0, 2, 3, 4, 9] });
  });

  it("paces each process at its share, or at the whole limit behind the REST proxy", () => {
    const rate = (env: Record<string, string>) => processRate(parseConfig({ DISCORD_TOKEN: "t", ...env }));
    expect(rate({})).toBe(50);
    expect(rate({ SHARD_PROCESSES: "2" })).toBe(25);
    expect(rate({ DISCORD_RATE_SHARE: "0.5", SHARD_PROCESSES: "2" })).toBe(12.5);
    expect(rate({ DISCORD_RATE_SHARE: "proxy", SHARD_PROCESSES: "4" })).toBe(50);
    // The pacer keeps its margin: the rate's requests per 1.1 s.
    expect(pacerShare(parseConfig({ DISCORD_TOKEN: "t" }))).toEqual({ limit: 50, windowMs: 1100 });
    expect(pacerShare(parseConfig({ DISCORD_TOKEN: "t", DISCORD_RATE_SHARE: "0.5" }))).toEqual({
      limit: 25,
      windowMs: 1100,
    });
  });

  it("picks a machine's servers in the database by Discord's formula, on this run's engine", async () => {
    const guilds = spreadGuilds(40).map((g) => g.id);
    const plan = { ids: [1, 3], count: 4 };
    const { store, close } = await freshStore();
    try {
      const picked = await store.read(function* (_s) {
        const values = sql.join(
          guilds.map((id) => sql`(${id})`),
          sql`, `,
        );
        return yield* rows<{ guild_id: string }>(
          sql`WITH g(guild_id) AS (VALUES ${values}) SELECT guild_id FROM g WHERE ${guildOnShards(sql.raw("guild_id"), plan)} ORDER BY guild_id`,
        );
      });
      const expected = guilds.filter((id) => plan.ids.includes(shardOf(id, plan.count))).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(picked.map((r) => r.guild_id)).toEqual(expected);
    } finally {
      await close();
    }
  });
});
