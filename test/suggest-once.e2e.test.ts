import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { all } from "../src/db/store.js";
import { asAdmin } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";
import { ENGINE } from "./support/store.js";

type Json = Record<string, unknown>;

/**
 * Another process's connection, ready to hold the write lock: on SQLite the file's (BEGIN IMMEDIATE); on PostgreSQL
 * an EXCLUSIVE lock on the suggestions table, which lets reads through and holds writes as SQLite's lock does.
 */
async function anotherConnection(
  t: TestBot,
): Promise<{ holdWrites(ms: number): Promise<void>; close(): Promise<void> }> {
  if (ENGINE === "sqlite") {
    const file = new Database(t.databasePath);
    return {
      async holdWrites(ms) {
        file.exec("BEGIN IMMEDIATE");
        setTimeout(() => file.exec("COMMIT"), ms);
      },
      async close() {
        file.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: t.database.env.DATABASE_URL });
  await client.connect();
  return {
    async holdWrites(ms) {
      // One round trip, so the lock is held before the bot's next write.
      await client.query("BEGIN; LOCK TABLE suggestions IN EXCLUSIVE MODE");
      setTimeout(() => void client.query("COMMIT"), ms);
    },
    close: () => client.end(),
  };
}

describe("a suggestion whose bookkeeping meets the write lock", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("posts exactly one review card and keeps one suggestion, linked to its card once the lock is gone", async () => {
    const guildId = t.discord.guild.id;
    const review = t.discord.guild.channels[0]?.id as string;
    await asAdmin(t.discord, guildId, "config", "suggestions", { channel: review });
    const member = aUser(31, "suggester");
    const topic = t.bot.ctx.content.topics[0]?.id as string;
    const str = (name: string, value: string) => ({ type: 3, name, value });
    const open = await t.discord.reply(
      t.discord.slash("suggest", [str("kind", "challenge"), str("topic", topic)], { guildId, user: member }),
    );
    const modal = open.callback.data as { custom_id: string };

    // The moment Discord has the card, another process takes the write lock for 1.5 s: the bot's next write waits.
    const lock = await anotherConnection(t);
    const cardPosted = t.discord.waitForCall((c) => c.method === "POST" && c.path === `/channels/${review}/messages`);
    const locked = cardPosted.then(() => lock.holdWrites(1_500));
    const reply = await t.discord.reply(
      t.discord.modalSubmit(
        modal.custom_id,
        {
          title: "Iris accuracy drill",
          task: "Train a small model on the iris data and report its accuracy on a held-out split.",
          doneWhen: "Done when you have the accuracy and the split you used.",
          hints: "Use a fixed random seed.",
          resources: "",
        },
        { guildId, user: member, labels: true },
      ),
    );
    await locked;
    expect(reply.final.content).toContain("Your suggestion was sent to the reviewers");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await lock.close();
    const cards = (t.discord.channelMessages.get(review) ?? []).filter((m: Json) =>
      JSON.stringify(m).includes("Iris accuracy drill"),
    );
    expect(cards).toHaveLength(1);
    const rows = await t.bot.ctx.store.read(function* (s) {
      const { suggestions } = s.t;
      return yield* all(
        s.db.select({ messageId: suggestions.messageId }).from(suggestions).where(eq(suggestions.userId, member.id)),
      );
    });
    expect(rows).toEqual([{ messageId: (cards[0] as Json).id }]);
  });
});
