/** `/config daily`: the daily's rules (default track, what it may require) and its post, changed in one transaction. */
import { type DailyRules, setDailyRules } from "../challenges/rules.js";
import type { AppContext } from "../context.js";
import { configureSchedule, type ScheduleRow, type ScheduleSettings } from "./store.js";

export function configureDaily(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  change: { rules: Partial<DailyRules>; post: Omit<ScheduleSettings, "guildId" | "kind"> | null },
  now: Date,
): { rules: DailyRules; schedule: ScheduleRow | null } {
  return ctx.db.transaction(
    () => ({
      rules: setDailyRules(ctx, guildId, change.rules),
      schedule: change.post ? configureSchedule(ctx, { ...change.post, guildId, kind: "daily" }, now) : null,
    }),
    { behavior: "immediate" },
  );
}
