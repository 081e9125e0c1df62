/** `/config daily`: the daily's rules (default track, what it may require) and its post, changed in one transaction. */
import { type DailyRules, dailyRulesIn, setDailyRulesIn, type Track } from "../challenges/rules.js";
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

export function configureDaily(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  change: DailyChange,
  now: Date,
): Promise<{ rules: DailyRules; schedule: ScheduleRow | null }> {
  return ctx.store.write(function* (s) {
    const rules: Partial<DailyRules> = {};
    if (change.track) rules.track = change.track;
    const switches = Object.entries(change.allows) as [Requirement, boolean][];
    if (switches.length > 0) {
      const allows = new Set((yield* dailyRulesIn(s, guildId)).allows);
      for (const [requirement, allowed] of switches) allowed ? allows.add(requirement) : allows.delete(requirement);
      rules.allows = allows;
    }
    return {
      rules: yield* setDailyRulesIn(s, guildId, rules),
      schedule: change.post ? yield* configureScheduleIn(s, { ...change.post, guildId, kind: "daily" }, now) : null,
    };
  });
}
