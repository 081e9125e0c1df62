/**
 * The solvers' room's Discord calls, over a REST client of its own: paced as background work (after scheduled
 * posts and replies, src/discord/pacer.ts) and never retried by discord.js on a 5xx, because creating a thread
 * carries no nonce: a blind resend could make a second one. The room retries itself, after looking.
 */
import {
  type APIThreadChannel,
  type APIThreadList,
  ChannelType,
  DiscordAPIError,
  type REST,
  Routes,
  ThreadAutoArchiveDuration,
} from "discord.js";
import { type DeliveryDiscord, restDelivery } from "../jobs/discord.js";

/** Discord's code for an operation on an archived thread. */
export const THREAD_ARCHIVED = 50_083;

export interface SolversDiscord extends DeliveryDiscord {
  /** POST /channels/{channel}/threads: a private thread only Gradient can invite to; archives after 3 days idle. */
  createPrivateThread(channelId: string, name: string): Promise<string>;
  /**
   * A thread the bot made in `channelId` under `name`: among the server's active threads, then the archived
   * private ones it joined (a creator is a member). Undefined when there is none.
   */
  findThread(guildId: string, channelId: string, name: string): Promise<string | undefined>;
  /** PUT /channels/{thread}/thread-members/{user}; an archived thread is unarchived first, then asked again. */
  addMember(threadId: string, userId: string): Promise<void>;
}

export function isArchivedError(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === THREAD_ARCHIVED;
}

export function restSolversDiscord(rest: REST, botUserId: () => string | undefined): SolversDiscord {
  const mine = (name: string, channelId: string) => (t: APIThreadChannel) =>
    t.parent_id === channelId && t.name === name && (t.owner_id === undefined || t.owner_id === botUserId());
  return {
    ...restDelivery(rest, botUserId),
    async createPrivateThread(channelId, name) {
      const thread = (await rest.post(Routes.threads(channelId), {
        body: {
          name,
          type: ChannelType.PrivateThread,
          invitable: false,
          // Three days: a thread opened at the start of a date outlives that date in every zone.
          auto_archive_duration: ThreadAutoArchiveDuration.ThreeDays,
        },
      })) as APIThreadChannel;
      return thread.id;
    },
    async findThread(guildId, channelId, name) {
      const active = (await rest.get(Routes.guildActiveThreads(guildId))) as APIThreadList;
      const found = (active.threads as APIThreadChannel[]).find(mine(name, channelId));
      if (found) return found.id;
      const archived = (await rest.get(Routes.channelJoinedArchivedThreads(channelId))) as APIThreadList;
      return (archived.threads as APIThreadChannel[]).find(mine(name, channelId))?.id;
    },
    async addMember(threadId, userId) {
      try {
        await rest.put(Routes.threadMembers(threadId, userId));
      } catch (error) {
        if (!isArchivedError(error)) throw error;
        await rest.patch(Routes.channel(threadId), { body: { archived: false } });
        await rest.put(Routes.threadMembers(threadId, userId));
      }
    },
  };
}
