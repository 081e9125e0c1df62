/**
 * The Discord calls of reminders and milestone roles, over a REST client whose requests the pacer serves after
 * scheduled posts (src/discord/pacer.ts, "background"). Sorting of Discord's answers is src/jobs/discord.ts's.
 */
import { type APIDMChannel, DiscordAPIError, type REST, Routes } from "discord.js";
import { type DeliveryDiscord, restDelivery } from "../jobs/discord.js";
import type { MilestoneDiscord } from "../milestones/grant.js";

/** Whether a user is still a member of a guild, which the Guilds intent alone never says. */
export interface MemberLookup {
  /**
   * GET /guilds/{guild}/members/{user}: true on 200, false on Discord's 404 Unknown Member (they left or were banned
   * or kicked); any other failure is thrown for the caller to sort.
   */
  isMember(guildId: string, userId: string): Promise<boolean>;
}

/** Discord's code for a user who is not a member of the guild. */
export const UNKNOWN_MEMBER = 10_007;

export function restMemberLookup(rest: REST): MemberLookup {
  return {
    async isMember(guildId, userId) {
      try {
        await rest.get(Routes.guildMember(guildId, userId));
        return true;
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return false;
        throw error;
      }
    },
  };
}

export interface RemindDiscord extends DeliveryDiscord, MilestoneDiscord, MemberLookup {
  /** Opens (or returns) the DM channel with a member: POST /users/@me/channels. */
  openDm(userId: string): Promise<string>;
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
  return {
    ...restDelivery(rest, botUserId),
    ...restMemberLookup(rest),
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
