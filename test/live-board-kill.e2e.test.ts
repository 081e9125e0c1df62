import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../src/db/store.js";
import { liveBoardIn, setLiveBoardIn } from "../src/live-board/store.js";
import { dailyIn } from "../src/streaks/store.js";
import { localDate } from "../src/time/index.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import { aUser, defaultGuild, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const GUILD = defaultGuild();
const BOARD = GUILD.channels[1]?.id ?? "";

async function until(condition: () => boolean | Promise<boolean>, what: string, bot?: BotProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot?.output().slice(-3000) ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the bot process killed between Discord making the live board and the database write", () => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  let discord: LoopbackDiscord | undefined;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    await store?.close();
    await database?.remove();
  });

  it("leaves exactly one message after a restart", async () => {
    discord = await LoopbackDiscord.start({ guilds: [GUILD] });
    const loopback = discord;
    database = await freshDatabase();
    const reader = await database.open();
    store = reader;
    // The child runs on the real clock: a member completed today's daily, and the live board is on.
    const now = Date.now();
    await reader.write(function* (s) {
      yield* setLiveBoardIn(s, GUILD.id, BOARD, "week");
      yield* dailyIn(s, {
        guildId: GUILD.id,
        userId: aUser(5).id,
        date: localDate(now, "UTC"),
        zone: "UTC",
        at: now,
        challengeId: "daily",
        note: null,
      });
    });
    const row = () => reader.read(liveBoardIn, GUILD.id);
    const env = {
      DISCORD_TOKEN: loopback.token,
      DISCORD_API_BASE: loopback.apiBase,
      ...database.env,
      DEFAULT_TIMEZONE: "UTC",
      LOG_LEVEL: "info",
    };

    // Discord makes the message; its answer is held until the bot is dead.
    const hold = loopback.holdAnswers("POST", `/channels/${BOARD}/messages`);
    const first = spawnBot(env);
    bots.push(first);
    await until(() => hold.held === 1, "the live board's post", first);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    hold.release();
    const made = loopback.channelMessages.get(BOARD) ?? [];
    expect(made).toHaveLength(1);
    const claimed = await row();
    expect(claimed?.messageId).toBeNull();
    expect(claimed?.nonce).toBe(made[0]?.nonce);

    const second = spawnBot(env);
    bots.push(second);
    await until(async () => (await row())?.messageId != null, "the live board recorded", second);
    expect(await second.stop("SIGTERM")).toBe(0);

    expect(loopback.channelMessages.get(BOARD)).toHaveLength(1);
    const recorded = await row();
    expect(recorded?.messageId).toBe(made[0]?.id);
    expect(recorded?.nonce).toBeNull();
    expect(String(JSON.stringify(made[0]?.embeds))).toContain(`<@${aUser(5).id}>`);
    // The second process looked in the channel's history before anything else.
    expect(
      loopback.calls.filter((c) => c.method === "GET" && c.path === `/channels/${BOARD}/messages`).length,
    ).toBeGreaterThan(0);
    expect(loopback.calls.filter((c) => c.method === "POST" && c.path === `/channels/${BOARD}/messages`)).toHaveLength(
      1,
    );
    expect(loopback.violations).toEqual([]);
  }, 180_000);
});
