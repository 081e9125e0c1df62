import { Client, Events, GatewayIntentBits, type Interaction, Options, REST, RESTEvents, Status } from "discord.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config/index.js";
import { formatShardList } from "./config/shard-list.js";
import { type Content, loadShippedContent } from "./content/load.js";
import type { AppContext } from "./context.js";
import { openStore } from "./db/open.js";
import type { ReadPool } from "./db/read-pool.js";
import type { Store } from "./db/store.js";
import { Pacer, type PacerOptions, PRIORITY_HEADER, pacedRequest, pacingFor } from "./discord/pacer.js";
import { allShards, describeShards, machinePlan, ownsGuildIn, type ShardPlan } from "./discord/shards.js";
import type { Command, HandlerContext } from "./interactions/command.js";
import { Cooldowns } from "./interactions/cooldowns.js";
import { loadCommands } from "./interactions/loader.js";
import { commandNameOf, routeInteraction } from "./interactions/router.js";
import { markGuildRemoved, restoreGuilds, startRemovalPurge } from "./jobs/removed-guilds.js";
import { startImportPurge } from "./library/held-imports.js";
import { restLiveBoardDiscord } from "./live-board/discord.js";
import { LiveBoards } from "./live-board/keeper.js";
import { createLogger, type Logger } from "./log.js";
import type { OpsServer } from "./ops/server.js";
import { writeProbe } from "./ops/writable.js";
import { mathRandom, type Random } from "./random.js";
import { restRemindDiscord } from "./reminders/discord.js";
import { offNotices } from "./reminders/notices.js";
import { memberPresence } from "./reminders/presence.js";
import { ReminderScheduler } from "./reminders/scheduler.js";
import { restDiscord } from "./schedule/discord.js";
import { Scheduler } from "./schedule/scheduler.js";
import { restSolversDiscord } from "./solvers/discord.js";
import { SolversRoom } from "./solvers/room.js";
import { statsReadPool } from "./stats/bulk-reads.js";
import { startRebuildResumer } from "./zone-change/boards.js";

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
  /**
   * The shards this process runs (a ShardingManager child); absent, the machine's (SHARD_LIST of SHARD_COUNT), or
   * without SHARD_COUNT the client asks Discord for its recommended count and runs all of them here.
   */
  shards?: ShardPlan;
}

export interface RunningBot {
  client: Client<true>;
  ctx: HandlerContext;
  scheduler: Scheduler;
  reminders: ReminderScheduler;
  liveBoards: LiveBoards;
  solvers: SolversRoom;
  commands: ReadonlyMap<string, Command>;
  /** The metrics server, when METRICS_PORT is set. */
  ops?: OpsServer;
  stop(): Promise<void>;
}

type RateConfig = Pick<Config, "DISCORD_GLOBAL_RATE_LIMIT"> &
  Partial<Pick<Config, "SHARD_PROCESSES" | "DISCORD_RATE_SHARE">>;

/**
 * Requests a second this process may send. Discord's global limit is per bot: without a REST proxy every process
 * of the bot takes its share of it (the machine's DISCORD_RATE_SHARE, 1 for a bot on one machine, split over
 * SHARD_PROCESSES). With DISCORD_RATE_SHARE=proxy the proxy's one limiter holds the whole bot to the limit, so a
 * process may use all of it when the others are quiet; its pacer still serves background work last.
 */
export function processRate(config: RateConfig): number {
  const share = config.DISCORD_RATE_SHARE;
  if (share === "proxy") return config.DISCORD_GLOBAL_RATE_LIMIT;
  return (config.DISCORD_GLOBAL_RATE_LIMIT * (share ?? 1)) / (config.SHARD_PROCESSES ?? 1);
}

/**
 * The pacer for `processRate`, with DISCORD_GLOBAL_LIMIT's margin for jitter: the rate's requests per 1.1 s (50
 * per 1.1 s for the whole bot, as the fan-out bench measures; counting the rate per second over the longer window
 * would drop the margin and let a stall bunch 51 into Discord's second).
 */
