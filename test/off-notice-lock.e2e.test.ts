import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/db/store.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";
import { ENGINE, type TestDatabase } from "./support/store.js";

/**
 * Another connection that can hold the write lock: SQLite's own (BEGIN IMMEDIATE), or on PostgreSQL an EXCLUSIVE
 * lock on the reminders table, which, like SQLite's, lets reads through and holds writes.
 */
async function anotherConnection(database: TestDatabase) {
  if (ENGINE === "sqlite") {
    const sqlite = new Database(database.env.DATABASE_PATH);
    return {
      take: async () => void sqlite.exec("BEGIN IMMEDIATE"),
      release: async () => void sqlite.exec("COMMIT"),
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  return {
    take: async () => void (await client.query("BEGIN; LOCK TABLE reminders IN EXCLUSIVE MODE")),
    release: async () => void (await client.query("COMMIT")),
    close: () => client.end(),
  };
}

describe("a reminder-off notice owed while another process holds the write lock", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("the member's command is answered with no 'database busy' follow-up, and the notice comes with their next command", async () => {
    const guildId = t.discord.guild.id;
    const member = aUser(41, "quiet");
    const as = { guildId, user: member };
    // The notice is taken after a command's reply, so the test's reply can come back before the bot has looked:
    // each look is recorded, and every phase below waits for its own command's look to be over.
    const offNotices = t.bot.ctx.offNotices;
    const take = offNotices.take.bind(offNotices);
    const looks: Promise<unknown>[] = [];
    offNotices.take = (...args) => {
      const look = take(...args);
      looks.push(look.catch(() => undefined));
      return look;
    };
    const lookNumber = async (n: number) => {
      while (looks.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
      await looks[n - 1];
    };

    const set = await t.discord.reply(
      t.discord.slash("remind", [{ type: 1, name: "at", options: [{ type: 3, name: "time", value: "21:00" }] }], as),
    );
    expect(set.final.content).toBeTruthy();
    await lookNumber(1);
    // As when Discord refused the reminder's DM (50007): switched off, and the member is owed a notice.
    await t.bot.ctx.store.write(function* (s) {
      yield* run(
        s.db
          .update(s.t.reminders)
          .set({ offAt: new Date(), offReason: "dm_closed", noticePending: true })
          .where(eq(s.t.reminders.userId, member.id)),
      );
    });

    // The moment Discord has the command's reply, another process takes the write lock, and holds it until the
    // notice's one attempt is over, however slow a loaded machine is to make it. PostgreSQL's lock is taken before
    // the command instead: taking it is a round trip, which could land after the notice's write, and the command's
    // reads pass it as they pass SQLite's.
    const lock = await anotherConnection(t.database);
    const early = ENGINE === "postgres";
    if (early) await lock.take();
    const replied = t.discord.waitForCall((c) => c.method === "POST" && c.path.includes("/callback"));
    const locked = replied.then(async () => {
      if (!early) await lock.take();
    });
    const about = await t.discord.reply(t.discord.slash("about", [], as));
    await locked;
    await lookNumber(2);
    await lock.release();
    await lock.close();
    expect(about.final.content ?? about.final.embeds).toBeTruthy();
    expect(about.followUps).toEqual([]);

    const next = await t.discord.reply(t.discord.slash("about", [], as), { followUps: 1 });
    expect(next.followUps.map((f) => String(f.content))).toEqual([
      expect.stringContaining("🔕 Your 1 reminder (ML Study Hall) is now off"),
    ]);
    offNotices.take = take;
  });
});
