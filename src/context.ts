import type { Clock } from "./clock.js";
import type { Config } from "./config/index.js";
import type { Content } from "./content/load.js";
import type { Db } from "./db/index.js";
import type { Command } from "./interactions/command.js";
import type { Logger } from "./log.js";
import type { Random } from "./random.js";
import type { Scheduler } from "./schedule/scheduler.js";

/** What domain code and handlers receive instead of reaching for globals. */
export interface AppContext {
  db: Db;
  config: Config;
  log: Logger;
  clock: Clock;
  /** Every random pick draws from this, so tests can seed it. */
  random: Random;
  content: Content;
  /** When this process started serving, for uptime. */
  startedAt: Date;
  /** Every loaded command, keyed by name (for help and /about). */
  commands: ReadonlyMap<string, Command>;
  /** The scheduled-posts service, once the bot is logged in (absent in contexts built for domain tests). */
  scheduler?: Scheduler;
}
