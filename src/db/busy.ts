import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { UserError } from "../errors.js";

/**
 * Another process (a second shard process, an operator's script) may hold the write lock. better-sqlite3 waits
 * for it synchronously, blocking every other member of this process, so the connection's busy timeout is short
 * (BUSY_TIMEOUT_MS) and a write that meets the lock is retried here, on timers, while the event loop serves
 * everyone else. WAL readers never wait for the writer.
 */
export const BUSY_TIMEOUT_MS = 20;

/** What a member is told once a write's window is spent; every write is one transaction, so nothing was kept. */
export class StoreBusyError extends UserError {
  override name = "StoreBusyError";
  constructor() {
    super("Gradient's database is busy right now, so nothing was recorded. Please try again in a moment.");
  }
}

/**
 * PostgreSQL's answers that mean "try again": a serialization failure or deadlock (the transaction was rolled back
 * whole), a lock another connection held past lock_timeout, and a connection the server dropped or is refusing
 * while it restarts.
 */
const PG_RETRY_CODES = new Set([
  "40001",
  "40P01",
  "55P03",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "53300",
]);
const NODE_RETRY_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

export function isBusy(error: unknown): boolean {
  // drizzle wraps a driver's error in DrizzleQueryError, keeping it as the cause.
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) if (busyItself(e)) return true;
  return false;
}

function busyItself(error: unknown): boolean {
  if (error instanceof Database.SqliteError) return error.code.startsWith("SQLITE_BUSY");
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (PG_RETRY_CODES.has(code) || NODE_RETRY_CODES.has(code))) return true;
  // node-postgres reports a connection lost mid-query without a code.
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    error.message,
  );
}

/**
 * Runs `attempt` (a write transaction, or a use case whose writes are each one transaction that rolls back on
 * SQLITE_BUSY or on any of PostgreSQL's answers above) until it gets the lock or `budgetMs` is spent, then throws StoreBusyError. `canRetry` is asked
 * before each retry (an interaction that has already answered must not run twice).
 */
export async function retryWhileBusy<T>(
  attempt: () => T | Promise<T>,
  { budgetMs, canRetry = () => true }: { budgetMs: number; canRetry?: () => boolean },
): Promise<T> {
  const deadline = performance.now() + budgetMs;
  let delay = 15;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const left = deadline - performance.now();
      if (left <= 0 || !canRetry()) throw new StoreBusyError();
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, 250);
    }
  }
}
