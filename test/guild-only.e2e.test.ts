import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { all } from "../src/db/store.js";
import { GUILD_ONLY } from "../src/interactions/router.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";

const EPHEMERAL = 64;

describe("commands that belong to a server, used in a DM", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  const guildOnly = () => [...t.bot.commands.values()].filter((c) => c.runIn === "guild").map((c) => c.data.name);

  it("are registered for servers only, and each is refused with the same private sentence", async () => {
    expect(guildOnly().sort()).toEqual([
      "challenge",
      "config",
      "leaderboard",
      "library",
      "schedule",
      "stats",
      "streak",
      "suggest",
    ]);
    for (const name of guildOnly()) {
      expect(t.bot.commands.get(name)?.data.contexts).toEqual([0]);
      const reply = await t.discord.reply(
        t.discord.slash(name, [{ type: 1, name: "today", options: [] }], { guildId: null, user: aUser(7) }),
      );
      expect(reply.final, name).toMatchObject({ content: GUILD_ONLY, flags: EPHEMERAL });
    }
  });

  it("refuse a Mark done button pressed outside a server and record nothing", async () => {
    const reply = await t.discord.reply(
      t.discord.button("challenge:done:2026-03-02", { id: "1", content: "" }, { guildId: null, user: aUser(7) }),
    );
    expect(reply.final).toMatchObject({ content: GUILD_ONLY, flags: EPHEMERAL });
    const recorded = await t.bot.ctx.store.read(function* (s) {
      return yield* all(s.db.select().from(s.t.completions));
    });
    expect(recorded).toEqual([]);
  });

  it("leave commands meant for anywhere working in a DM", async () => {
    const reply = await t.discord.reply(t.discord.slash("about", [], { guildId: null, user: aUser(7) }));
    expect(reply.final.embeds).toHaveLength(1);
  });
});
