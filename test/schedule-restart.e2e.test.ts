import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { getSlot } from "../src/schedule/store.js";
import { asAdmin, fieldOf } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

describe("restarts around a weekly slot (Monday 09:00 UTC)", () => {
  let database: TestDatabase;
  const clock = new ManualClock("2026-03-02T08:00:00Z");
  let discord: LoopbackDiscord;
  let running: TestBot | undefined;
  const channel = () => discord.guild.channels[1]?.id ?? "";
  const posts = () => discord.channelMessages.get(channel()) ?? [];

  /** Starts the bot on the same database and Discord, lets its start-up catch-up finish, and stops it. */
  async function runOnce(): Promise<TestBot> {
    running = await startTestBot({ discord, database, clock });
    await running.bot.scheduler.idle();
    return running;
  }
  async function stop() {
    await running?.stop();
    running = undefined;
  }

  beforeAll(async () => {
    discord = await LoopbackDiscord.start();
    database = await freshDatabase();
    const t = await runOnce();
    await asAdmin(discord, discord.guild.id, "config", "weekly", { channel: channel(), day: "mon", time: "09:00" });
    expect(t.bot.ctx.schedule).toBe(t.bot.scheduler);
    await stop();
  });

  afterAll(async () => {
    await stop();
    await discord.close();
    await database.remove();
  });

  it("posts exactly once when the bot comes back within the catch-up window", async () => {
    clock.set("2026-03-02T14:00:00Z");
    await runOnce();
    await stop();
    expect(posts()).toHaveLength(1);
  });

  it("posts nothing more over two further restarts", async () => {
    await runOnce();
    await stop();
    clock.set("2026-03-02T20:30:00Z");
    await runOnce();
    await stop();
    expect(posts()).toHaveLength(1);
  });

  it("posts nothing when it comes back after the window, records the slot as missed and says so", async () => {
    clock.set("2026-03-09T21:01:00Z");
    const t = await runOnce();
    expect(posts()).toHaveLength(1);
    expect(await getSlot(t.bot.ctx, discord.guild.id, "weekly", "2026-W11")).toMatchObject({ status: "missed" });
    const show = await asAdmin(discord, discord.guild.id, "config", "show");
    expect(fieldOf(show, "Weekly study prompt")).toMatch(/2026-W11 was \*\*missed\*\*/);
    await stop();
    // The next week goes ahead as usual.
    clock.set("2026-03-16T09:30:00Z");
    await runOnce();
    await stop();
    expect(posts()).toHaveLength(2);
  });

  it("sent nothing outside Discord's limits", () => {
    expect(discord.violations).toEqual([]);
  });
});
