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

export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}

/**
 * Runs `attempt` (a write transaction, or a use case whose writes are each one transaction that rolls back on
 * SQLITE_BUSY) until it gets the lock or `budgetMs` is spent, then throws StoreBusyError. `canRetry` is asked
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
