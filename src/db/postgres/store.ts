import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { DatabaseVersionError, MIGRATIONS_DIR } from "../index.js";
import {
  driverError,
  type Gen,
  type Op,
  type Session,
  type SqliteDb,
  type Store,
  type StoreFn,
  type Tables,
} from "../store.js";
import { tables } from "./schema.js";

export const PG_MIGRATIONS_DIR = join(MIGRATIONS_DIR, "postgres");

/**
 * Counts, sums and bigint columns arrive as numbers, as they do from SQLite (every value Gradient keeps fits in
 * 2^53). Set on pg's shared registry because drizzle's queries pass their own parser lookup, which reads it.
 */
function numbersAsNumbers(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
}

type Executable = { execute(params?: unknown): Promise<unknown> };
type PgDb = NodePgDatabase<Record<string, unknown>>;

function changesOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return (result as pg.QueryResult).rowCount ?? 0;
}

async function execute(db: PgDb, op: Op): Promise<unknown> {
  switch (op.kind) {
    case "all":
      return (op.query as Executable).execute(op.params);
    case "get": {
      const rows = (await (op.query as Executable).execute(op.params)) as unknown[];
      return rows[0];
    }
    case "run":
      return { changes: changesOf(await (op.query as Executable).execute(op.params)) };
    case "rows":
      return (await db.execute(op.query as SQL)).rows;
    case "exec":
      return { changes: (await db.execute(op.query as SQL)).rowCount ?? 0 };
  }
}

/** Drives a store body, awaiting each statement; a failure ends the body as on SQLite (src/db/sqlite.ts). */
async function drive<T>(db: PgDb, body: Gen<T>): Promise<T> {
  let step = body.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await execute(db, step.value);
    } catch (error) {
      body.return(undefined as T);
      throw driverError(error);
    }
    step = body.next(result);
  }
  return step.value;
}

/** How many times a write meeting a serialization failure or deadlock is run at once before it counts as busy. */
const CONFLICT_RERUNS = 4;

function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}

export interface PostgresOptions {
  /** Connections this process may hold. */
  poolSize?: number;
  /** How long a write waits for another connection's lock before it is retried (src/db/busy.ts). */
  lockTimeoutMs?: number;
  migrationsFolder?: string;
}

/**
 * The PostgreSQL store: a pool of connections. Reads run on the pool; a write checks one connection out and runs
 * its body in one SERIALIZABLE transaction, so a use case that reads then writes behaves as under SQLite's single
 * writer: a conflicting interleaving fails with 40001 and is retried whole, never half-applied.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<Store & { pool: pg.Pool; applied: number }> {
  numbersAsNumbers();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: `-c lock_timeout=${options.lockTimeoutMs ?? 250}`,
    connectionTimeoutMillis: 5000,
  });
  // A connection the server dropped (a restart, pg_terminate_backend) is removed from the pool; the next query opens
  // a new one. Without a listener, the pool's error event would end the process.
  pool.on("error", () => undefined);
  const sessionOf = (db: PgDb): Session =>
    ({ engine: "postgres", db: db as unknown as SqliteDb, t: tables as unknown as Tables }) satisfies Session;
  const poolDb = drizzle({ client: pool });
  const poolSession = sessionOf(poolDb);
  // One drizzle database (and so one set of prepared statements, src/db/prepared.ts) per pooled connection.
  const perClient = new WeakMap<pg.PoolClient, { db: PgDb; session: Session }>();
  const clientSession = (client: pg.PoolClient) => {
    let entry = perClient.get(client);
    if (!entry) {
      const db = drizzle({ client });
      entry = { db, session: sessionOf(db) };
      perClient.set(client, entry);
    }
    return entry;
  };
  const transaction = async <A extends unknown[], T>(fn: StoreFn<A, T>, args: A): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The server may drop the connection mid-transaction (a restart, pg_terminate_backend): the pool listens to idle
    // connections only, so without this listener the client's error event would end the process.
    const lost = (error: Error) => {
      broken = error;
    };
    client.on("error", lost);
    try {
      const { db, session } = clientSession(client);
      await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
      try {
        const result = await drive(db, fn(session, ...args));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      }
    } finally {
      client.off("error", lost);
      client.release(broken);
    }
  };
  let applied = 0;
  try {
    applied = await migrateLocked(pool, options.migrationsFolder ?? PG_MIGRATIONS_DIR, url);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    engine: "postgres",
    pool,
    applied,
    read<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T> {
      return drive(poolDb, fn(poolSession, ...args));
    },
    async write<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T> {
      // Two members' writes that merely touched the same index pages can fail one of them with 40001 under
      // SERIALIZABLE, where SQLite's single writer would have queued them: the body is re-run at once a few times
      // (it is re-runnable by design). Past that, the error goes to retryWhileBusy's timers like any busy store.
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction(fn, args);
        } catch (error) {
          if (attempt >= CONFLICT_RERUNS || !isConflict(error)) throw error;
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}

const MIGRATION_LOCK = 7_261_547; // any constant: every Gradient process on this database takes the same one

/**
 * Applies pending migrations under an advisory lock (several machines may start at once) and refuses a database
 * written by a newer Gradient, as the SQLite store does.
 */
async function migrateLocked(pool: pg.Pool, migrationsFolder: string, url: string): Promise<number> {
  const client = await pool.connect();
  const lost = () => undefined; // the query that was running fails too, and says why
  client.on("error", lost);
  try {
    // Another process migrating holds the lock for as long as its migrations take, well past the lock_timeout this
    // pool's connections carry: that wait alone is unbounded, or a machine starting beside another fails to start.
    await client.query("SET lock_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query("RESET lock_timeout");
    try {
      const known = new Set(readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
      const before = await appliedStamps(client);
      const unknown = before.filter((stamp) => !known.has(stamp));
      if (unknown.length > 0) {
        const where = new URL(url);
        throw new DatabaseVersionError(
          `The database ${where.host}${where.pathname} was written by a newer version of Gradient (${unknown.length} migration(s) this build does not know). ` +
            "Upgrade Gradient, or restore a backup made by this version; nothing was changed.",
        );
      }
      await migrate(drizzle({ client }), { migrationsFolder });
      return (await appliedStamps(client)).length - before.length;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.off("error", lost);
    client.release();
  }
}

async function appliedStamps(client: pg.PoolClient): Promise<number[]> {
  const exists = await client.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return [];
  const result = await client.query("SELECT created_at FROM drizzle.__drizzle_migrations");
  return result.rows.map((row: { created_at: number }) => Number(row.created_at));
}
