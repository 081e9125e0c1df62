/**
 * Crash recovery for every timed send: a claim of unknown outcome is settled first by finding our own message in
 * the channel's recent history. Each message carries a marker in its embed's footer naming what it was sent for
 * (a slot, a member's date, a reminder minute's part); if it is not there, or the history cannot be read, the
 * caller sends again with the same nonce.
 */
import type { Logger } from "../log.js";
import type { DeliveryDiscord } from "./discord.js";

export interface OwnMessage {
  id: string;
  /** The footer that matched. */
  footer: string;
  content: string;
}

export interface OwnMessageSearch {
  guildId: string;
  channelId: string;
  /** How many recent messages to read. */
  depth: number;
  matches: (footer: string) => boolean;
}

/** The bot's messages among the channel's recent ones whose footer matches, newest first; none when unreadable. */
export async function findOwnMessages(
  discord: Pick<DeliveryDiscord, "botUserId" | "recentMessages">,
  log: Logger,
  { guildId, channelId, depth, matches }: OwnMessageSearch,
): Promise<OwnMessage[]> {
  const botId = discord.botUserId();
  try {
    const messages = await discord.recentMessages(channelId, depth);
    return messages.flatMap((m) => {
      if (botId && m.author.id !== botId) return [];
      const footer = m.embeds.map((e) => e.footer?.text).find((text) => text !== undefined && matches(text));
      return footer === undefined ? [] : [{ id: m.id, footer, content: m.content }];
    });
  } catch (error) {
    log.info({ err: error, guild: guildId, channel: channelId }, "history unreadable; resending with the same nonce");
    return [];
  }
}
