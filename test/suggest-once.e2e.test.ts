import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;

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
    const lock = new Database(t.databasePath);
    const cardPosted = t.discord.waitForCall((c) => c.method === "POST" && c.path === `/channels/${review}/messages`);
    const locked = cardPosted.then(() => {
      lock.exec("BEGIN IMMEDIATE");
      setTimeout(() => lock.exec("COMMIT"), 1_500);
    });
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
    lock.close();
    const cards = (t.discord.channelMessages.get(review) ?? []).filter((m: Json) =>
      JSON.stringify(m).includes("Iris accuracy drill"),
    );
    expect(cards).toHaveLength(1);
    const rows = t.bot.ctx.db.$client
      .prepare("SELECT message_id FROM suggestions WHERE user_id = ?")
      .all(member.id) as { message_id: string | null }[];
    expect(rows).toEqual([{ message_id: (cards[0] as Json).id }]);
  });
});