export function pacerShare(config: RateConfig): PacerOptions {
  return pacingFor(processRate(config));
}

/**
 * Gradient reads guilds, their channels and roles, and its own member (for permissions); nothing else is kept.
 * Members, users and messages arrive with interactions and are used there, never looked up later.
 */
const makeCache = Options.cacheWithLimits({
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  AutoModerationRuleManager: 0,
  BaseGuildEmojiManager: 0,
  DMMessageManager: 0,
  EntitlementManager: 0,
  GuildBanManager: 0,
  GuildEmojiManager: 0,
  GuildInviteManager: 0,
  GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
  GuildMessageManager: 0,
  GuildScheduledEventManager: 0,
  GuildStickerManager: 0,
  MessageManager: 0,
  PresenceManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  StageInstanceManager: 0,
  ThreadMemberManager: 0,
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  VoiceStateManager: 0,
});

export function createClient(
  config: Pick<Config, "DISCORD_API_BASE"> &
    Partial<Pick<Config, "DISCORD_GLOBAL_RATE_LIMIT" | "SHARD_PROCESSES" | "DISCORD_RATE_SHARE">>,
  pacer?: Pacer,
  shards?: ShardPlan,
): Client {
  // discord.js keeps its own global limiter (50 a second unless told); it gets the same share as the pacer.
  const perSecond = Math.ceil(
    processRate({ ...config, DISCORD_GLOBAL_RATE_LIMIT: config.DISCORD_GLOBAL_RATE_LIMIT ?? 50 }),
  );
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: {
      api: config.DISCORD_API_BASE,
      globalRequestsPerSecond: perSecond,
      ...(pacer ? { makeRequest: pacedRequest(pacer) } : {}),
    },
    allowedMentions: { parse: [] },
    shards: shards ? shards.ids : "auto",
    ...(shards ? { shardCount: shards.count } : {}),
    makeCache,
    sweepers: { ...Options.DefaultSweeperSettings },
    // Gradient's payloads are Discord's JSON already (typed as discord-api-types' API shapes); the default
    // transformer would rebuild every embed and component, key by key, on every reply.
    jsonTransformer: (json) => json,
  });
}

/**
 * The shards this machine runs: SHARD_LIST of SHARD_COUNT; without SHARD_COUNT, every shard of the count Discord
 * recommended, once the client knows it.
 */
function machineShards(config: Config, client: Client): ShardPlan | undefined {
  const { shards, shardCount } = client.options;
  // "auto" until discord.js has asked Discord.
  return machinePlan(config) ?? (Array.isArray(shards) && shardCount ? allShards(shardCount) : undefined);
}

/** Every shard of this process connected (ready or resumed), once the client has been ready. */
function allShardsReady(client: Client): boolean {
  const shards = [...client.ws.shards.values()];
  const expected = Array.isArray(client.options.shards) ? client.options.shards.length : 0;
  return shards.length > 0 && shards.length === expected && shards.every((s) => s.status === Status.Ready);
}

