import type { SQL } from "drizzle-orm";
import { type OpenedDatabase, openDatabase, openDatabaseReadOnly } from "./index.js";
import * as schema from "./schema.js";
import { driverError, type Gen, type Op, type Session, type SqliteDb, type Store, type StoreFn } from "./store.js";

type Runnable = {
  all(params?: unknown): unknown[];
  get(params?: unknown): unknown;
  run(params?: unknown): { changes: number };
};

/** Executes one statement on better-sqlite3, synchronously. */
function execute(db: SqliteDb, op: Op): unknown {
  const query = op.query as Runnable;
  switch (op.kind) {
    case "all":
      return query.all(op.params);
    case "get":
      return query.get(op.params);
    case "run":
      return { changes: query.run(op.params).changes };
    case "rows":
      return db.all(op.query as SQL);
    case "exec":
      return { changes: db.run(op.query as SQL).changes };
  }
}

/**
 * Drives a store body to its end, each statement in turn. A failing statement ends the body (its `finally` blocks
 * run, its `catch` blocks do not) and fails the whole call: on PostgreSQL the transaction is lost at that point
 * anyway, so a body never gets to carry on after an error on either engine.
 */
export function driveSync<T>(db: SqliteDb, body: Gen<T>): T {
  let step = body.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = execute(db, step.value);
    } catch (error) {
      body.return(undefined as T);
      throw driverError(error);
    }
    step = body.next(result);
  }
  return step.value;
}

/** The SQLite store: one better-sqlite3 connection, on which every body runs synchronously. */
export function sqliteStore(opened: OpenedDatabase): Store {
  const session: Session = { engine: "sqlite", db: opened.db, t: schema };
  // One better-sqlite3 transaction function for every write: building one per call costs more than a statement.
  const transaction = opened.sqlite.transaction(<T>(body: Gen<T>): T => driveSync(opened.db, body));
  return {
    engine: "sqlite",
    read<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T> {
      try {
        return Promise.resolve(driveSync(opened.db, fn(session, ...args)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    write<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T> {
      try {
        return Promise.resolve(transaction.immediate(fn(session, ...args)) as T);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      opened.close();
    },
  };
}

/** Opens (and migrates) the SQLite file at `path` as a store. */
export function openSqliteStore(path: string): Store & { opened: OpenedDatabase } {
  const opened = openDatabase(path);
  return Object.assign(sqliteStore(opened), { opened });
}

/** Opens the SQLite file at `path` read-only, as one snapshot (openDatabaseReadOnly): a store to read from. */
export function openSqliteSnapshot(path: string): Store {
  return sqliteStore(openDatabaseReadOnly(path));
}
