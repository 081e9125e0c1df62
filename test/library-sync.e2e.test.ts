import type { APIEmbed } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLibrary } from "./fixtures/library.js";
import { importLibrary, ownChallengesFile, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const LIBRARY = makeLibrary([3, 2]);
const OWN_TITLE = "Summarise the first week of the course";

/**
 * Two bot processes on one database, as with SHARD_PROCESSES (or an operator's second process): each with its own
 * connection and its own cache of composed libraries, each behind its own loopback Discord.
 */
describe("a library edited through one bot process, seen through another", () => {
  let database: TestDatabase;
  let editing: TestBot;
  let serving: TestBot;

  beforeAll(async () => {
    database = await freshDatabase();
    editing = await startTestBot({ content: LIBRARY, database });
    serving = await startTestBot({ content: LIBRARY, database });
  });
  afterAll(async () => {
    await editing?.stop();
    await serving?.stop();
    await database?.remove();
  });

  const practiceTitle = async () => {
    const { discord } = serving;
    const reply = await discord.reply(
      discord.slash("challenge", subcommand("random"), { guildId: discord.guild.id, user: aUser(3) }),
    );
    return (reply.final.embeds as APIEmbed[])[0]?.title;
  };

  it("a member's practice draw in the other process comes from the pool the admin just imported", async () => {
    // The serving process composes (and caches) the server's library before the edit.
    expect(LIBRARY.challenges.map((c) => c.title)).toContain(await practiceTitle());
    const applied = await importLibrary(editing.discord, editing.discord.guild.id, ownChallengesFile([OWN_TITLE]));
    expect(applied.final.content).toMatch(/1 added/);
    expect(await practiceTitle()).toBe(OWN_TITLE);
  });
});
