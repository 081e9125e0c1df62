import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../src/db/store.js";
import { asAdmin, fieldOf } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser } from "./support/loopback-discord.js";

const MODAL = 9;
const PAUSED =
  "This server's review channel is not reachable; a server manager can set it again with `/config suggestions`. Nothing was sent.";

describe("a review channel Discord refuses", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const str = (name: string, value: string) => ({ type: 3, name, value });
  const suggest = (member: FakeUser) => {
    const topic = t.bot.ctx.content.topics[0]?.id as string;
    return t.discord.reply(
      t.discord.slash("suggest", [str("kind", "challenge"), str("topic", topic)], {
        guildId: t.discord.guild.id,
        user: member,
      }),
    );
  };
  const submit = (modalId: string, member: FakeUser) =>
    t.discord.reply(
      t.discord.modalSubmit(
        modalId,
        {
          title: "Iris accuracy drill",
          task: "Train a small model on the iris data and report its accuracy on a held-out split.",
          doneWhen: "Done when you have the accuracy and the split you used.",
          hints: "Use a fixed random seed.",
          resources: "",
        },
        { guildId: t.discord.guild.id, user: member, labels: true },
      ),
    );

  it("pauses /suggest with a clear answer and no further request, shows it in /config show, and resumes when the channel is set again", async () => {
    const guildId = t.discord.guild.id;
    const review = t.discord.guild.channels[0]?.id as string;
    const cardPath = `/channels/${review}/messages`;
    await asAdmin(t.discord, guildId, "config", "suggestions", { channel: review });
    t.discord.fail({ method: "POST", path: cardPath, status: 403, times: Number.POSITIVE_INFINITY });

    const first = aUser(51, "first");
    const opened = await suggest(first);
    expect(opened.callback.type).toBe(MODAL);
    const refused = await submit((opened.callback.data as { custom_id: string }).custom_id, first);
    expect(refused.final.content).toBe(PAUSED);
    const cards = () => t.discord.calls.filter((c) => c.method === "POST" && c.path === cardPath);
    expect(cards()).toHaveLength(1);

    // The next members are answered at once: no modal to fill in, no request Discord would refuse again.
    for (const n of [52, 53]) {
      const next = await suggest(aUser(n));
      expect(next.callback.type).not.toBe(MODAL);
      expect(next.final.content).toBe(PAUSED);
    }
    expect(cards()).toHaveLength(1);
    const pending = await t.bot.ctx.store.read(function* (s) {
      return yield* get(s.db.select({ n: count() }).from(s.t.suggestions));
    });
    expect(pending?.n).toBe(0);

    const show = await asAdmin(t.discord, guildId, "config", "show");
    expect(fieldOf(show, "Suggestions")).toContain("⏸️ **Paused** since");
    expect(fieldOf(show, "Problems found")).toContain(
      `Suggestions are paused: Discord refused a review card in <#${review}> (403`,
    );
    expect(fieldOf(show, "Problems found")).toContain(
      "Give Gradient View Channel, Send Messages and Embed Links there, then run `/config suggestions` again",
    );

    t.discord.clearFaults();
    await asAdmin(t.discord, guildId, "config", "suggestions", { channel: review });
    const fixed = await asAdmin(t.discord, guildId, "config", "show");
    expect(fieldOf(fixed, "Suggestions")).not.toContain("Paused");
    const again = await suggest(first);
    const sent = await submit((again.callback.data as { custom_id: string }).custom_id, first);
    expect(sent.final.content).toContain("Your suggestion was sent to the reviewers");
    expect(cards()).toHaveLength(2);
  });
});
