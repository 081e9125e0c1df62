/**
 * Paces requests below Discord's global limit (50 requests a second per bot) so that a fan-out to thousands of
 * guilds never meets a 429. Two rules hold together:
 *
 * - a steady rhythm: one request every 1000/perSecond ms, on a fixed grid (so timer lateness does not add up),
 *   with at most one request of catch-up when the grid has fallen behind;
 * - a hard cap: never more than `perSecond` requests released within any `windowMs`, measured on the times they
 *   were really released, so a stalled event loop cannot release a burst.
 *
 * `hold(ms)` stops all releases for a while (used when Discord answers 429 anyway). It runs on the real,
 * monotonic timer, never on the app clock: the limit is Discord's, in real time, whatever a test's clock says.
 */
import { performance } from "node:perf_hooks";

export class PacerStoppedError extends Error {
  override name = "PacerStoppedError";
}

export interface PacerOptions {
  perSecond: number;
  windowMs?: number;
}

export class Pacer {
  readonly perSecond: number;
  readonly #interval: number;
  readonly #windowMs: number;
  #grid = Number.NEGATIVE_INFINITY;
  #released: number[] = [];
  #heldUntil = 0;
  #queue: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor({ perSecond, windowMs = 1000 }: PacerOptions) {
    if (!(perSecond > 0)) throw new Error("a pacer needs a positive rate");
    this.perSecond = perSecond;
    this.#interval = 1000 / perSecond;
    this.#windowMs = windowMs;
  }

  /** Resolves when the caller may send one request. Callers are served in order. */
  take(): Promise<void> {
    if (this.#stopped) return Promise.reject(new PacerStoppedError("the pacer is stopped"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ resolve, reject });
      if (this.#queue.length === 1) this.#pump();
    });
  }

  /** Releases nothing for `ms` from now (a 429's Retry-After). */
  hold(ms: number): void {
    this.#heldUntil = Math.max(this.#heldUntil, performance.now() + ms);
    // The grid restarts after the hold rather than releasing the time it missed.
    this.#grid = Number.NEGATIVE_INFINITY;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** Rejects every waiting caller and every later take(). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#queue.splice(0)) waiter.reject(new PacerStoppedError("the pacer is stopped"));
  }

  #pump(): void {
    this.#timer = undefined;
    while (this.#queue.length > 0 && !this.#stopped) {
      const now = performance.now();
      while (this.#released.length > 0 && (this.#released[0] ?? 0) <= now - this.#windowMs) this.#released.shift();
      const gridAt = Math.max(this.#grid + this.#interval, now - this.#interval);
      let at = Math.max(gridAt, this.#heldUntil);
      if (this.#released.length >= this.perSecond) at = Math.max(at, (this.#released[0] ?? now) + this.#windowMs);
      if (at > now) {
        this.#timer = setTimeout(() => this.#pump(), Math.ceil(at - now));
        return;
      }
      this.#grid = gridAt;
      this.#released.push(now);
      this.#queue.shift()?.resolve();
    }
  }
}
