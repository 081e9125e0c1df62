import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../log.js";
import { JobQueue, type JobQueueOptions } from "./queue.js";

/**
 * The lifecycle every minute-tick scheduler shares (scheduled posts, reminders): a keyed job queue that start()
 * wakes at once and then at the start of every minute, until stop() drops what has not started (the next start
 * catches it up), stops the ticking and waits for what is running.
 */
export class MinuteJobs<K, J, R> extends JobQueue<K, J, R> {
  readonly #name: string;
  readonly #log: Logger;
  #task: ScheduledTask | undefined;
  /** Ticks still running: a tick reads what is due before it queues anything, and idle() must wait for that too. */
  readonly #ticks = new Set<Promise<unknown>>();

  constructor(name: string, log: Logger, options: JobQueueOptions<J, R>) {
    super(options);
    this.#name = name;
    this.#log = log;
  }

  /** Runs `tick` at once and then every minute; a second start, or one after stop(), does nothing. */
  start(tick: () => Promise<unknown>): void {
    if (this.#task || this.stopping) return;
    this.#task = startMinuteTicker(this.#name, () => this.#tracked(tick()), this.#log);
  }

  #tracked(tick: Promise<unknown>): Promise<unknown> {
    this.#ticks.add(tick);
    const forget = () => this.#ticks.delete(tick);
    tick.then(forget, forget);
    return tick;
  }

  /** Resolves when no tick is reading what is due and nothing is queued or in flight. */
  override async idle(): Promise<void> {
    while (this.#ticks.size > 0) await Promise.allSettled([...this.#ticks]);
    return super.idle();
  }

  override async stop(): Promise<void> {
    const settled = super.stop();
    if (this.#task) {
      await this.#task.destroy();
      this.#task = undefined;
    }
    await settled;
  }
}

/**
 * Runs `tick` at once and then at the start of every minute (node-cron, in UTC: the time arithmetic is the caller's,
 * cron only wakes it). Overlapping ticks are allowed: callers join work already in flight, never start it twice.
 */
export function startMinuteTicker(name: string, tick: () => Promise<unknown>, log: Logger): ScheduledTask {
  const run = () => {
    tick().catch((error: unknown) => log.error({ err: error, ticker: name }, "tick failed"));
  };
  const task = cron.schedule("* * * * *", run, {
    timezone: "UTC",
    name,
    noOverlap: false,
    // node-cron would write to the console; its messages belong in the JSON log.
    logger: {
      info: (message) => log.debug({ cron: message }, "node-cron"),
      warn: (message) => log.warn({ cron: message }, "node-cron"),
      error: (message, err) => log.error({ err: err ?? message }, "node-cron"),
      debug: (message) => log.debug({ cron: String(message) }, "node-cron"),
    },
  });
  run();
  return task;
}
