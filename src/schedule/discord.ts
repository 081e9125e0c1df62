/**
 * The Discord calls of scheduled posts: those of every timed send (src/jobs/discord.ts, which also sorts
 * Discord's errors) and the weekly post's discussion thread. A channel that refuses a post pauses the guild's
 * schedule, saying why.
 */
import { DiscordAPIError, type REST, Routes } from "discord.js";
import { channelRefusedReason, type DeliveryDiscord, type PostedMessage, restDelivery } from "../jobs/discord.js";
import type { PostKind } from "../jobs/slots.js";

export interface ScheduleDiscord extends DeliveryDiscord {
  /** Opens a public thread on a message; "exists" when the message already has one (Discord's 160004). */
  startThread(channelId: string, messageId: string, name: string): Promise<PostedMessage | "exists">;
}

/** A week; threads on weekly posts stay open as long as the prompt is current. */
const THREAD_ARCHIVE_MINUTES = 10_080;
const THREAD_ALREADY_EXISTS = 160_004;

export function restDiscord(rest: REST, botUserId: () => string | undefined): ScheduleDiscord {
  return {
    ...restDelivery(rest, botUserId),
    async startThread(channelId, messageId, name) {
      try {
        const thread = (await rest.post(Routes.threads(channelId, messageId), {
          body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
        })) as { id: string };
        return { id: thread.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_EXISTS) return "exists";
        throw error;
      }
    },
  };
}

const KIND_COMMAND: Record<PostKind, string> = {
  weekly: "/config weekly",
  daily: "/config daily",
  digest: "/config digest",
};

/** What each kind of post needs in its channel, as the pause reason names it (./permissions.ts checks them). */
const NEEDS: Record<PostKind, string> = {
  weekly: "View Channel, Send Messages, Embed Links and Create Public Threads",
  daily: "View Channel, Send Messages and Embed Links",
  digest: "View Channel, Send Messages, Embed Links and Attach Files",
};

/** Why a schedule is paused after a "channel" failure, as /config show tells admins: what happened, what to do. */
export function pauseReason(
  kind: PostKind,
  channelId: string,
  failure: { status: number; code: number | string; message: string },
): string {
  return channelRefusedReason(channelId, failure, {
    what: "post",
    needs: NEEDS[kind],
    command: KIND_COMMAND[kind],
    orElse: "/schedule post-now",
  });
}
