import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord-api-types/v10";
import { ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import type { Challenge, Resource } from "../content/schema.js";
import { COLOURS, resourceLine, truncate } from "../format.js";
import { renderChallengeEmbed } from "../taxonomy/render.js";
import type { LocalDate } from "../time/index.js";
import { challengeIds } from "./custom-ids.js";

/**
 * The daily and practice challenge card: the shared renderChallengeEmbed plus a heading, and this module's
 * buttons ("Mark done" carries the card's date), which the scheduled daily post can reuse: they route to /challenge.
 */

export function challengeResources(challenge: Challenge, content: Content): Resource[] {
  const byId = new Map(content.resources.map((r) => [r.id, r]));
  return challenge.resources.map((id) => byId.get(id)).filter((r): r is Resource => r !== undefined);
}

/** Resources to show for a challenge: its own, else up to five on its topic. */
export function resourcesFor(challenge: Challenge, content: Content): { own: boolean; resources: Resource[] } {
  const own = challengeResources(challenge, content);
  if (own.length > 0) return { own: true, resources: own };
  return { own: false, resources: content.resources.filter((r) => r.topics.includes(challenge.topic)).slice(0, 5) };
}

/** The shared challenge card (src/taxonomy/render.ts) with a heading saying which kind of challenge it is. */
export function renderChallengeCard(
  challenge: Challenge,
  content: Content,
  heading: { date?: LocalDate; practice?: boolean } = {},
): APIEmbed {
  const label = heading.practice
    ? "Practice challenge"
    : heading.date
      ? `Daily challenge · ${heading.date}`
      : "Challenge";
  return {
    ...renderChallengeEmbed(challenge, content),
    author: { name: label },
    footer: {
      text: heading.practice
        ? "Practice counts in your total, not your streak."
        : "Mark it done today to keep your streak.",
    },
  };
}

/** "Mark done" and "Resources" for a card. A daily card's done button carries its date, so it closes with the day. */
export function challengeButtons(
  challenge: Challenge,
  daily: { date: LocalDate } | { practice: true },
): APIActionRowComponent<APIButtonComponent>[] {
  const done = challengeIds.build(
    "date" in daily ? { action: "done", date: daily.date } : { action: "practice", challengeId: challenge.id },
  );
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Success,
          label: "Mark done",
          custom_id: done,
          emoji: { name: "✅" },
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Resources",
          custom_id: challengeIds.build({ action: "resources", challengeId: challenge.id }),
          emoji: { name: "📚" },
        },
      ],
    },
  ];
}

export function renderResources(challenge: Challenge, content: Content): APIEmbed {
  const { own, resources } = resourcesFor(challenge, content);
  const lines = resources.map((r) => `${resourceLine(r)}\n${truncate(r.why, 200)}`);
  return {
    color: COLOURS.challenge,
    title: truncate(`Resources for: ${challenge.title}`, 256),
    description: truncate(
      lines.length > 0
        ? `${own ? "" : "This challenge lists no resources of its own; these cover its topic.\n\n"}${lines.join("\n\n")}`
        : "No resources are linked to this challenge or its topic yet.",
      4096,
    ),
  };
}
