import type { AppContext } from "../context.js";
import { restartSchedulesFrom } from "../schedule/store.js";
import { resolveTimezone, setGuildTimezone, setMemberTimezone } from "../settings/index.js";
import { rebuildBoards, refreshLapse } from "../streaks/boards.js";

/**
 * What a change of time zone moves besides the setting: schedules' run times and when streaks lapse. Each change
 * is one immediate transaction (the steps' own transactions become savepoints of it), so a failure part-way
 * leaves the old zone and everything that follows from it. A room of its own above settings, schedule and
 * streaks: in settings it would close a circle with schedule (which reads settings), in streaks one through
 * challenges (schedule -> challenges -> streaks).
 */

type Ctx = Pick<AppContext, "db" | "config">;

export function changeGuildTimezone(ctx: Ctx, guildId: string, zone: string, now: Date): void {
  ctx.db.$client
    .transaction(() => {
      setGuildTimezone(ctx, guildId, zone);
      restartSchedulesFrom(ctx, guildId, now);
      // Members without a zone of their own now live in this one, which moves when their streak lapses.
      rebuildBoards(ctx, guildId, now.getTime(), (userId) => resolveTimezone(ctx, guildId, userId));
    })
    .immediate();
}

export function changeMemberTimezone(ctx: Ctx, userId: string, zone: string, now: Date): void {
  ctx.db.$client
    .transaction(() => {
      setMemberTimezone(ctx, userId, zone, now);
      refreshLapse(ctx, userId, (guildId) => resolveTimezone(ctx, guildId, userId));
    })
    .immediate();
}
