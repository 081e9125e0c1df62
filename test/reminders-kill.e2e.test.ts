import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/index.js";
import { keepDmChannel, setReminder } from "../src/reminders/store.js";
import { type BotProcess, spawnBot, tempDir } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { wallClock } from "./support/wall-clock.js";

const MEMBERS = 2000;
const GUILD = "200000000000000001";

async function until(condition: () => boolean, timeoutMs: number, what: string, bot?: BotProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot?.output().slice(-3000) ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fixed-offset zone where it is about midday now, so the catch-up after the restart has the day to run in. */
function middayZone(now: Date): string {
  const hours = Math.max(-12, Math.min(14, 12 - now.getUTCHours()));
  return hours >= 0 ? `Etc/GMT-${hours}` : `Etc/GMT+${-hours}`;
}

describe("the bot process killed in the middle of a reminder wave to 2,000 members", () => {
  const dir = tempDir();
  const databasePath = join(dir.path, "gradient.sqlite");
  let discord: LoopbackDiscord;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    dir.remove();
  });

  it("leaves every member with exactly one reminder after a restart", async () => {
    // Each request spends 150 ms at "Discord", so several are always in flight when the kill lands.
    discord = await LoopbackDiscord.start({ latencyMs: 150 });
    // The child runs on the real clock: the reminders came due a minute ago in real time.
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const zone = middayZone(due);
    const setup = openDatabase(databasePath);
    const users = Array.from({ length: MEMBERS }, (_, i) => aUser(1000 + i));
    for (const [i, user] of users.entries()) {
      setReminder(
        setup,
        { guildId: GUILD, userId: user.id, time: wallClock(due, zone).time, onlyStreak: false },
        new Date(due.getTime() - 3_600_000),
      );
      // The DM channels are open already (as after the first day), so each reminder is one request.
      const channelId = (900000000000000000n + BigInt(i)).toString();
      keepDmChannel(setup, user.id, channelId, due);
      discord.dmChannels.set(channelId, user.id);
    }
    setup.close();
    const statuses = () => {
      const db = new Database(databasePath, { readonly: true });
      try {
        return db.prepare("SELECT status, count(*) AS n FROM reminder_sends GROUP BY status").all() as {
          status: string;
          n: number;
        }[];
      } finally {
        db.close();
      }
    };
    const count = (status: string) => statuses().find((s) => s.status === status)?.n ?? 0;
    const reminded = () => users.filter((u) => discord.dmsTo(u.id).length > 0).length;
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DATABASE_PATH: databasePath,
      DEFAULT_TIMEZONE: zone,
      LOG_LEVEL: "info",
    };

    const first = spawnBot(env);
    bots.push(first);
    await first.waitForOutput(/"msg":"ready"/, 60_000);
    await until(() => reminded() >= 400, 90_000, "400 reminders", first);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const claimedAtKill = count("claimed");
    expect(claimedAtKill).toBeGreaterThan(0);
    expect(count("sent")).toBeLessThan(MEMBERS);

    const second = spawnBot(env);
    bots.push(second);
    await until(() => count("sent") === MEMBERS, 120_000, "every reminder sent", second);
    expect(await second.stop("SIGTERM")).toBe(0);

    for (const user of users) expect(discord.dmsTo(user.id), user.id).toHaveLength(1);
    expect(statuses()).toEqual([{ status: "sent", n: MEMBERS }]);
    // Each claim of unknown outcome was settled by reading its DM first.
    const historyReads = discord.calls.filter((c) => c.method === "GET" && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(historyReads).toHaveLength(claimedAtKill);
    expect(discord.violations).toEqual([]);
  }, 240_000);
});
