import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, spawnBot, tempDir } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

describe("/about through npm start's entry and the loopback Discord", () => {
  let discord: LoopbackDiscord;
  let bot: BotProcess;
  let database: TestDatabase | undefined;
  const dir = tempDir();

  let spawnedAt = 0;

  beforeAll(async () => {
    discord = await LoopbackDiscord.start();
    // On SQLite, in a folder that does not exist yet; on PostgreSQL, a fresh database (DATABASE_URL wins).
    database = ENGINE === "postgres" ? await freshDatabase() : undefined;
    spawnedAt = Date.now();
    bot = spawnBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_PATH: `${dir.path}/nested/gradient.sqlite`,
      ...database?.env,
      DEFAULT_TIMEZONE: "Europe/Berlin",
    });
    await bot.waitForOutput(/"msg":"ready"/);
  });

  afterAll(async () => {
    await bot.stop();
    await discord.close();
    await database?.remove();
    dir.remove();
  });

  it("answers /about with an embed naming the version, uptime, time zone and every command", async () => {
    const reply = await discord.reply(discord.slash("about", [], { user: aUser(7) }));
    expect(reply.callback.type).toBe(4);
    const embed = (reply.final.embeds as Record<string, unknown>[])[0] as {
      title: string;
      fields: { name: string; value: string }[];
    };
    expect(embed.title).toBe("About Gradient");
    const field = (name: string) => embed.fields.find((f) => f.name === name)?.value;
    expect(field("Version")).toMatch(/^\d+\.\d+\.\d+$/);
    // Uptime reads "42s" under a minute, else like "1h 5m": parse it and bound it by the time since the spawn.
    const uptime = field("Uptime") ?? "";
    const parts = uptime.match(/^(\d+)s$|^(?:(\d+)d)? ?(?:(\d+)h)? ?(?:(\d+)m)?$/);
    expect(parts, uptime).not.toBeNull();
    const [, s = 0, d = 0, h = 0, m = 0] = (parts ?? []).map((n) => Number(n ?? 0));
    const seconds = Number(s) + Number(d) * 86_400 + Number(h) * 3600 + Number(m) * 60;
    expect(seconds).toBeLessThanOrEqual((Date.now() - spawnedAt) / 1000 + 1);
    expect(uptime.length).toBeGreaterThan(1);
    expect(field("Server time zone")).toBe("Europe/Berlin");
    for (const name of [
      "about",
      "challenge",
      "config",
      "leaderboard",
      "resource",
      "schedule",
      "streak",
      "timezone",
      "topics",
    ])
      expect(field("Commands")).toContain(`\`/${name}\``);
    expect(reply.final.allowed_mentions).toEqual({ parse: [] });
    expect(discord.violations).toEqual([]);
  });

  it("shuts down cleanly on SIGTERM, never printing the token", async () => {
    const code = await bot.stop("SIGTERM");
    expect(code).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
    expect(bot.output()).not.toContain(discord.token);
  });
});
