import { REST } from "discord.js";
import { count } from "drizzle-orm";
import pino from "pino";
import { ManualClock } from "../../src/clock.js";
import { parseConfig } from "../../src/config/index.js";
import { type Content, loadContent } from "../../src/content/load.js";
import { all, type Gen, type Session, type Store } from "../../src/db/store.js";
import { DISCORD_GLOBAL_LIMIT, Pacer, type PacerOptions, pacedRequest } from "../../src/discord/pacer.js";
import { restDiscord } from "../../src/schedule/discord.js";
import { Scheduler, type SchedulerCtx, type SchedulerOptions } from "../../src/schedule/scheduler.js";
import { configureSchedule, configureScheduleIn, type ScheduleSettings } from "../../src/schedule/store.js";
import { setGuildTimezone } from "../../src/settings/index.js";
import { isoWeekday, localDate } from "../../src/time/index.js";
import { type FakeGuild, LoopbackDiscord, type LoopbackOptions } from "./loopback-discord.js";
import { freshDatabase, type TestDatabase } from "./store.js";
import { wallClock } from "./wall-clock.js";

/** `n` guilds with one text channel each; guild i is 2000…i, its channel 3000…i. */
export function manyGuilds(n: number): FakeGuild[] {
  return Array.from({ length: n }, (_, i) => ({
    id: (200000000000000000n + BigInt(i + 1)).toString(),
    name: `Study group ${i + 1}`,
    channels: [{ id: (300000000000000000n + BigInt(i + 1)).toString(), name: "weekly-prompts" }],
  }));
}

/**
 * `n` guilds whose ids differ in their timestamp bits, so Discord's shard formula `(id >> 22) % count` spreads
 * them evenly over the shards (manyGuilds' ids all share one timestamp, hence one shard).
 */
export function spreadGuilds(n: number): FakeGuild[] {
  return Array.from({ length: n }, (_, i) => ({
    id: ((47_683_715_820n + BigInt(i)) << 22n).toString(),
    name: `Study group ${i + 1}`,
    channels: [{ id: (300000000000000000n + BigInt(i + 1)).toString(), name: "weekly-prompts" }],
  }));
}

/** A store of its own on `database`, as `{ store }` to spread into a context. */
export async function openStoreOn(database: TestDatabase): Promise<{ store: Store }> {
  return { store: await database.open() };
}

/** How many slot records are in each status, by status. */
export function* slotStatusesIn(s: Session): Gen<{ status: string; n: number }[]> {
  const slots = s.t.scheduleSlots;
  return yield* all(
    s.db.select({ status: slots.status, n: count() }).from(slots).groupBy(slots.status).orderBy(slots.status),
  );
}

/** Weekly schedules for every guild, due a minute before `now` and configured an hour before that. */
export async function weeklyDueNow(database: TestDatabase, guilds: FakeGuild[], now: Date): Promise<void> {
  const due = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
  const store = await database.open();
  const schedule = {
    kind: "weekly" as const,
    weekday: isoWeekday(localDate(due, "UTC")),
    time: wallClock(due, "UTC").time,
  };
  try {
    await store.write(function* (s) {
      for (const guild of guilds) {
        yield* configureScheduleIn(
          s,
          { ...schedule, guildId: guild.id, channelId: channelOf(guild), thread: false, roleId: null, updatedBy: null },
          new Date(due.getTime() - 3_600_000),
        );
      }
    });
  } finally {
    await store.close();
  }
}

export const channelOf = (guild: FakeGuild): string => guild.channels[0]?.id ?? "";

export interface SchedulerRig {
  discord: LoopbackDiscord;
  ctx: SchedulerCtx;
  clock: ManualClock;
  /** The rig's database, on this run's engine. */
  database: TestDatabase;
  scheduler: Scheduler;
  rest: REST;
  /** A new scheduler over the same database and Discord, as after a restart (the old one is stopped). */
  restart(): Promise<Scheduler>;
  configure(
    guild: FakeGuild,
    settings: Partial<ScheduleSettings> & Pick<ScheduleSettings, "kind" | "time">,
  ): Promise<unknown>;
  setZone(guild: FakeGuild, zone: string): Promise<void>;
  /** Messages the bot posted in a guild's channel. */
  posts(guild: FakeGuild): Record<string, unknown>[];
  /** Stops everything, then fails if the loopback still holds a violation (see assertNoViolations). */
  close(): Promise<void>;
}

/**
 * The scheduler alone, without a gateway: a fresh database on this run's engine, a ManualClock, the REST client discord.js uses
 * (paced as in startBot), and a loopback Discord holding `guilds`. For scheduler tests and the fan-out benchmark.
 */
export async function schedulerRig(
  options: {
    guilds?: FakeGuild[];
    loopback?: LoopbackOptions;
    env?: Record<string, string>;
    start?: string;
    content?: Content;
    scheduler?: Omit<SchedulerOptions, "discord">;
    /** The REST pacer's limit, as startBot sets it (DISCORD_GLOBAL_LIMIT) unless given. */
    pacing?: PacerOptions;
  } = {},
): Promise<SchedulerRig> {
  const discord = await LoopbackDiscord.start({ guilds: options.guilds ?? manyGuilds(3), ...options.loopback });
  const database = await freshDatabase();
  const { store } = await openStoreOn(database);
  const config = parseConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_BASE: discord.apiBase,
    ...database.env,
    ...options.env,
  });
  const clock = new ManualClock(options.start ?? "2026-03-02T00:00:00Z");
  const ctx: SchedulerCtx = {
    store,
    config,
    clock,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    content: options.content ?? loadContent(),
  };
  const pacer = new Pacer(options.pacing ?? DISCORD_GLOBAL_LIMIT);
  const rest = new REST({ api: discord.apiBase, makeRequest: pacedRequest(pacer) }).setToken(discord.token);
  const make = () =>
    new Scheduler(ctx, { ...options.scheduler, discord: restDiscord(rest, () => discord.applicationId) });
  const rig: SchedulerRig = {
    discord,
    ctx,
    clock,
    database,
    rest,
    scheduler: make(),
    async restart() {
      await rig.scheduler.stop();
      rig.scheduler = make();
      return rig.scheduler;
    },
    configure(guild, settings) {
      return configureSchedule(
        ctx,
        {
          guildId: guild.id,
          channelId: channelOf(guild),
          weekday: settings.kind === "weekly" ? 1 : null,
          thread: false,
          roleId: null,
          updatedBy: null,
          ...settings,
        },
        clock.now(),
      );
    },
    setZone(guild, zone) {
      return setGuildTimezone(ctx, guild.id, zone);
    },
    posts(guild) {
      return discord.channelMessages.get(channelOf(guild)) ?? [];
    },
    async close() {
      await rig.scheduler.stop();
      // Let discord.js finish any request still on the wire before the loopback goes away.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await discord.close();
      await store.close();
      await database.remove();
      discord.assertNoViolations();
    },
  };
  return rig;
}
