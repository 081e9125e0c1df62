/**
 * The Discord calls of the live board: those of every timed send (src/jobs/discord.ts: post, read the history, sort
 * the errors) and editing its message. Each goes through the pacer, on the REST client it is given.
 */
import { DiscordAPIError, type REST, type RESTPatchAPIChannelMessageJSONBody, Routes } from "discord.js";
import { channelRefusedReason, type DeliveryDiscord, restDelivery } from "../jobs/discord.js";

export interface LiveBoardDiscord extends DeliveryDiscord {
  editMessage(channelId: string, messageId: string, body: RESTPatchAPIChannelMessageJSONBody): Promise<void>;
}

export function restLiveBoardDiscord(rest: REST, botUserId: () => string | undefined): LiveBoardDiscord {
  return {
    ...restDelivery(rest, botUserId),
    async editMessage(channelId, messageId, body) {
      await rest.patch(Routes.channelMessage(channelId, messageId), { body });
    },
  };
}

const UNKNOWN_MESSAGE = 10_008;

/** Discord's 404 for a message someone deleted (the channel itself answers 10003 Unknown Channel). */
export function isUnknownMessage(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 404 && error.code === UNKNOWN_MESSAGE;
}

export const LIVE_BOARD_NEEDS = "View Channel, Send Messages, Embed Links and Read Message History";

/** Why the live board is paused after Discord refused its channel, as /config show says it. */
export function liveBoardPauseReason(channelId: string, failure: { status: number; message: string }): string {
  return channelRefusedReason(channelId, failure, {
    what: "live board",
    needs: LIVE_BOARD_NEEDS,
    command: "/config board",
  });
}
