import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../src/db/store.js";
import { configureScheduleIn } from "../src/schedule/store.js";
import { isoWeekday, localDate } from "../src/time/index.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import { LoopbackDiscord } from "./support/loopback-discord.js";
import { channelOf, manyGuilds, slotStatusesIn } from "./support/schedule-rig.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";
import { wallClock } from "./support/wall-clock.js";

const GUILDS = 500;

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  bot?: BotProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot?.output().slice(-3000) ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the bot process killed in the middle of a fan-out to 500 servers", () => {
  let database: TestDatabase | undefined;
  /** The test's own connection, reading what the bot processes wrote. */
  let store: Store | undefined;
  const guilds = manyGuilds(GUILDS);
  let discord: LoopbackDiscord;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    await store?.close();
    await database?.remove();
  });

  it("leaves every server with exactly one post and one thread after a restart", async () => {
    // Each request spends 150 ms at "Discord", so several are always in flight when the kill lands.
    discord = await LoopbackDiscord.start({ guilds, latencyMs: 150 });
    // The child runs on the real clock, so the schedules are made due a minute ago in real time.
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    database = await freshDatabase();
    const reader = await database.open();
    store = reader;
    await reader.write(function* (s) {
      for (const guild of guilds) {
        yield* configureScheduleIn(
          s,
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
    });
    const slots = () => reader.read(slotStatusesIn);
    const count = async (status: string) => (await slots()).find((s) => s.status === status)?.n ?? 0;
    const postedChannels = () =>
      guilds.filter((g) => (discord.channelMessages.get(channelOf(g))?.length ?? 0) > 0).length;
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      ...database.env,
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
    const claimedAtKill = await count("claimed");
    const interrupted = claimedAtKill + (await count("posted"));
    expect(interrupted).toBeGreaterThan(0);
    expect(await count("sent")).toBeLessThan(GUILDS);

    const second = spawnBot(env);
    bots.push(second);
    await until(async () => (await count("sent")) === GUILDS, 90_000, "every slot sent", second);
    expect(await second.stop("SIGTERM")).toBe(0);

    for (const guild of guilds) {
      expect(discord.channelMessages.get(channelOf(guild)), guild.id).toHaveLength(1);
      expect(
        discord.threads.filter((t) => t.parent_id === channelOf(guild)),
        guild.id,
      ).toHaveLength(1);
    }
    expect(await slots()).toEqual([{ status: "sent", n: GUILDS }]);
    // Each claim of unknown outcome was settled by looking in its channel first.
    const historyReads = discord.calls.filter((c) => c.method === "GET" && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(historyReads).toHaveLength(claimedAtKill);
    expect(second.output()).toContain('"msg":"ready"');
    expect(discord.violations).toEqual([]);
  }, 180_000);
});
