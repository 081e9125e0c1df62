/**
 * Channel-mode reminders whose channel Discord refused (403 or 404, src/jobs/discord.ts's "channel" failure) are
 * paused for the whole server, like a scheduled post's schedule: retrying daily would only add invalid requests.
 * /config show says why and how to fix it; /config reminders (any settings) lifts the pause.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { type Gen, run, type Session } from "../db/store.js";
import { channelRefusedReason, type SendFailure } from "../jobs/discord.js";

type Ctx = Pick<AppContext, "store">;

export function reminderPauseReason(channelId: string, failure: { status: number; message: string }): string {
  return channelRefusedReason(channelId, failure, {
    what: "reminder",
    needs: "View Channel, Send Messages and Embed Links",
    command: "/config reminders",
  });
}

/**
 * Pauses the server's channel reminders when `failure` says the channel refused us, unless an admin has already
 * chosen another channel; returns the reason when it is (now) paused, else undefined.
 */
export function* pauseChannelRemindersIn(
  s: Session,
  guildId: string,
  channelId: string,
  failure: SendFailure,
  now: Date,
): Gen<string | undefined> {
  if (failure.kind !== "channel") return undefined;
  const reason = reminderPauseReason(channelId, failure);
  const { engagementSettings } = s.t;
  const paused = yield* run(
    s.db
      .update(engagementSettings)
      .set({ reminderPausedAt: now, reminderPauseReason: reason })
      .where(
        and(
          eq(engagementSettings.guildId, guildId),
          eq(engagementSettings.reminderChannelId, channelId),
          isNull(engagementSettings.reminderPausedAt),
        ),
      ),
  );
  return paused.changes > 0 ? reason : undefined;
}

export function pauseChannelReminders(
  ctx: Ctx,
  guildId: string,
  channelId: string,
  failure: SendFailure,
  now: Date,
): Promise<string | undefined> {
  return ctx.store.write(pauseChannelRemindersIn, guildId, channelId, failure, now);
}
