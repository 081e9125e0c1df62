import { count, eq, getTableColumns, getTableName, is, Table } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { type Gen, get, type Session, type Store } from "../src/db/store.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, LoopbackDiscord } from "./support/loopback-discord.js";
import { manyGuilds } from "./support/schedule-rig.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const [GONE, STAYS] = manyGuilds(2) as [FakeGuild, FakeGuild];
const channelOf = (guild: FakeGuild) => guild.channels[0]?.id ?? "";
const memberOf = new Map([
  [GONE.id, aUser(1)],
  [STAYS.id, aUser(2)],
]);

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Rows naming `guildId` in every table with a guild_id column (and the guilds table), read from the database. */
function* rowsOfIn(s: Session, guildId: string): Gen<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.values(s.t)) {
    if (!is(table, Table)) continue;
    const guildColumn = Object.values(getTableColumns(table)).find((c) => c.name === "guild_id");
    if (!guildColumn) continue;
    const row = yield* get(
      s.db
        .select({ n: count() })
        .from(table as SQLiteTable)
        .where(eq(guildColumn as SQLiteColumn, guildId)),
    );
    counts[getTableName(table)] = row?.n ?? 0;
  }
  const guild = yield* get(s.db.select({ n: count() }).from(s.t.guilds).where(eq(s.t.guilds.id, guildId)));
  counts.guilds = guild?.n ?? 0;
  return counts;
}

describe("a server that removes Gradient, end to end through discord.js", () => {
  let database: TestDatabase;
  /** A connection of the test's own, to read the database while the bot runs or is stopped. */
  let reader: Store;
  const rowsOf = (guildId: string) => reader.read(rowsOfIn, guildId);
  const clock = new ManualClock("2026-03-02T11:00:00Z");
  let discord: LoopbackDiscord;
  let t: TestBot;

  const start = async () => {
    t = await startTestBot({ clock, discord, database });
  };
  const tickAt = async (iso: string) => {
    clock.set(iso);
    await Promise.all([t.bot.scheduler.tick(), t.bot.reminders.tick()]);
  };
  const dms = (user: FakeUser | undefined) => discord.dmsTo(user?.id ?? "").length;
  const posts = (guild: FakeGuild) => (discord.channelMessages.get(channelOf(guild)) ?? []).length;

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [GONE, STAYS] });
    database = await freshDatabase();
    reader = await database.open();
    await start();
    for (const guild of [GONE, STAYS]) {
      const weekly = await asAdmin(discord, guild.id, "config", "weekly", {
        channel: channelOf(guild),
        day: "mon",
        time: "12:02",
        thread: false,
      });
      expect(weekly.final.content).toContain("12:02");
      const user = memberOf.get(guild.id);
      await discord.reply(discord.slash("remind", subcommand("at", { time: "12:02" }), { user, guildId: guild.id }));
      // The server's own settings row, to be kept through the grace period and deleted after it.
      await asAdmin(discord, guild.id, "config", "timezone", { zone: "Etc/UTC" });
    }
  });

  afterAll(async () => {
    await t.stop();
    await discord.close();
    await reader.close();
    await database.remove();
    discord.assertNoViolations();
  });

  it("stops that server's reminders and its weekly post at once, while an unavailable server's still go out", async () => {
    clock.set("2026-03-02T12:01:00Z");
    discord.removeGuild(GONE.id);
    discord.removeGuild(STAYS.id, { unavailable: true });
    await until(
      () => !t.bot.client.guilds.cache.has(GONE.id) && t.bot.client.guilds.cache.get(STAYS.id)?.available === false,
      "the bot has seen both GUILD_DELETEs",
    );
    await tickAt("2026-03-02T12:02:00Z");
    await tickAt("2026-03-02T12:03:00Z");
    expect(dms(memberOf.get(GONE.id))).toBe(0);
    expect(posts(GONE)).toBe(0);
    // An outage is not a removal.
    expect(dms(memberOf.get(STAYS.id))).toBe(1);
    expect(posts(STAYS)).toBe(1);
    discord.guildReturns(STAYS.id);
    await until(() => t.bot.client.guilds.cache.get(STAYS.id)?.available === true, "the outage is over");
  });

  it("resumes that server's reminders and weekly post when Gradient is added back within 30 days", async () => {
    clock.set("2026-03-09T12:00:00Z");
    discord.guildReturns(GONE.id);
    await until(() => t.bot.client.guilds.cache.has(GONE.id), "the bot is back in the server");
    await tickAt("2026-03-09T12:02:00Z");
    expect(dms(memberOf.get(GONE.id))).toBe(1);
    expect(posts(GONE)).toBe(1);
    expect(dms(memberOf.get(STAYS.id))).toBe(2);
    expect(posts(STAYS)).toBe(2);
    // Its settings came through, and this week's post and reminder are recorded as for any server.
    const kept = await rowsOf(GONE.id);
    expect([kept.guilds, kept.schedule_slots, kept.reminder_sends]).toEqual([1, 1, 1]);
  });

  it("deletes every row of a server 30 days after it removed Gradient, and none of another server's", async () => {
    clock.set("2026-03-09T13:00:00Z");
    discord.removeGuild(GONE.id);
    await until(() => !t.bot.client.guilds.cache.has(GONE.id), "the bot has seen the GUILD_DELETE");
    await t.stop();
    // 29 days later the data is still there.
    clock.set("2026-04-07T13:00:00Z");
    await start();
    await t.stop();
    const kept = await rowsOf(GONE.id);
    expect(kept.schedules).toBe(1);
    expect(kept.reminders).toBe(1);
    // 30 days and a minute later it is gone, from every table; the other server's is whole.
    clock.set("2026-04-08T13:01:00Z");
    await start();
    // The purge runs at start, in the background.
    let gone = await rowsOf(GONE.id);
    for (let waited = 0; !Object.values(gone).every((n) => n === 0) && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      gone = await rowsOf(GONE.id);
    }
    expect(Object.values(gone).every((n) => n === 0)).toBe(true);
    expect(Object.keys(gone).length).toBeGreaterThan(5);
    const other = await rowsOf(STAYS.id);
    expect(other.schedules).toBe(1);
    expect(other.reminders).toBe(1);
    expect(other.guilds).toBe(1);
    expect(other.reminder_sends).toBeGreaterThanOrEqual(2);
  });
});
