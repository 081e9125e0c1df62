import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/index.js";
import { configureSchedule } from "../src/schedule/store.js";
import { isoWeekday, localDate } from "../src/time/index.js";
import { type BotProcess, spawnBot, tempDir } from "./support/harness.js";
import { LoopbackDiscord } from "./support/loopback-discord.js";
import { channelOf, manyGuilds } from "./support/schedule-rig.js";
import { wallClock } from "./support/wall-clock.js";

const GUILDS = 500;

async function until(condition: () => boolean, timeoutMs: number, what: string, bot?: BotProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot?.output().slice(-3000) ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the bot process killed in the middle of a fan-out to 500 servers", () => {
  const dir = tempDir();
  const databasePath = join(dir.path, "gradient.sqlite");
  const guilds = manyGuilds(GUILDS);
  let discord: LoopbackDiscord;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    dir.remove();
  });

  it("leaves every server with exactly one post and one thread after a restart", async () => {
    // Each request spends 150 ms at "Discord", so several are always in flight when the kill lands.
    discord = await LoopbackDiscord.start({ guilds, latencyMs: 150 });
    // The child runs on the real clock, so the schedules are made due a minute ago in real time.
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const setup = openDatabase(databasePath);
    for (const guild of guilds) {
      configureSchedule(
        setup,
        {
          guildId: guild.id,
          kind: "weekly",
          channelId: channelOf(guild),
          weekday: isoWeekday(localDate(due, "UTC")),
          time: wallClock(due, "UTC").time,
          thread: true,
          roleId: null,
          updatedBy: null,
        },
        new Date(due.getTime() - 3_600_000),
      );
    }
    setup.close();
    const slots = () => {
      const db = new Database(databasePath, { readonly: true });
      try {
        return db.prepare("SELECT status, count(*) AS n FROM schedule_slots GROUP BY status").all() as {
          status: string;
          n: number;
        }[];
      } finally {
        db.close();
      }
    };
    const count = (status: string) => slots().find((s) => s.status === status)?.n ?? 0;
    const postedChannels = () =>
      guilds.filter((g) => (discord.channelMessages.get(channelOf(g))?.length ?? 0) > 0).length;
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_PATH: databasePath,
      DEFAULT_TIMEZONE: "UTC",
      LOG_LEVEL: "info",
    };

    const first = spawnBot(env);
    bots.push(first);
    await first.waitForOutput(/"msg":"ready"/, 60_000);
    await until(() => postedChannels() >= 150, 60_000, "150 posts", first);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    // Let the requests that were on the wire land (or not) at Discord.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Claimed without a message id (the post may exist) or posted without its thread yet.
    const claimedAtKill = count("claimed");
    const interrupted = claimedAtKill + count("posted");
    expect(interrupted).toBeGreaterThan(0);
    expect(count("sent")).toBeLessThan(GUILDS);

    const second = spawnBot(env);
    bots.push(second);
    await until(() => count("sent") === GUILDS, 90_000, "every slot sent", second);
    expect(await second.stop("SIGTERM")).toBe(0);

    for (const guild of guilds) {
      expect(discord.channelMessages.get(channelOf(guild)), guild.id).toHaveLength(1);
      expect(
        discord.threads.filter((t) => t.parent_id === channelOf(guild)),
        guild.id,
      ).toHaveLength(1);
    }
    expect(slots()).toEqual([{ status: "sent", n: GUILDS }]);
    // Each claim of unknown outcome was settled by looking in its channel first.
    const historyReads = discord.calls.filter((c) => c.method === "GET" && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(historyReads).toHaveLength(claimedAtKill);
    expect(second.output()).toContain('"msg":"ready"');
    expect(discord.violations).toEqual([]);
  }, 180_000);
});
