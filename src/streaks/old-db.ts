import type { Db } from "../db/index.js";
import * as schema from "../db/schema.js";
import { driveSync } from "../db/sqlite.js";
import type { StoreFn } from "../db/store.js";

/**
 * Runs a store generator synchronously on the old SQLite-only `ctx.db`, inside that caller's own better-sqlite3
 * transaction, which cannot await. Only for callers in folders not yet on the store seam (they move to `yield*`
 * inside a store body); it goes with `ctx.db`.
 */
export function onOldDb<A extends unknown[], T>(db: Db, fn: StoreFn<A, T>, ...args: A): T {
  return driveSync(db, fn({ engine: "sqlite", db, t: schema }, ...args));
}
