import type { RunResult } from "better-sqlite3";
import { DrizzleError, DrizzleQueryError, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.js";

/**
 * The one seam between Gradient and its two engines (SQLite, the default, and PostgreSQL).
 *
 * Store code is written once, as generator functions over a `Session`: each statement is `yield*`ed through
 * `all`, `get`, `run` or `rows`/`exec` (raw SQL), and the engine's runner executes it. On SQLite the runner drives
 * the generator synchronously inside better-sqlite3's transaction, so a write stays one atomic BEGIN IMMEDIATE
 * (an `await` in its body would silently end the transaction early, drizzle-orm#2275); on PostgreSQL it awaits
 * each statement on one checked-out connection inside a SERIALIZABLE transaction. A body is a plain generator:
 * an `async function*` or a yielded promise is a type error, so that mistake cannot be written.
 *
 * Types follow the SQLite dialect. On PostgreSQL `s.db` and `s.t` are the pg dialect's database and tables
 * (src/db/postgres/), which mirror the SQLite ones column for column (test/pg-schema.test.ts): drizzle's builders
 * read alike for both, and the whole suite runs on both engines to hold them to it.
 */

export type Engine = "sqlite" | "postgres";
export type Tables = typeof schema;
export type SqliteDb = BaseSQLiteDatabase<"sync", RunResult, Tables>;

export interface Session {
  readonly engine: Engine;
  /** The drizzle database for this session's connection (inside a write: its transaction). */
  readonly db: SqliteDb;
  /** The tables of this engine's dialect. */
  readonly t: Tables;
}

type Params = Record<string, unknown>;

/** One statement for the runner; store code never builds these itself. */
export interface Op {
  readonly kind: OpKind;
  readonly query: unknown;
  readonly params: Params | undefined;
}
export type OpKind = "all" | "get" | "run" | "rows" | "exec";

/** A store function's body: yields statements, returns T. */
export type Gen<T> = Generator<Op, T, unknown>;

/** A function that can run in a session: `store.read(fn, ...args)` or `yield* fn(s, ...args)` inside another. */
export type StoreFn<A extends unknown[], T> = (s: Session, ...args: A) => Gen<T>;

/** Every row of a query (a drizzle builder, or a statement prepared with placeholders and their values). */
export function* all<R>(query: { all(params?: never): R[] }, params?: Params): Gen<R[]> {
  return (yield { kind: "all", query, params }) as R[];
}

/** The first row of a query, or undefined. */
export function* get<R>(query: { get(params?: never): R | undefined }, params?: Params): Gen<R | undefined> {
  return (yield { kind: "get", query, params }) as R | undefined;
}

/** Runs an insert, update or delete; `changes` is the number of rows it touched on either engine. */
export function* run(query: { run(params?: never): unknown }, params?: Params): Gen<{ changes: number }> {
  return (yield { kind: "run", query, params }) as { changes: number };
}

/** The rows of a raw SQL statement (keep it to SQL both engines accept, or take it from src/db/dialect.ts). */
export function* rows<R>(statement: SQL): Gen<R[]> {
  return (yield { kind: "rows", query: statement, params: undefined }) as R[];
}

/** Runs a raw SQL statement; `changes` as for `run`. */
export function* exec(statement: SQL): Gen<{ changes: number }> {
  return (yield { kind: "exec", query: statement, params: undefined }) as { changes: number };
}

export interface Store {
  readonly engine: Engine;
  /**
   * Runs `fn` outside a transaction (each statement sees the latest committed data). For reads; a single
   * statement that writes (an idempotent upsert, a claim) may run here too, being atomic on its own.
   */
  read<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T>;
  /**
   * Runs `fn` as one transaction: every statement or none. SQLITE_BUSY, and PostgreSQL's serialization failures and
   * deadlocks, reach the caller as errors `isBusy` knows, to be retried by `retryWhileBusy` (src/db/busy.ts).
   */
  write<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T>;
  close(): Promise<void>;
}

/**
 * The driver's own error, not drizzle's wrapper: the wrapper's message carries the statement's values, which may be
 * a member's words, and logs must never hold those; the driver's names the problem (and PostgreSQL's code).
 */
export function driverError(error: unknown): unknown {
  const wrapped = error instanceof DrizzleQueryError || error instanceof DrizzleError;
  return wrapped && error.cause !== undefined ? error.cause : error;
}
