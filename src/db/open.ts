import type { Config } from "../config/index.js";
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

export interface OpenedStore {
  store: Store;
  /** Migrations applied by this open. */
  applied: number;
  /** Where the data lives, for logs and /readyz (never the URL's password). */
  where: string;
}

/** PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export async function openStore(
  config: Pick<Config, "DATABASE_URL" | "DATABASE_PATH" | "DATABASE_POOL_SIZE">,
): Promise<OpenedStore> {
  if (config.DATABASE_URL) {
    // Loaded only for operators who chose PostgreSQL: the SQLite default never pays for pg.
    const { openPostgresStore } = await import("./postgres/store.js");
    const store = await openPostgresStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
    const url = new URL(config.DATABASE_URL);
    return { store, applied: store.applied, where: `postgres ${url.host}${url.pathname}` };
  }
  const store = openSqliteStore(config.DATABASE_PATH);
  return { store, applied: store.opened.applied, where: `sqlite ${config.DATABASE_PATH}` };
}
