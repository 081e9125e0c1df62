/**
 * Paces the bot's REST requests below Discord's global limit (50 requests a second per bot), so a fan-out to
 * thousands of guilds never meets a 429. It sits at the wire (discord.js's `makeRequest`), so whatever waits or
 * bunches up inside the process (discord.js's queues, a busy event loop, the retry after a 429) still leaves at
 * the paced rhythm. Two rules hold together:
 *
 * - a steady rhythm: one request every windowMs/limit ms, on a fixed grid (so timer lateness does not add up),
 *   with at most one request of catch-up when the grid has fallen behind;
 * - a hard cap: never more than `limit` requests released within any `windowMs`, measured on the times they were
 *   really released, so a stalled event loop cannot release a burst.
 *
 * Requests reach Discord with some jitter (the network, and the process itself), so releases spread evenly over
 * one second can arrive bunched into less. Releasing at most `limit` per `windowMs` = 1000 + J guarantees at most
 * `limit` arrivals in any second as long as the jitter stays under J ms: see DISCORD_GLOBAL_LIMIT.
 *
 * Waiters are served by priority, then in order: scheduled posts and everything else the bot does come first,
 * and background work (reminders, role grants) takes the slots they leave. So however long a reminder wave
 * queues, a post waits for at most the one slot being released when it arrives.
 *
 * It runs on the real, monotonic timer, never on the app clock: the limit is Discord's, in real time, whatever a
 * test's clock says.
 */
import { performance } from "node:perf_hooks";
import { DefaultRestOptions, type RESTOptions } from "discord.js";

/** "first" for posts and anything a member or admin waits on; "background" for reminders and role grants. */
export type Priority = "first" | "background";

/**
 * Set to "background" on a process's background requests when it goes through the REST proxy, which then serves
 * them after every process's other requests (the proxy does not pass it on to Discord).
 */
export const PRIORITY_HEADER = "X-Gradient-Priority";

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  /** When it started waiting (performance.now()), to count the requests the pacer delayed. */
  at: number;
}

export interface PacerOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * Discord's global limit is 50 requests a second. Counting 50 per 1100 ms (45.5 a second) leaves 100 ms for
 * requests to bunch up on their way (a garbage collection, a SQLite checkpoint, the network) without a 51st
 * landing within one second.
 */
export const DISCORD_GLOBAL_LIMIT: PacerOptions = { limit: 50, windowMs: 1100 };

/** DISCORD_GLOBAL_LIMIT's pacing for a limit of `perSecond`: that many per 1100 ms (at least one). */
export function pacingFor(perSecond: number): PacerOptions {
  return { limit: Math.max(1, Math.floor(perSecond)), windowMs: DISCORD_GLOBAL_LIMIT.windowMs };
}

export class Pacer {
  readonly limit: number;
  readonly #interval: number;
  readonly #windowMs: number;
  #grid = Number.NEGATIVE_INFINITY;
  #released: number[] = [];
  readonly #queues: Record<Priority, Waiter[]> = { first: [], background: [] };
  /** Requests that had to wait for their turn (more than a millisecond), for the metrics. */
  delayed = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor({ limit, windowMs }: PacerOptions) {
    if (!(limit > 0 && windowMs > 0)) throw new Error("a pacer needs a positive limit and window");
    this.limit = limit;
    this.#interval = windowMs / limit;
    this.#windowMs = windowMs;
  }

  /**
   * Resolves when the caller may send one request; callers are served by priority, then in order. Rejects if
   * `signal` aborts.
   */
  take(signal?: AbortSignal, priority: Priority = "first"): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, at: performance.now() };
      const queue = this.#queues[priority];
      queue.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) {
            queue.splice(index, 1);
            reject(signal.reason);
          }
        },
        { once: true },
      );
      if (this.waiting === 1) this.#pump();
    });
  }

  get waiting(): number {
    return this.#queues.first.length + this.#queues.background.length;
  }

  #next(): Waiter | undefined {
    return this.#queues.first.shift() ?? this.#queues.background.shift();
  }

  #pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.waiting > 0) {
      const now = performance.now();
      while (this.#released.length > 0 && (this.#released[0] ?? 0) <= now - this.#windowMs) this.#released.shift();
      const gridAt = Math.max(this.#grid + this.#interval, now - this.#interval);
      let at = gridAt;
      if (this.#released.length >= this.limit) at = Math.max(at, (this.#released[0] ?? now) + this.#windowMs);
      if (at > now) {
        this.#timer = setTimeout(() => this.#pump(), Math.ceil(at - now));
        return;
      }
      this.#grid = gridAt;
      this.#released.push(now);
      const next = this.#next();
      if (next && now - next.at > 1) this.delayed += 1;
      next?.resolve();
    }
  }
}

/** Interaction callbacks and webhooks are outside the global limit (and must answer within 3 s). */
const EXEMPT = /\/(interactions|webhooks)\//;

/** Whether a request to `url` counts against Discord's global limit. */
export const globallyLimited = (url: string): boolean => !EXEMPT.test(new URL(url).pathname);

/**
 * discord.js's `makeRequest`, paced: every request authenticated as the bot waits for the pacer just before it
 * goes on the wire, at `priority` (a REST client for background work is made with "background"). discord.js still
 * obeys 429s and rate-limit headers on its own; its retries pass through here too, so they cannot storm either.
 */
export function pacedRequest(
  pacer: Pacer,
  makeRequest: RESTOptions["makeRequest"] = DefaultRestOptions.makeRequest,
  priority: Priority = "first",
): RESTOptions["makeRequest"] {
  return async (url, init) => {
    if (globallyLimited(url)) await pacer.take(init.signal ?? undefined, priority);
    return makeRequest(url, init);
  };
}
