import type { AppContext } from "../context.js";
import { restartSchedulesFromIn } from "../schedule/store.js";
import { setGuildZoneIn, setMemberZoneIn, zoneIn } from "../settings/index.js";
import { refreshLapseIn } from "../streaks/boards.js";
import { finishBoardRebuild, remainingRebuildMs, startBoardRebuildIn } from "./boards.js";

/**
 * What a change of time zone moves besides the setting: schedules' run times and when streaks lapse. The setting,
 * the schedules and the first slice of the boards are one write transaction, so a failure there leaves the old
 * zone and everything that follows from it; a large server's other members follow in slices of their own
 * (./boards.ts). A room of its own above settings, schedule and streaks: in settings it would close a circle with
 * schedule (which reads settings), in streaks one through challenges (schedule -> challenges -> streaks).
 */

type Ctx = Pick<AppContext, "store" | "config">;

export interface GuildZoneChange {
  /** About how long until every leaderboard follows the new zone, in ms; 0 when they already do. */
  boardsReadyIn: number;
  /** Settles once they do, or once the process stops (the next start finishes them); never rejects. */
  boardsReady: Promise<void>;
}

export async function changeGuildTimezone(
  ctx: Pick<AppContext, "store" | "config" | "clock" | "log">,
  guildId: string,
  zone: string,
  now: Date,
): Promise<GuildZoneChange> {
  const first = await ctx.store.write(function* (s) {
    yield* setGuildZoneIn(s, guildId, zone);
    yield* restartSchedulesFromIn(s, guildId, now);
    // Members without a zone of their own now live in this one, which moves when their streak lapses.
    return yield* startBoardRebuildIn(s, ctx, guildId, now);
  });
  if (first.done) return { boardsReadyIn: 0, boardsReady: Promise.resolve() };
  return {
    boardsReadyIn: await remainingRebuildMs(ctx, guildId, first.msPerMember),
    boardsReady: finishBoardRebuild(ctx, guildId),
  };
}

export function changeMemberTimezone(ctx: Ctx, userId: string, zone: string, now: Date): Promise<void> {
  return ctx.store.write(function* (s) {
    yield* setMemberZoneIn(s, userId, zone, now);
    yield* refreshLapseIn(s, userId, (s, guildId) => zoneIn(s, ctx.config.DEFAULT_TIMEZONE, guildId, userId));
  });
}
