import { Client, Events, GatewayIntentBits, REST } from "discord.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config/index.js";
import { type Content, loadContent } from "./content/load.js";
import type { AppContext } from "./context.js";
import { openDatabase } from "./db/index.js";
import { DISCORD_GLOBAL_LIMIT, Pacer, pacedRequest } from "./discord/pacer.js";
import type { Command, HandlerContext } from "./interactions/command.js";
import { loadCommands } from "./interactions/loader.js";
import { routeInteraction } from "./interactions/router.js";
import { createLogger, type Logger } from "./log.js";
import { mathRandom, type Random } from "./random.js";
import { restRemindDiscord } from "./reminders/discord.js";
import { ReminderScheduler } from "./reminders/scheduler.js";
import { restDiscord } from "./schedule/discord.js";
import { Scheduler } from "./schedule/scheduler.js";

export interface BotOptions {
  config: Config;
  clock?: Clock;
  /** Source of random picks (tests pass a seeded one). */
  random?: Random;
  log?: Logger;
  /** Content to serve instead of the shipped library (tests use small fixtures). */
  content?: Content;
  /** Where command modules live (tests point this at fixtures). */
  commandsDir?: string;
}

export interface RunningBot {
  client: Client<true>;
  ctx: HandlerContext;
  scheduler: Scheduler;
  reminders: ReminderScheduler;
  commands: ReadonlyMap<string, Command>;
  stop(): Promise<void>;
}

export function createClient(config: Pick<Config, "DISCORD_API_BASE">, pacer?: Pacer): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_BASE, ...(pacer ? { makeRequest: pacedRequest(pacer) } : {}) },
    allowedMentions: { parse: [] },
  });
}

/** Opens the store, validates content and commands, logs in, and resolves once Discord says the bot is ready. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config } = options;
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const content = options.content ?? loadContent();
  const commands = await loadCommands(options.commandsDir);
  const store = openDatabase(config.DATABASE_PATH);
  if (store.applied > 0) log.info({ applied: store.applied }, "database migrated");
  const random = options.random ?? mathRandom;
  const app: AppContext = { db: store.db, config, log, clock, random, content, startedAt: clock.now() };
  const pacer = new Pacer(DISCORD_GLOBAL_LIMIT);
  const client = createClient(config, pacer);
  const scheduler = new Scheduler(app, { discord: restDiscord(client.rest, () => client.user?.id) });
  // Reminders and role grants share the pacer on a client of their own, served after everything else.
  const background = new REST({
    api: config.DISCORD_API_BASE,
    makeRequest: pacedRequest(pacer, undefined, "background"),
  }).setToken(config.DISCORD_TOKEN);
  const reminders = new ReminderScheduler(app, {
    discord: restRemindDiscord(
      background,
      () => client.user?.id,
      (guildId) => client.guilds.cache.get(guildId)?.name,
    ),
  });
  const ctx: HandlerContext = {
    ...app,
    commands: [...commands.values()].map(({ data }) => ({ name: data.name, description: data.description })),
    schedule: scheduler,
  };
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const task = routeInteraction(interaction, commands, ctx).finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([scheduler.stop(), reminders.stop()]);
    await Promise.allSettled(inFlight);
    await client.destroy();
    store.close();
    log.info("stopped");
  };

  try {
    const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(config.DISCORD_TOKEN);
    const readyClient = await ready;
    log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, commands: commands.size }, "ready");
    // Scheduled posts: catches up on start, then ticks every minute; stopped first in stop().
    scheduler.start();
    reminders.start();
    return { client: readyClient, ctx, commands, scheduler, reminders, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
