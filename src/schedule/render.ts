/**
 * What a scheduled post says. Each post carries a footer naming its kind and period (`slotMarker`), which is how
 * the scheduler recognises its own message in a channel's history after a crash.
 */
import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { challengeButtons, otherTrackButtons } from "../challenges/render.js";
import type { Track } from "../challenges/rules.js";
import type { Content } from "../content/load.js";
import type { Challenge, WeeklyPrompt } from "../content/schema.js";
import { LEVEL_LABELS } from "../format.js";
import type { MessageFile } from "../jobs/discord.js";
import type { PostKind } from "../jobs/slots.js";
import { renderChallengeEmbed, renderPromptEmbed } from "../taxonomy/render.js";

const MARKER_HEADS: Record<PostKind, string> = {
  weekly: "Gradient weekly prompt",
  daily: "Gradient daily challenge",
  digest: "Gradient weekly digest",
};

export function slotMarker(kind: PostKind, period: string): string {
  return `${MARKER_HEADS[kind]} · ${period}`;
}

export interface RenderedPost {
  body: RESTPostAPIChannelMessageJSONBody;
  /** The prompt or challenge id, or the dates a digest covers, kept with the slot. */
  contentId: string;
  /** Files sent with the post (the digest's charts). */
  files?: MessageFile[];
}

/**
 * The weekly prompt card (src/taxonomy), headed as this week's prompt and marked with its week, with last week's
 * recap after it when asked for (its mentions never ping: allowed_mentions parses nothing).
 */
export function renderWeeklyPost(content: Content, prompt: WeeklyPrompt, week: string, recap?: APIEmbed): RenderedPost {
  return {
    contentId: prompt.id,
    body: {
      embeds: [
        {
          ...renderPromptEmbed(prompt, content),
          author: { name: "Weekly study prompt" },
          footer: { text: slotMarker("weekly", week) },
        },
        ...(recap ? [recap] : []),
      ],
      allowed_mentions: { parse: [] },
    },
  };
}

/** The challenge card (src/taxonomy), headed as the day's challenge, optionally pinging one role. */
export function renderDailyPost(
  content: Content,
  challenge: Challenge,
  date: string,
  roleId: string | null,
  track: Track,
): RenderedPost {
  return {
    contentId: challenge.id,
    body: {
      // The role ping is the point of the role option, so exactly that role may be mentioned.
      ...(roleId ? { content: `<@&${roleId}> today's challenge is up.` } : {}),
      embeds: [
        {
          ...renderChallengeEmbed(challenge, content),
          author: { name: track === "mixed" ? "Daily challenge" : `${LEVEL_LABELS[track]} daily challenge` },
          footer: { text: slotMarker("daily", date) },
        },
      ],
      // The same buttons as /challenge today, so members can complete the day straight from the post, and the
      // other levels' dailies of the day, each opened privately.
      components: [...challengeButtons(challenge, { date, track }), otherTrackButtons(date, track)],
      allowed_mentions: roleId ? { parse: [], roles: [roleId] } : { parse: [] },
    },
  };
}
