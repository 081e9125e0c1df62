import { count as countAll } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { all, type Store } from "../src/db/store.js";
import { keepDmChannelIn, setReminderIn } from "../src/reminders/store.js";
import { type BotProcess, spawnBot } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";
import { wallClock } from "./support/wall-clock.js";

const MEMBERS = 2000;
const GUILD = "200000000000000001";

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  bot?: BotProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
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
  let database: TestDatabase;
  let reader: Store | undefined;
  let discord: LoopbackDiscord;
  const bots: BotProcess[] = [];

  afterAll(async () => {
    for (const bot of bots) await bot.stop("SIGKILL");
    await discord?.close();
    await reader?.close();
    await database?.remove();
  });

  it("leaves every member with exactly one reminder after a restart", async () => {
    // Each request spends 150 ms at "Discord", so several are always in flight when the kill lands.
    discord = await LoopbackDiscord.start({ latencyMs: 150 });
    // The child runs on the real clock: the reminders came due a minute ago in real time.
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const zone = middayZone(due);
    database = await freshDatabase();
    const store = await database.open();
    reader = store;
    const users = Array.from({ length: MEMBERS }, (_, i) => aUser(1000 + i));
    // The DM channels are open already (as after the first day), so each reminder is one request.
    const channelOf = (i: number) => (900000000000000000n + BigInt(i)).toString();
    await store.write(function* (s) {
      for (const [i, user] of users.entries()) {
        yield* setReminderIn(
          s,
          { guildId: GUILD, userId: user.id, time: wallClock(due, zone).time, onlyStreak: false },
          new Date(due.getTime() - 3_600_000),
        );
        yield* keepDmChannelIn(s, user.id, channelOf(i), due);
      }
    });
    for (const [i, user] of users.entries()) discord.dmChannels.set(channelOf(i), user.id);
    const statuses = () =>
      store.read(function* (s) {
        const { reminderSends } = s.t;
        return yield* all(
          s.db
            .select({ status: reminderSends.status, n: countAll() })
            .from(reminderSends)
            .groupBy(reminderSends.status)
            .orderBy(reminderSends.status),
        );
      });
    const count = async (status: string) => (await statuses()).find((s) => s.status === status)?.n ?? 0;
    const reminded = () => users.filter((u) => discord.dmsTo(u.id).length > 0).length;
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      ...database.env,
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
    const claimedAtKill = await count("claimed");
    expect(claimedAtKill).toBeGreaterThan(0);
    expect(await count("sent")).toBeLessThan(MEMBERS);

    const second = spawnBot(env);
    bots.push(second);
    await until(async () => (await count("sent")) === MEMBERS, 120_000, "every reminder sent", second);
    expect(await second.stop("SIGTERM")).toBe(0);

    for (const user of users) expect(discord.dmsTo(user.id), user.id).toHaveLength(1);
    expect(await statuses()).toEqual([{ status: "sent", n: MEMBERS }]);
    // Each claim of unknown outcome was settled by reading its DM first.
    const historyReads = discord.calls.filter((c) => c.method === "GET" && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(historyReads).toHaveLength(claimedAtKill);
    expect(discord.violations).toEqual([]);
  }, 240_000);
});
