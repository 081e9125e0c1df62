/** `/config daily`: the daily's rules (default track, what it may require) and its post, changed in one transaction. */
import { type DailyRules, getDailyRules, setDailyRules, type Track } from "../challenges/rules.js";
import type { Requirement } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { configureScheduleIn, type ScheduleRow, type ScheduleSettings } from "./store.js";

export interface DailyChange {
  /** The server's default track; null leaves it as it is. */
  track: Track | null;
  /** Whether the daily may need each requirement named; those not named stay as they are. */
  allows: Partial<Record<Requirement, boolean>>;
  post: Omit<ScheduleSettings, "guildId" | "kind"> | null;
}

/** Whether a change names anything at all (an empty `/config daily` shows the rules instead). */
export const changesDaily = (change: DailyChange): boolean =>
  change.post !== null || change.track !== null || Object.keys(change.allows).length > 0;

/**
 * The rules are read and written by src/challenges/rules.ts on the SQLite connection (`ctx.db`), which is the
 * store's own there, so they share this transaction; they move into the body as generators once rules.ts has them.
 */
export function configureDaily(
  ctx: Pick<AppContext, "store" | "db">,
  guildId: string,
  change: DailyChange,
  now: Date,
): Promise<{ rules: DailyRules; schedule: ScheduleRow | null }> {
  return ctx.store.write(function* (s) {
    const rules: Partial<DailyRules> = {};
    if (change.track) rules.track = change.track;
    const switches = Object.entries(change.allows) as [Requirement, boolean][];
    if (switches.length > 0) {
      const allows = new Set(getDailyRules(ctx, guildId).allows);
      for (const [requirement, allowed] of switches) allowed ? allows.add(requirement) : allows.delete(requirement);
      rules.allows = allows;
    }
    return {
      rules: setDailyRules(ctx, guildId, rules),
      schedule: change.post ? yield* configureScheduleIn(s, { ...change.post, guildId, kind: "daily" }, now) : null,
    };
  });
}
