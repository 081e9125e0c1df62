import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "../src/db/store.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";
import { type Cluster, startCluster } from "./support/postgres.js";
import { ENGINE, type TestDatabase } from "./support/store.js";

/**
 * PostgreSQL going away under load. This file runs on the postgres project only, on a cluster of its own, since
 * it restarts the server.
 */
describe.skipIf(ENGINE !== "postgres")("PostgreSQL restarted while members press done", () => {
  let cluster: Cluster;
  let t: TestBot;
  const today = [{ type: 1, name: "today", options: [] }];
  const done = [{ type: 1, name: "done", options: [] }];

  beforeAll(async () => {
    cluster = await startCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE gradient");
    await admin.end();
    const database: TestDatabase = {
      env: { DATABASE_URL: cluster.url("gradient") },
      open: () => Promise.reject(new Error("not used")),
      remove: async () => undefined,
    };
    // A library without checked answers, so /challenge done records a completion.
    t = await startTestBot({ content: makeLibrary([4, 5, 3]), database });
    await t.discord.reply(t.discord.slash("challenge", today, { user: aUser(1) }));
  });

  afterAll(async () => {
    await t?.stop();
    cluster?.stop();
  });

  const recorded = async () =>
    new Set(
      (
        await t.bot.ctx.store.read(function* (s) {
          return yield* rows<{ user_id: string }>(sql`SELECT user_id FROM ${s.t.completions}`);
        })
      ).map((r) => r.user_id),
    );

  it("answers every member (recorded, or busy with nothing recorded), loses no acknowledged completion, and reconnects by itself", async () => {
    const members = Array.from({ length: 80 }, (_, i) => aUser(100 + i));
    const answers: Promise<{ id: string; content: string }>[] = [];
    let restart: Promise<void> | undefined;
    for (const [i, member] of members.entries()) {
      answers.push(
        t.discord
          .reply(t.discord.slash("challenge", done, { user: member }), { timeoutMs: 8000 })
          .then((a) => ({ id: member.id, content: String(a.final.content) })),
      );
      if (i === 20) restart = cluster.ctl("restart", "-m", "fast");
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const settled = await Promise.all(answers);
    await restart;
    const busy = settled.filter((a) => /busy.*nothing was recorded/i.test(a.content));
    const ok = settled.filter((a) => !busy.includes(a));
    const stored = await recorded();
    for (const a of ok) expect(stored.has(a.id), `${a.id} was told "${a.content.slice(0, 60)}"`).toBe(true);
    for (const a of busy) expect(stored.has(a.id), `${a.id} was told busy but was recorded`).toBe(false);
    expect(ok.length).toBeGreaterThan(0);

    // After the restart, without restarting the bot: a new member's done is recorded.
    const late = aUser(999);
    const answer = await t.discord.reply(t.discord.slash("challenge", done, { user: late }), { timeoutMs: 8000 });
    expect(String(answer.final.content)).not.toMatch(/busy/i);
    expect((await recorded()).has(late.id)).toBe(true);
    expect(t.discord.violations).toEqual([]);
  }, 60_000);
});
