import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { type RunningBot, startBot } from "../../src/bot.js";
import { type Clock, ManualClock } from "../../src/clock.js";
import { parseConfig } from "../../src/config/index.js";
import type { Content } from "../../src/content/load.js";
import { openStore } from "../../src/db/open.js";
import type { Random } from "../../src/random.js";
import { LoopbackDiscord, type LoopbackOptions } from "./loopback-discord.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./store.js";
import { tempDir } from "./temp.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export { tempDir } from "./temp.js";

export interface TestBot {
  discord: LoopbackDiscord;
  bot: RunningBot;
  clock: Clock;
  /** The SQLite file (on the postgres project: unused, see `database`). */
  databasePath: string;
  /** The database this bot runs on, on this run's engine (test/support/store.ts). */
  database: TestDatabase;
  /** Stops the bot and its loopback, then fails if the loopback still holds a violation (see assertNoViolations). */
  stop(): Promise<void>;
}

/** The real bot, in this process, logged into a fresh loopback Discord with its own temporary database. */
export async function startTestBot(
  options: {
    clock?: Clock;
    random?: Random;
    loopback?: LoopbackOptions;
    env?: Record<string, string>;
    discord?: LoopbackDiscord;
    content?: Content;
    commandsDir?: string;
    /** An existing database file to use (and keep), for restart tests; a fresh temporary one otherwise. */
    databasePath?: string;
    /** An existing database on this run's engine to use (and keep), for restart tests; see freshDatabase. */
    database?: TestDatabase;
  } = {},
): Promise<TestBot> {
  const discord = options.discord ?? (await LoopbackDiscord.start(options.loopback));
  const dir = options.databasePath || options.database ? undefined : tempDir();
  const databasePath = options.databasePath ?? join(dir?.path ?? "", "gradient.sqlite");
  const owned = !options.database && !options.databasePath && ENGINE === "postgres" ? await freshDatabase() : undefined;
  const database: TestDatabase = options.database ??
    owned ?? {
      env: { DATABASE_PATH: databasePath },
      open: async () => (await openStore({ DATABASE_PATH: databasePath, DATABASE_POOL_SIZE: 1 })).store,
      remove: async () => dir?.remove(),
    };
  const config = parseConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_BASE: discord.apiBase,
    DATABASE_PATH: databasePath,
    ...database.env,
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock("2026-03-02T12:00:00Z");
  const bot = await startBot({
    config,
    clock,
    random: options.random,
    content: options.content,
    commandsDir: options.commandsDir,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  });
  return {
    discord,
    bot,
    clock,
    databasePath,
    database,
    async stop() {
      try {
        await bot.stop();
        if (!options.discord) await discord.close();
      } finally {
        dir?.remove();
        await owned?.remove();
      }
      if (!options.discord) discord.assertNoViolations();
    },
  };
}

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * What `npm start` hands node (its flags, then the compiled bot that `npm run build` makes; the test suite's global
 * setup runs the build), read from package.json so that what tests and benchmarks spawn is what operators run.
 */
export const START_ARGS: readonly string[] = (() => {
  const start: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start;
  const [node, ...args] = start.split(/\s+/);
  const entry = args.at(-1);
  if (node !== "node" || !entry?.endsWith(".cjs")) throw new Error(`npm start is not 'node [flags] <entry>': ${start}`);
  return [...args.slice(0, -1), join(ROOT, entry)];
})();

/**
 * Runs `npm start`'s command (node, its flags and dist/main.cjs) as a child process with exactly `env`. The child is the bot
 * itself, not npm, which would run it in a grandchild: a SIGKILL must reach the bot, not orphan it. `args` runs
 * another of package.json's node commands the same way (the REST proxy's).
 */
export function spawnBot(env: Record<string, string>, cwd = ROOT, args: readonly string[] = START_ARGS): BotProcess {
  const child = spawn(process.execPath, [...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_FORMAT: "json", ...env },
  });
  let output = "";
  const listeners: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const l of listeners) l();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)),
          timeoutMs,
        );
        listeners.push(check);
        exited.then(() => setTimeout(check, 0));
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
