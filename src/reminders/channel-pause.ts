/**
 * Channel-mode reminders whose channel Discord refused (403 or 404, src/jobs/discord.ts's "channel" failure) are
 * paused for the whole server, like a scheduled post's schedule: retrying daily would only add invalid requests.
 * /config show says why and how to fix it; /config reminders (any settings) lifts the pause.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { engagementSettings } from "../db/schema.js";
import { channelRefusedReason, type SendFailure } from "../jobs/discord.js";

type Ctx = Pick<AppContext, "db">;

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
export function pauseChannelReminders(
  ctx: Ctx,
  guildId: string,
  channelId: string,
  failure: SendFailure,
  now: Date,
): string | undefined {
  if (failure.kind !== "channel") return undefined;
  const reason = reminderPauseReason(channelId, failure);
  const paused = ctx.db
    .update(engagementSettings)
    .set({ reminderPausedAt: now, reminderPauseReason: reason })
    .where(
      and(
        eq(engagementSettings.guildId, guildId),
        eq(engagementSettings.reminderChannelId, channelId),
        isNull(engagementSettings.reminderPausedAt),
      ),
    )
    .returning({ guildId: engagementSettings.guildId })
    .all();
  return paused.length > 0 ? reason : undefined;
}
