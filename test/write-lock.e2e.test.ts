import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLibrary } from "./fixtures/library.js";
import { ROOT, startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";

/** Another process (an operator's script, a second shard process) holding the database's write lock for `ms`. */
async function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<unknown> }> {
  const script = `const db = new (require("better-sqlite3"))(process.argv[1]);
db.exec("BEGIN IMMEDIATE"); console.log("locked");
setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ["-e", script, path, String(ms)], { cwd: ROOT });
  const released = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return { released };
}

describe("the database write lock held by another process", () => {
  let t: TestBot;
  const today = [{ type: 1, name: "today", options: [] }];
  const done = [{ type: 1, name: "done", options: [] }];
  const completionsOf = (userId: string) => {
    const db = new Database(t.databasePath, { readonly: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM completions WHERE user_id = ?").get(userId) as { n: number }).n;
    } finally {
      db.close();
    }
  };

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
    const holder = await holdWriteLock(t.databasePath, 7000);
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
    expect(completionsOf(member.id)).toBe(0);
    expect(t.discord.violations).toEqual([]);
  }, 20_000);

  it("for 1 s: /challenge done waits it out on timers and is recorded, answered inside 3 s", async () => {
    const holder = await holdWriteLock(t.databasePath, 1000);
    const member = aUser(3);
    const started = Date.now();
    const answer = await t.discord.reply(t.discord.slash("challenge", done, { user: member }), { timeoutMs: 4000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(String(answer.final.content)).not.toMatch(/busy/i);
    expect(completionsOf(member.id)).toBe(1);
    await holder.released;
    expect(t.discord.violations).toEqual([]);
  }, 20_000);
});
