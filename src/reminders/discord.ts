/**
 * The Discord calls of reminders and milestone roles, over a REST client whose requests the pacer serves after
 * scheduled posts (src/discord/pacer.ts, "background"). Sorting of Discord's answers is src/jobs/discord.ts's.
 */
import { type APIDMChannel, type REST, Routes } from "discord.js";
import { type DeliveryDiscord, restDelivery } from "../jobs/discord.js";
import type { MilestoneDiscord } from "../milestones/grant.js";

export interface RemindDiscord extends DeliveryDiscord, MilestoneDiscord {
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
