/**
 * The three Discord calls the scheduler makes, over discord.js's REST client (which obeys Discord's rate-limit
 * headers and 429s on its own, and whose requests are paced by src/discord/pacer.ts; the scheduler never retries
 * a 429 on top of it). Errors are sorted into what they mean for a slot: the channel refused us (pause the
 * guild's schedule, saying why), Discord rejected the request itself (never posted), or the outcome is unknown
 * (the post may or may not exist).
 */
import {
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from "discord.js";
import type { PostKind } from "./slots.js";

export interface PostedMessage {
  id: string;
}

export interface ScheduleDiscord {
  /** The bot's own user id, to recognise its messages; undefined before login. */
  botUserId(): string | undefined;
  postMessage(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<PostedMessage>;
  /** Opens a public thread on a message; "exists" when the message already has one (Discord's 160004). */
  startThread(channelId: string, messageId: string, name: string): Promise<PostedMessage | "exists">;
  recentMessages(channelId: string, limit: number): Promise<APIMessage[]>;
}

/** A week; threads on weekly posts stay open as long as the prompt is current. */
const THREAD_ARCHIVE_MINUTES = 10_080;
const THREAD_ALREADY_EXISTS = 160_004;

export function restDiscord(rest: REST, botUserId: () => string | undefined): ScheduleDiscord {
  return {
    botUserId,
    async postMessage(channelId, body) {
      const message = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { id: message.id };
    },
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
    async recentMessages(channelId, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      return (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    },
  };
}

export type SendFailure =
  /** 403 or 404: the channel is gone or closed to the bot. Nothing was posted; the schedule pauses. */
  | { kind: "channel"; status: number; code: number | string; message: string }
  /** Any other 4xx: Discord refused the request as such. Nothing was posted. */
  | { kind: "rejected"; status: number; code: number | string; message: string }
  /** 5xx after discord.js's own retries, a timeout or a dropped connection: the post may exist. */
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

const KIND_COMMAND: Record<PostKind, string> = { weekly: "/config weekly", daily: "/config daily" };

/** Why a schedule is paused after a "channel" failure, as /config show tells admins: what happened, what to do. */
export function pauseReason(
  kind: PostKind,
  channelId: string,
  failure: { status: number; code: number | string; message: string },
): string {
  const channel = `<#${channelId}>`;
  if (failure.status === 404)
    return `Discord says ${channel} no longer exists (404 ${failure.message}). Choose another channel with ${KIND_COMMAND[kind]} to resume.`;
  const needs =
    kind === "weekly"
      ? "View Channel, Send Messages, Embed Links and Create Public Threads"
      : "View Channel, Send Messages and Embed Links";
  return `Discord refused the post in ${channel} (403 ${failure.message}). Give Gradient ${needs} there, then run ${KIND_COMMAND[kind]} again (the same settings are fine) or /schedule post-now to resume.`;
}
