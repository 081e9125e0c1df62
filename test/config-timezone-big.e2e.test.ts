import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { setGuildTimezoneSync, zoneIn } from "../src/settings/index.js";
import { rebuildBoards } from "../src/streaks/boards.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin } from "./support/admin.js";
import { boardRows, seedBigServer } from "./support/big-server.js";
import { startTestBot, type TestBot, tempDir } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { manyGuilds } from "./support/schedule-rig.js";

describe("/config timezone on a server of 20,000 members", () => {
  const [big, other] = manyGuilds(2) as [ReturnType<typeof manyGuilds>[number], ReturnType<typeof manyGuilds>[number]];
  const clock = new ManualClock("2026-03-06T02:00:00Z");
  const content = makeLibrary([4, 5, 3]);
  const dir = tempDir();
  const databasePath = join(dir.path, "gradient.sqlite");
  let discord: LoopbackDiscord;
  let t: TestBot | undefined;

  /** Read from the file with a connection of the test's own, as an operator would. */
  const query = (sql: string, ...args: unknown[]) => {
    const db = new Database(databasePath, { readonly: true });
    try {
      return db.prepare(sql).all(...args) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  const rebuildPending = () => query("SELECT after FROM board_rebuilds WHERE guild_id = ?", big.id).length > 0;
  async function untilRebuilt(timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (rebuildPending()) {
      if (Date.now() > deadline) throw new Error("the leaderboards were never rebuilt");
      await sleep(25);
    }
  }
  /** The big server's boards, then as a full rebuild leaves them. */
  async function againstFullRebuild(bot: TestBot) {
    const { ctx } = bot.bot;
    const kept = boardRows(ctx.db.$client, big.id);
    await rebuildBoards(ctx, big.id, clock.now().getTime(), (s, userId) =>
      zoneIn(s, ctx.config.DEFAULT_TIMEZONE, big.id, userId),
    );
    return { kept, rebuilt: boardRows(ctx.db.$client, big.id) };
  }

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [big, other] });
    t = await startTestBot({ discord, databasePath, clock, content });
    const { ctx } = t.bot;
    setGuildTimezoneSync(ctx, big.id, "Europe/London");
    seedBigServer(ctx.db.$client, big.id, 20_000);
    await rebuildBoards(ctx, big.id, clock.now().getTime(), (s, userId) =>
      zoneIn(s, ctx.config.DEFAULT_TIMEZONE, big.id, userId),
    );
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await discord.close();
    dir.remove();
  });

  it("answers within 3 s that the leaderboards are being updated, and /challenge done in another server is recorded meanwhile", async () => {
    const bot = t as TestBot;
    const started = Date.now();
    const answer = await asAdmin(discord, big.id, "config", "timezone", { zone: "Pacific/Honolulu" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.final.flags).toBe(64);
    expect(answer.final.content).toContain("This server's time zone is now **Pacific/Honolulu**.");
    expect(answer.final.content).toMatch(/\nThe leaderboards are being updated; this takes about \d+(s|m)\./);

    const member = aUser(7);
    const done = await discord.reply(
      discord.slash("challenge", [{ type: 1, name: "done", options: [] }], { guildId: other.id, user: member }),
    );
    expect(String(done.final.content)).not.toMatch(/busy|sorry/i);
    expect(rebuildPending()).toBe(true);
    expect(query("SELECT 1 FROM completions WHERE guild_id = ? AND user_id = ?", other.id, member.id)).toHaveLength(1);

    await untilRebuilt();
    const { kept, rebuilt } = await againstFullRebuild(bot);
    expect(kept).toEqual(rebuilt);
    expect(discord.violations).toEqual([]);
  }, 60_000);

  it("finishes the leaderboards at the next start when Gradient stopped mid-way, equal to a full rebuild", async () => {
    await asAdmin(discord, big.id, "config", "timezone", { zone: "America/Chicago" });
    await t?.stop();
    t = undefined;
    expect(rebuildPending()).toBe(true);

    t = await startTestBot({ discord, databasePath, clock, content });
    await untilRebuilt();
    const { kept, rebuilt } = await againstFullRebuild(t);
    expect(kept).toEqual(rebuilt);
    expect(discord.violations).toEqual([]);
  }, 60_000);
});
