import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../log.js";

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
