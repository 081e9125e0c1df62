/**
 * The Discord calls every timed send makes, over discord.js's REST client (which obeys Discord's rate-limit
 * headers and 429s on its own, and whose requests are paced by src/discord/pacer.ts; nothing here retries a 429
 * on top of it), and the one sorting of Discord's errors into what they mean for a send: the channel refused us,
 * Discord rejected the request itself (never posted), or the outcome is unknown (the message may or may not exist).
 */
import {
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from "discord.js";

export interface PostedMessage {
  id: string;
}

/** A file sent with a message, with its alt text (Discord's attachment description, up to 1,024 characters). */
export interface MessageFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface DeliveryDiscord {
  /** The bot's own user id, to recognise its messages; undefined before login. */
  botUserId(): string | undefined;
  postMessage(
    channelId: string,
    body: RESTPostAPIChannelMessageJSONBody,
    files?: readonly MessageFile[],
  ): Promise<PostedMessage>;
  recentMessages(channelId: string, limit: number): Promise<APIMessage[]>;
}

export function restDelivery(rest: REST, botUserId: () => string | undefined): DeliveryDiscord {
  return {
    botUserId,
    async postMessage(channelId, body, files = []) {
      // Each file is the multipart part `files[i]`; `attachments[i]` with id i carries its name and alt text.
      const attachments = files.map((f, i) => ({ id: String(i), filename: f.name, description: f.description }));
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: files.length > 0 ? { ...body, attachments } : body,
        files: files.map((f) => ({ name: f.name, data: f.data })),
      })) as APIMessage;
      return { id: message.id };
    },
    async recentMessages(channelId, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      return (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    },
  };
}

export type SendFailure =
  /** 403 or 404: the channel (or member, or role) is gone or closed to the bot. Nothing was sent. */
  | { kind: "channel"; status: number; code: number | string; message: string }
  /** Any other 4xx: Discord refused the request as such. Nothing was sent. */
  | { kind: "rejected"; status: number; code: number | string; message: string }
  /** 5xx after discord.js's own retries, a timeout or a dropped connection: the message may exist. */
  | { kind: "unknown"; message: string };

export function classifyFailure(error: unknown): SendFailure {
  if (error instanceof DiscordAPIError) {
    if (error.status === 403 || error.status === 404)
      return { kind: "channel", status: error.status, code: error.code, message: error.message };
    if (error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429)
      return { kind: "rejected", status: error.status, code: error.code, message: error.message };
  }
  if (error instanceof HTTPError) return { kind: "unknown", message: `${error.status} ${error.message}` };
  return { kind: "unknown", message: error instanceof Error ? error.message : String(error) };
}

/**
 * Why timed sends to a channel are paused after a "channel" failure, as /config show tells admins: what happened
 * and what to do. `what` names the message ("post"), `needs` the permissions, `command` the setting that resumes.
 */
export function channelRefusedReason(
  channelId: string,
  failure: { status: number; message: string },
  fix: { what: string; needs: string; command: string; orElse?: string },
): string {
  const channel = `<#${channelId}>`;
  if (failure.status === 404)
    return `Discord says ${channel} no longer exists (404 ${failure.message}). Choose another channel with ${fix.command} to resume.`;
  const resume = fix.orElse
    ? `${fix.command} again (the same settings are fine) or ${fix.orElse}`
    : `${fix.command} again (the same settings are fine)`;
  return `Discord refused the ${fix.what} in ${channel} (403 ${failure.message}). Give Gradient ${fix.needs} there, then run ${resume} to resume.`;
}