/**
 * Logs in first, then opens the store and loads content and commands while Discord's handshake (the gateway URL,
 * HELLO, IDENTIFY, READY, each server's GUILD_CREATE) is in flight, so a start waits for the slower of the two
 * rather than both; resolves once Discord says the bot is ready.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config } = options;
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const pacer = new Pacer(pacerShare(config));
  const shards = options.shards ?? machinePlan(config);
  const client = createClient(config, pacer, shards);

  // An interaction that arrives before the commands have loaded waits for them, in order.
  let route: ((interaction: Interaction) => void) | undefined;
  const waiting: Interaction[] = [];
  client.on(Events.InteractionCreate, (interaction) => (route ? route(interaction) : waiting.push(interaction)));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, "shard disconnected"));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, "shard reconnecting"));
  client.on(Events.ShardResume, (shard) => log.info({ shard }, "shard resumed"));

  let everReady = false;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    // A shard Discord will not let in (4011 "Sharding is required", a bad intent) never becomes ready.
    client.on(Events.ShardError, (error, shard) => {
      if (!everReady) reject(new Error(`shard ${shard} could not connect: ${error.message}`));
    });
    client.on(Events.ShardDisconnect, (event, shard) => {
      if (!everReady) reject(new Error(`Discord closed shard ${shard} for good (code ${event.code})`));
    });
  });
  // Either may fail while the rest is loading: keep the failure for the awaits below, not as unhandled.
  ready.catch(() => undefined);
  const loggedIn = client.login(config.DISCORD_TOKEN);
  loggedIn.catch(() => undefined);

  let store: Store | undefined;
  let bulkReads: ReadPool | undefined;
  let ops: OpsServer | undefined;
  const background: { stop(): Promise<void> }[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(background.map((b) => b.stop()));
    await Promise.allSettled(inFlight);
    await client.destroy();
    await ops?.close();
    await bulkReads?.close();
    await store?.close();
    log.info("stopped");
  };

  try {
    const content = options.content ?? loadShippedContent();
    const commands = await loadCommands(options.commandsDir);
    const opened = await openStore(config);
    store = opened.store;
    if (opened.applied > 0) log.info({ applied: opened.applied, database: opened.where }, "database migrated");
    const random = options.random ?? mathRandom;
    const app: AppContext = {
      store: opened.store,
      config,
      log,
      clock,
      random,
      content,
      startedAt: clock.now(),
    };
    // A big server's stats read for seconds: on SQLite they run on threads of their own (src/db/read-pool.ts).
    if (opened.store.engine === "sqlite" && config.DATABASE_PATH !== ":memory:") {
      bulkReads = statsReadPool(config.DATABASE_PATH);
      app.bulkReads = bulkReads;
    }
    // Posts, reminders, role grants and board rebuilds only for the servers on this process's shards.
    const owns = shards ? ownsGuildIn(shards) : undefined;
    const ownsGuild = owns ? { ownsGuild: owns } : {};
    const scheduler = new Scheduler(app, { discord: restDiscord(client.rest, () => client.user?.id), ...ownsGuild });
    // Reminders and role grants share the pacer on a client of their own, served after everything else.
    const backgroundRest = new REST({
      api: config.DISCORD_API_BASE,
      makeRequest: pacedRequest(pacer, undefined, "background"),
      // The REST proxy serves it after every machine's other requests too (src/discord/rest-proxy.ts).
      ...(config.DISCORD_RATE_SHARE === "proxy" ? { headers: { [PRIORITY_HEADER]: "background" } } : {}),
    }).setToken(config.DISCORD_TOKEN);
    const reminders = new ReminderScheduler(app, {
      discord: restRemindDiscord(
        backgroundRest,
        () => client.user?.id,
        (guildId) => client.guilds.cache.get(guildId)?.name,
      ),
      ...ownsGuild,
      ...(shards ? { shards } : {}),
    });
    // Live boards are edited on the background client too: they can wait for posts and replies.
    const liveBoards = new LiveBoards(app, {
      discord: restLiveBoardDiscord(backgroundRest, () => client.user?.id),
      ...(shards ? { shards } : {}),
    });
    // The solvers' room: background work too, on a client discord.js never retries a 5xx on (src/solvers/discord.ts).
    const solversRest = new REST({
      api: config.DISCORD_API_BASE,
      retries: 0,
      makeRequest: pacedRequest(pacer, undefined, "background"),
      ...(config.DISCORD_RATE_SHARE === "proxy" ? { headers: { [PRIORITY_HEADER]: "background" } } : {}),
    }).setToken(config.DISCORD_TOKEN);
    const solvers = new SolversRoom(app, {
      discord: restSolversDiscord(solversRest, () => client.user?.id),
      ...ownsGuild,
      ...(shards ? { shards } : {}),
    });
    app.solvers = solvers;
    background.push(scheduler, reminders, liveBoards, solvers);
    // Removed from a server (not an outage's unavailable guild): its posts and reminders stop now; added back,
    // they resume (src/jobs/removed-guilds.ts).
    client.on(Events.GuildDelete, (guild) => {
      if (!guild.available) return;
      markGuildRemoved(app, guild.id, clock.now()).then(
        () => log.info({ guild: guild.id }, "removed from a server: its schedules and reminders stop"),
        (error: unknown) => log.error({ err: error, guild: guild.id }, "could not mark a server removed"),
      );
    });
    client.on(Events.GuildCreate, (guild) => {
      restoreGuilds(app, [guild.id]).then(
        (restored) => {
          if (restored > 0) log.info({ guild: guild.id }, "added back to a server: it resumes");
        },
        (error: unknown) => log.error({ err: error, guild: guild.id }, "could not restore a server"),
      );
    });
    const ctx: HandlerContext = {
      ...app,
      commands: [...commands.values()].map(({ data }) => ({ name: data.name, description: data.description })),
      schedule: scheduler,
      cooldowns: new Cooldowns(),
      offNotices: offNotices(app),
      presence: memberPresence(app),
    };

    let metrics: import("./ops/metrics.js").Metrics | undefined;
    if (config.METRICS_PORT !== undefined) {
      // prom-client is loaded only for an operator who asked for metrics.
      const [{ Metrics }, { startOpsServer }] = await Promise.all([
        import("./ops/metrics.js"),
        import("./ops/server.js"),
      ]);
      const m = new Metrics(
        {
          scheduled: () => ({ ...scheduler.stats }),
          pacerDelayed: () => pacer.delayed,
          shards: () =>
            [...client.ws.shards.values()].map((s) => ({ id: s.id, ping: s.ping, ready: s.status === Status.Ready })),
          machine: () => {
            const machine = machineShards(config, client);
            return machine && { list: formatShardList(machine.ids), count: machine.count };
          },
        },
        options.shards ? { shards: options.shards.ids.join(",") } : {},
      );
      metrics = m;
      const writable = writeProbe(opened.store);
      for (const rest of [client.rest, backgroundRest, solversRest])
        rest.on(RESTEvents.Response, (request, response) =>
          m.discordResponse(response.status, request.method, request.route),
        );
      const machine = machinePlan(config);
      ops = await startOpsServer(config.METRICS_HOST, config.METRICS_PORT, {
        ...(machine ? { shards: describeShards(machine) } : {}),
        ready: async () => {
          if (!(everReady && !stopped && allShardsReady(client))) return false;
          const store = await writable();
          return store.ok || { ready: false, reason: store.reason };
        },
        metrics: async () => ({ body: await m.registry.metrics(), contentType: m.registry.contentType }),
        metricsJson: () => m.registry.getMetricsAsJSON(),
      });
      log.info({ host: config.METRICS_HOST, port: ops.port }, "metrics listening");
    }

    route = (interaction) => {
      const started = performance.now();
      const task = routeInteraction(interaction, commands, ctx)
        .then((outcome) => {
          metrics?.interaction(commandNameOf(interaction), outcome, (performance.now() - started) / 1000);
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    };
    for (const interaction of waiting.splice(0)) route(interaction);

    await loggedIn;
    const readyClient = await ready;
    everReady = true;
    log.info(
      {
        user: readyClient.user.tag,
        guilds: readyClient.guilds.cache.size,
        commands: commands.size,
        shards: readyClient.options.shards,
        shardCount: readyClient.options.shardCount,
      },
      "ready",
    );
    // Added back while Gradient was down: the server came in READY's guilds, with no guildCreate event.
    await restoreGuilds(app, [...readyClient.guilds.cache.keys()]);
    // Scheduled posts: catches up on start, then ticks every minute; stopped first in stop().
    scheduler.start();
    reminders.start();
    liveBoards.start();
    solvers.start();
    background.push(startImportPurge(app), startRebuildResumer(app, owns), startRemovalPurge(app));
    return {
      client: readyClient,
      ctx,
      commands,
      scheduler,
      reminders,
      liveBoards,
      solvers,
      ...(ops ? { ops } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
