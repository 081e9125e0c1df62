import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin, subcommand } from "./support/admin.js";
import { type BotProcess, spawnBot, tempDir } from "./support/harness.js";
import { aUser, type FakeGuild, LoopbackDiscord } from "./support/loopback-discord.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

/**
 * The stats through npm start's entry: the bundle (dist/main.cjs) starts its stats reader threads from
 * dist/stats-worker.cjs, which the other stats tests (run from the sources) never load.
 */
describe("/stats through npm start's entry", () => {
  const guild: FakeGuild = {
    id: "250000000000000001",
    name: "Bundle school",
    channels: [{ id: "350000000000000001", name: "general" }],
  };
  const member = aUser(4242, "dee");
  guild.members = [{ user: member, nick: "Dee" }];
  let discord: LoopbackDiscord;
  let bot: BotProcess;
  let database: TestDatabase | undefined;
  const dir = tempDir();

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [guild], membersIntent: true });
    database = ENGINE === "postgres" ? await freshDatabase() : undefined;
    bot = spawnBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_PATH: `${dir.path}/gradient.sqlite`,
      ...database?.env,
    });
    await bot.waitForOutput(/"msg":"ready"/);
  });

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
    await database?.remove();
    dir.remove();
  });

  it("reports and exports a completion recorded a moment before", async () => {
    const done = await discord.reply(
      discord.slash("challenge", subcommand("done"), { user: member, guildId: guild.id }),
    );
    expect(String(done.final.content ?? JSON.stringify(done.final.embeds))).not.toMatch(/went wrong/i);

    const report = await asAdmin(discord, guild.id, "stats", "server", { days: 7 });
    expect(report.files).toHaveLength(1);
    expect(report.files[0]?.data.subarray(1, 4).toString()).toBe("PNG");
    // The completion is in the figures the reader thread read: a streak of one day, one daily on the mixed track.
    const embeds = JSON.stringify(report.final.embeds);
    expect(embeds).toContain("1-6 days: 1 ");
    expect(embeds).toContain("Dailies by track: mixed 1");

    const exported = await asAdmin(discord, guild.id, "stats", "export");
    expect(exported.files.map((f) => f.name)).toEqual(["gradient-members.csv", "gradient-dates.csv"]);
    const members = exported.files[0]?.data.toString() ?? "";
    expect(members.split("\r\n")[1]).toMatch(new RegExp(`^${member.id},Dee,1,0,0,1,1,`));
  });
});
