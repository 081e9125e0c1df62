import type { AppContext } from "../context.js";
import { restartSchedulesFrom } from "../schedule/store.js";
import { setGuildTimezoneSync, setMemberTimezoneSync, zoneIn } from "../settings/index.js";
import { refreshLapseIn } from "../streaks/boards.js";
import { onOldDb } from "../streaks/old-db.js";
import { finishBoardRebuild, remainingRebuildMs, startBoardRebuild } from "./boards.js";

/**
 * What a change of time zone moves besides the setting: schedules' run times and when streaks lapse. The setting,
 * the schedules and the first slice of the boards are one immediate transaction (the steps' own transactions become
 * savepoints of it), so a failure there leaves the old zone and everything that follows from it; a large server's
 * other members follow in slices of their own (./boards.ts). A room of its own above settings, schedule and
 * streaks: in settings it would close a circle with schedule (which reads settings), in streaks one through
 * challenges (schedule -> challenges -> streaks).
 */

type Ctx = Pick<AppContext, "db" | "config">;

export interface GuildZoneChange {
  /** About how long until every leaderboard follows the new zone, in ms; 0 when they already do. */
  boardsReadyIn: number;
  /** Settles once they do, or once the process stops (the next start finishes them); never rejects. */
  boardsReady: Promise<void>;
}

export function changeGuildTimezone(
  ctx: Pick<AppContext, "db" | "config" | "clock" | "log">,
  guildId: string,
  zone: string,
  now: Date,
): GuildZoneChange {
  const first = ctx.db.$client
    .transaction(() => {
      setGuildTimezoneSync(ctx, guildId, zone);
      restartSchedulesFrom(ctx, guildId, now);
      // Members without a zone of their own now live in this one, which moves when their streak lapses.
      return startBoardRebuild(ctx, guildId, now);
    })
    .immediate();
  if (first.done) return { boardsReadyIn: 0, boardsReady: Promise.resolve() };
  return {
    boardsReadyIn: remainingRebuildMs(ctx, guildId, first.msPerMember),
    boardsReady: finishBoardRebuild(ctx, guildId),
  };
}

export function changeMemberTimezone(ctx: Ctx, userId: string, zone: string, now: Date): void {
  ctx.db.$client
    .transaction(() => {
      setMemberTimezoneSync(ctx, userId, zone, now);
      onOldDb(ctx.db, refreshLapseIn, userId, (s, guildId) => zoneIn(s, ctx.config.DEFAULT_TIMEZONE, guildId, userId));
    })
    .immediate();
}
