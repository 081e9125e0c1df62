import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../src/db/store.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { holdWriteLock } from "./support/locks.js";
import { aUser } from "./support/loopback-discord.js";

describe("the database write lock held by another process", () => {
  let t: TestBot;
  const today = [{ type: 1, name: "today", options: [] }];
  const done = [{ type: 1, name: "done", options: [] }];
  const completionsOf = async (userId: string) =>
    (
      await t.bot.ctx.store.read(function* (s) {
        const { completions } = s.t;
        return yield* get(s.db.select({ n: count() }).from(completions).where(eq(completions.userId, userId)));
      })
    )?.n;

  beforeAll(async () => {
    // A library without checked answers, so /challenge done writes a completion.
    t = await startTestBot({ content: makeLibrary([4, 5, 3]) });
    // Today's challenge is stored by the first ask; after that, /challenge today only reads.
    await t.discord.reply(t.discord.slash("challenge", today, { user: aUser(1) }));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it("for 7 s: reads are answered within 100 ms, and /challenge done says busy within 3 s, recording nothing", async () => {
    const holder = await holdWriteLock(t.database, 7000);
    const member = aUser(2);
    const doneAt = Date.now();
    const write = t.discord.reply(t.discord.slash("challenge", done, { user: member }), { timeoutMs: 4000 });
    const readTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await t.discord.reply(t.discord.slash("challenge", today, { user: aUser(10 + i) }));
      readTimes.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const answer = await write;
    const writeMs = Date.now() - doneAt;
    expect(Math.max(...readTimes), `reads took ${readTimes.join(", ")} ms`).toBeLessThan(100);
    expect(writeMs).toBeLessThan(3000);
    expect(String(answer.final.content)).toMatch(/busy.*nothing was recorded.*try again in a moment/i);
    expect(answer.final.flags).toBe(64);
    await holder.released;
    expect(await completionsOf(member.id)).toBe(0);
    expect(t.discord.violations).toEqual([]);
  }, 20_000);

  it("for 1 s: /challenge done waits it out on timers and is recorded, answered inside 3 s", async () => {
    const holder = await holdWriteLock(t.database, 1000);
    const member = aUser(3);
    const started = Date.now();
    const answer = await t.discord.reply(t.discord.slash("challenge", done, { user: member }), { timeoutMs: 4000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(String(answer.final.content)).not.toMatch(/busy/i);
    expect(await completionsOf(member.id)).toBe(1);
    await holder.released;
    expect(t.discord.violations).toEqual([]);
  }, 20_000);
});
