import { setTimeout as sleep } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all, type Store } from "../src/db/store.js";
import { setGuildTimezone, zoneIn } from "../src/settings/index.js";
import { rebuildBoards } from "../src/streaks/boards.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin } from "./support/admin.js";
import { boardRows, seedBigServer } from "./support/big-server.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { manyGuilds } from "./support/schedule-rig.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

/**
 * On PostgreSQL every statement is a round trip, and the full rebuild that checks the boards runs one member at a
 * time: a smaller server keeps the file within its timeouts there, still many slices long.
 */
const MEMBERS = ENGINE === "postgres" ? 4_000 : 20_000;

describe(`/config timezone on a server of ${MEMBERS.toLocaleString("en-US")} members`, () => {
  const [big, other] = manyGuilds(2) as [ReturnType<typeof manyGuilds>[number], ReturnType<typeof manyGuilds>[number]];
  const clock = new ManualClock("2026-03-06T02:00:00Z");
  const content = makeLibrary([4, 5, 3]);
  let database: TestDatabase;
  /** A connection of the test's own, reading the database as an operator would. */
  let operator: Store;
  let discord: LoopbackDiscord;
  let t: TestBot | undefined;

  const rebuildPending = async () =>
    (
      await operator.read(function* (s) {
        const rebuilds = s.t.boardRebuilds;
        return yield* all(s.db.select().from(rebuilds).where(eq(rebuilds.guildId, big.id)));
      })
    ).length > 0;
  const completionsOf = (guildId: string, userId: string) =>
    operator.read(function* (s) {
      const { completions } = s.t;
      return yield* all(
        s.db
          .select({ id: completions.id })
          .from(completions)
          .where(and(eq(completions.guildId, guildId), eq(completions.userId, userId))),
      );
    });
  async function untilRebuilt(timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (await rebuildPending()) {
      if (Date.now() > deadline) throw new Error("the leaderboards were never rebuilt");
      await sleep(25);
    }
  }
  /** The big server's boards, then as a full rebuild leaves them. */
  async function againstFullRebuild(bot: TestBot) {
    const { ctx } = bot.bot;
    const kept = await boardRows(ctx.store, big.id);
    await rebuildBoards(ctx, big.id, clock.now().getTime(), (s, userId) =>
      zoneIn(s, ctx.config.DEFAULT_TIMEZONE, big.id, userId),
    );
    return { kept, rebuilt: await boardRows(ctx.store, big.id) };
  }

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [big, other] });
    database = await freshDatabase();
    operator = await database.open();
    t = await startTestBot({ discord, database, clock, content });
    const { ctx } = t.bot;
    await setGuildTimezone(ctx, big.id, "Europe/London");
    await seedBigServer(ctx.store, big.id, MEMBERS);
    await rebuildBoards(ctx, big.id, clock.now().getTime(), (s, userId) =>
      zoneIn(s, ctx.config.DEFAULT_TIMEZONE, big.id, userId),
    );
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await discord.close();
    await operator.close();
    await database.remove();
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
    expect(await rebuildPending()).toBe(true);
    expect(await completionsOf(other.id, member.id)).toHaveLength(1);

    await untilRebuilt();
    const { kept, rebuilt } = await againstFullRebuild(bot);
    expect(kept).toEqual(rebuilt);
    expect(discord.violations).toEqual([]);
  }, 60_000);

  it("finishes the leaderboards at the next start when Gradient stopped mid-way, equal to a full rebuild", async () => {
    await asAdmin(discord, big.id, "config", "timezone", { zone: "America/Chicago" });
    await t?.stop();
    t = undefined;
    expect(await rebuildPending()).toBe(true);

    t = await startTestBot({ discord, database, clock, content });
    await untilRebuilt();
    const { kept, rebuilt } = await againstFullRebuild(t);
    expect(kept).toEqual(rebuilt);
    expect(discord.violations).toEqual([]);
  }, 60_000);
});
