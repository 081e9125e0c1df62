import type { Clock } from "./clock.js";
import type { Config } from "./config/index.js";
import type { Content } from "./content/load.js";
import type { Reads } from "./db/read-pool.js";
import type { Store } from "./db/store.js";
import type { Logger } from "./log.js";
import type { Random } from "./random.js";

/** What domain code receives instead of reaching for globals; each function narrows it with `Pick`. */
export interface AppContext {
  /** The database, on either engine (src/db/store.ts). */
  store: Store;
  config: Config;
  log: Logger;
  clock: Clock;
  /** Every random pick draws from this, so tests can seed it. */
  random: Random;
  content: Content;
  /** When this process started serving, for uptime. */
  startedAt: Date;
  /**
   * Told of each seat a daily completion claimed in the solvers' room (src/solvers), to add the member to its
   * thread after the reply; absent where nothing serves the room (the claim waits for the next start).
   */
  solvers?: SeatSignal;
  /**
   * Where long reads (a server's stats and export) run: on SQLite, threads with their own read-only connections
   * (src/db/read-pool.ts), so a big server's read never holds this process's event loop; absent, `store`.
   */
  bulkReads?: Reads;
}

/** A server's daily of one date on one track has a new solver to add to its thread. */
export interface SeatSignal {
  seated(seat: { guildId: string; date: string; track: string }): void;
}
