import { performance } from "node:perf_hooks";
import { REST } from "discord.js";
import pino from "pino";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { loadContent } from "../src/content/load.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import { DISCORD_GLOBAL_LIMIT, Pacer, pacedRequest } from "../src/discord/pacer.js";
import { restRemindDiscord } from "../src/reminders/discord.js";
import { ReminderScheduler } from "../src/reminders/scheduler.js";
import { keepDmChannelIn, setReminderIn } from "../src/reminders/store.js";
import { restDiscord } from "../src/schedule/discord.js";
import { Scheduler } from "../src/schedule/scheduler.js";
import { configureSchedule } from "../src/schedule/store.js";
import { tempDir } from "../test/support/harness.js";
import { aUser, LoopbackDiscord } from "../test/support/loopback-discord.js";
import { manyGuilds } from "../test/support/schedule-rig.js";

/**
 * A wave of 10,000 reminders due in the same minute, against the loopback Discord enforcing Discord's global
 * limit of 50 requests a second, with their DM channels already open (one request each). The floor is 10,000 / 50
 * = 200 s; the target at most 1.15x with no 429. Halfway through, a weekly post comes due on the same pacer: the
 * delay it sees (from its tick to Discord's answer) should stay under 2 s, since posts go first.
 * The members set their reminders an hour before, so Gradient knows they are in the server and asks Discord nothing
 * (src/reminders/presence.ts); a member silent for 3 days costs one member lookup more, once every 3 days.
 */
const LIMIT = 50;
const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);

export async function run(): Promise<void> {
  const [reminderGuild, postGuild] = manyGuilds(2);
  if (!reminderGuild || !postGuild) throw new Error("no guilds");
  const discord = await LoopbackDiscord.start({ guilds: [reminderGuild, postGuild], globalRateLimit: LIMIT });
  const dir = tempDir("gradient-bench-");
  const store = openSqliteStore(`${dir.path}/gradient.sqlite`);
  const clock = new ManualClock("2026-03-02T08:00:00Z");
  const ctx = {
    store,
    config: parseConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase }),
    clock,
    log: pino({ level: "silent" }),
    content: loadContent(),
  };
  const pacer = new Pacer(DISCORD_GLOBAL_LIMIT);
  const rest = (priority: "first" | "background") =>
    new REST({ api: discord.apiBase, makeRequest: pacedRequest(pacer, undefined, priority) }).setToken(discord.token);
  const posts = new Scheduler(ctx, { discord: restDiscord(rest("first"), () => discord.applicationId) });
  const reminders = new ReminderScheduler(ctx, {
    discord: restRemindDiscord(
      rest("background"),
      () => discord.applicationId,
      () => reminderGuild.name,
    ),
  });
  try {
    await configureSchedule(
      ctx,
      {
        guildId: postGuild.id,
        kind: "weekly",
        channelId: postGuild.channels[0]?.id ?? "",
        weekday: 1,
        time: "09:00",
        thread: false,
        roleId: null,
        updatedBy: null,
      },
      clock.now(),
    );
    const channelOf = (i: number) => (900000000000000000n + BigInt(i)).toString();
    const now = clock.now();
    await store.write(function* (s) {
      for (let i = 0; i < REMINDERS; i++) {
        const userId = aUser(10_000 + i).id;
        yield* setReminderIn(s, { guildId: reminderGuild.id, userId, time: "09:00", onlyStreak: false }, now);
        yield* keepDmChannelIn(s, userId, channelOf(i), now);
      }
    });
    for (let i = 0; i < REMINDERS; i++) discord.dmChannels.set(channelOf(i), aUser(10_000 + i).id);
    clock.set("2026-03-02T09:00:00Z");
    const floor = REMINDERS / LIMIT;
    const started = performance.now();
    const wave = reminders.tick();
    await new Promise((resolve) => setTimeout(resolve, (floor / 2) * 1000));
    const asked = performance.now();
    const post = await posts.tick();
    const postDelay = (performance.now() - asked) / 1000;
    const report = await wave;
    const seconds = (performance.now() - started) / 1000;
    const delivered = [...discord.dmChannels.values()].filter((u) => discord.dmsTo(u).length === 1).length;
    console.log(
      `global limit ${LIMIT}/s enforced by the loopback Discord; target ratio <= 1.15x, 429s = 0, post delay < 2 s`,
    );
    console.log(
      [
        `${REMINDERS} reminders due at once`.padEnd(32),
        `${report.outcome.sent} sent, ${delivered} members with exactly one`,
        `${seconds.toFixed(1)} s`,
        `floor ${floor.toFixed(0)} s`,
        `ratio ${(seconds / floor).toFixed(3)}x`,
        `429s ${discord.rateLimited}`,
        `violations ${discord.violations.length}`,
      ].join(" | "),
    );
    console.log(
      `weekly post due mid-wave: ${post.outcomes.map((o) => o.status).join(", ")} after ${postDelay.toFixed(3)} s (${discord.channelMessages.get(postGuild.channels[0]?.id ?? "")?.length ?? 0} post)`,
    );
  } finally {
    await reminders.stop();
    await posts.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await discord.close();
    await store.close();
    dir.remove();
  }
}
