/**
 * The Discord calls of reminders and milestone roles, over a REST client whose requests the pacer serves after
 * scheduled posts (src/discord/pacer.ts, "background"). Sorting of Discord's answers is src/schedule/discord.ts's.
 */
import { type APIDMChannel, type REST, Routes } from "discord.js";
import { restDiscord, type ScheduleDiscord } from "../schedule/discord.js";

export interface RemindDiscord extends Pick<ScheduleDiscord, "botUserId" | "postMessage" | "recentMessages"> {
  /** Opens (or returns) the DM channel with a member: POST /users/@me/channels. */
  openDm(userId: string): Promise<string>;
  grantRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
  /** The guild's name from the gateway's cache, for the DM's wording. */
  guildName(guildId: string): string | undefined;
}

/** Discord's code for a member who does not accept DMs from the bot. */
export const CANNOT_DM = 50_007;

export function restRemindDiscord(
  rest: REST,
  botUserId: () => string | undefined,
  guildName: (guildId: string) => string | undefined,
): RemindDiscord {
  const { postMessage, recentMessages } = restDiscord(rest, botUserId);
  return {
    botUserId,
    postMessage,
    recentMessages,
    guildName,
    async openDm(userId) {
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIDMChannel;
      return channel.id;
    },
    async grantRole(guildId, userId, roleId, reason) {
      await rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason });
    },
  };
}
