/**
 * What a reminder says. Each carries a footer naming it (`reminderMarker`), which is how the sender recognises
 * its own message in a channel's history after a crash, as scheduled posts do.
 */
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { type APIButtonComponent, ButtonStyle, ComponentType } from "discord-api-types/v10";
import { completionButton, completionOf } from "../challenges/render.js";
import type { Track } from "../challenges/tracks.js";
import type { Challenge } from "../content/schema.js";
import { COLOURS, formatDuration, plural, truncate } from "../format.js";
import type { LocalDate } from "../time/index.js";
import { challengeTag, remindIds } from "./custom-ids.js";

/** Discord lets one message mention at most 100 users through allowed_mentions. */
export const MENTIONS_PER_MESSAGE = 100;
const CONTENT_MAX = 2000;
const CONTENT_FRAME = "⏰  today's challenge is still open for you.".length;

/** The members of one reminder minute split into messages: at most 100 mentions, and content within 2,000. */
export function chunkMentions(userIds: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = CONTENT_FRAME;
  for (const id of userIds) {
    const cost = id.length + 4;
    if (chunk.length === MENTIONS_PER_MESSAGE || length + cost > CONTENT_MAX) {
      chunks.push(chunk);
      chunk = [];
      length = CONTENT_FRAME;
    }
    chunk.push(id);
    length += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export function reminderMarker(guildId: string, date: LocalDate): string {
  return `Gradient reminder · ${guildId} · ${date}`;
}

/** What every part's footer of one guild's reminder minute starts with; the part number follows. */
export function channelMarkerPrefix(date: LocalDate, due: Date): string {
  return `Gradient reminders · ${date} · ${due.toISOString().slice(11, 16)} UTC · part `;
}

export function channelMarker(date: LocalDate, due: Date, part: number): string {
  return `${channelMarkerPrefix(date, due)}${part}`;
}

/**
 * The challenge card's own completion button, answered by /remind so that it works in a DM too. It names the track of
 * the daily shown, so pressing it credits that daily.
 */
const completeRow = (guildId: string, date: LocalDate, track: Track, challenge: Challenge) => ({
  type: ComponentType.ActionRow as const,
  components: [
    completionButton(challenge, {
      answer: () =>
        remindIds.build({ action: "answer", guildId, date, track, challengeTag: challengeTag(challenge.id) }),
      done: () => remindIds.build({ action: "done", guildId, date, track }),
    }),
  ],
});

/** Stop these reminders, for the server named: the presser's own reminder there goes off. */
export const stopButton = (guildId: string, label = "Stop these reminders"): APIButtonComponent => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  label: truncate(label, 80),
  custom_id: remindIds.build({ action: "stop", guildId }),
  emoji: { name: "🔕" },
});

export interface DmReminder {
  guildId: string;
  guildName: string | undefined;
  date: LocalDate;
  /** The member's track (src/challenges/rules.ts `trackOf`) and its daily. */
  track: Track;
  challenge: Challenge;
  streak: number;
  /** How long until the member's day ends, ms. */
  left: number;
  zone: string;
}

export function renderDmReminder(r: DmReminder): RESTPostAPIChannelMessageJSONBody {
  const where = r.guildName ? `in **${truncate(r.guildName, 100)}**` : "in your server";
  const streak =
    r.streak > 0
      ? `🔥 Your streak ${where} is **${plural(r.streak, "day")}**: complete today's challenge to keep it.`
      : `Complete today's challenge ${where} to start a streak.`;
  return {
    embeds: [
      {
        color: COLOURS.streak,
        title: "⏰ Today's challenge is still open",
        description: [
          `**${truncate(r.challenge.title, 200)}**`,
          streak,
          `Your day ends in **${formatDuration(r.left)}** (${r.zone}).`,
        ].join("\n"),
        footer: { text: reminderMarker(r.guildId, r.date) },
      },
    ],
    components: [withStop(completeRow(r.guildId, r.date, r.track, r.challenge), r.guildId)],
    allowed_mentions: { parse: [] },
  };
}

const withStop = (row: ReturnType<typeof completeRow>, guildId: string) => ({
  ...row,
  components: [...row.components, stopButton(guildId)],
});

/**
 * One message naming members due in a guild's reminder channel at one minute (at most 100 of them), all on `track`,
 * whose daily it shows.
 */
export function renderChannelReminder(
  guildId: string,
  date: LocalDate,
  due: Date,
  part: number,
  daily: { track: Track; challenge: Challenge },
  userIds: readonly string[],
): RESTPostAPIChannelMessageJSONBody {
  const { track, challenge } = daily;
  return {
    content: `⏰ ${userIds.map((id) => `<@${id}>`).join(" ")} today's challenge is still open for you.`,
    embeds: [
      {
        color: COLOURS.streak,
        title: truncate(challenge.title, 256),
        description:
          completionOf(challenge) === "answer"
            ? "Submit its answer below."
            : "Mark it done below, or with `/challenge done`.",
        footer: { text: channelMarker(date, due, part) },
      },
    ],
    components: [completeRow(guildId, date, track, challenge)],
    // Exactly the members this message is for may be pinged, nobody else.
    allowed_mentions: { parse: [], users: [...userIds] },
  };
}

/** The member ids a channel reminder mentions. */
export function mentionedIn(content: string): string[] {
  return [...content.matchAll(/<@(\d+)>/g)].map((m) => m[1] ?? "");
}
