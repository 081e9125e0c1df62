import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
} from "discord-api-types/v10";
import { ButtonStyle, ComponentType, TextInputStyle } from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import { findResource } from "../content/load.js";
import { type Challenge, LEVELS, type Level, REQUIREMENTS, type Resource } from "../content/schema.js";
import { COLOURS, LEVEL_EMOJI, LEVEL_LABELS, REQUIREMENT_LABELS, resourceLine, truncate } from "../format.js";
import { renderChallengeEmbed } from "../taxonomy/render.js";
import type { LocalDate } from "../time/index.js";
import { ANSWER_MAX } from "./answers.js";
import { challengeIds } from "./custom-ids.js";
import type { DailyRules, Track } from "./rules.js";

/**
 * The daily and practice challenge card: the shared renderChallengeEmbed plus a heading, and this module's
 * buttons, which the scheduled daily post reuses: they route to /challenge.
 */

export function challengeResources(challenge: Challenge, content: Content): Resource[] {
  return challenge.resources.map((id) => findResource(content, id)).filter((r): r is Resource => r !== undefined);
}

/** Resources to show for a challenge: its own, else up to five on its topic. */
export function resourcesFor(challenge: Challenge, content: Content): { own: boolean; resources: Resource[] } {
  const own = challengeResources(challenge, content);
  if (own.length > 0) return { own: true, resources: own };
  return { own: false, resources: content.resources.filter((r) => r.topics.includes(challenge.topic)).slice(0, 5) };
}

/** Which card this is: a day's daily on a track (the track defaults to "mixed", every level), or practice. */
export type CardKind = { date: LocalDate; track?: Track } | { practice: true };

const trackOfCard = (kind: { date: LocalDate; track?: Track }): Track => kind.track ?? "mixed";

/** The shared challenge card (src/taxonomy/render.ts) with a heading saying which kind of challenge it is. */
export function renderChallengeCard(challenge: Challenge, content: Content, kind: CardKind): APIEmbed {
  const label =
    "practice" in kind
      ? "Practice challenge"
      : trackOfCard(kind) === "mixed"
        ? `Daily challenge · ${kind.date}`
        : `${LEVEL_LABELS[trackOfCard(kind) as Level]} daily · ${kind.date}`;
  const verb = completionOf(challenge) === "answer" ? "Submit its answer" : "Mark it done";
  return {
    ...renderChallengeEmbed(challenge, content),
    author: { name: label },
    footer: {
      text:
        "practice" in kind ? "Practice counts in your total, not your streak." : `${verb} today to keep your streak.`,
    },
  };
}

const button = (
  custom_id: string,
  label: string,
  emoji: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success = ButtonStyle.Secondary,
): APIButtonComponent => ({ type: ComponentType.Button, style, label, custom_id, emoji: { name: emoji } });

/** How a challenge is completed: by submitting its checked answer, else by marking it done on trust. */
export type Completion = "answer" | "done";

export const completionOf = (challenge: Challenge): Completion => (challenge.answer ? "answer" : "done");

/**
 * The button that completes a challenge, the same wherever it is offered (its card, a reminder): "Submit answer"
 * for a challenge with a checked answer, else "Mark done". The caller gives each one's custom_id, since what a
 * press does depends on where the button is.
 */
export function completionButton(challenge: Challenge, ids: Record<Completion, () => string>): APIButtonComponent {
  return completionOf(challenge) === "answer"
    ? button(ids.answer(), "Submit answer", "🎯", ButtonStyle.Success)
    : button(ids.done(), "Mark done", "✅", ButtonStyle.Success);
}

/**
 * A card's buttons: its completion button; "Hint" when it has hints; "Resources". A daily card's buttons carry its
 * date and track, so they close with the day.
 */
export function challengeButtons(challenge: Challenge, kind: CardKind): APIActionRowComponent<APIButtonComponent>[] {
  const target = "practice" in kind ? { challengeId: challenge.id } : { date: kind.date, track: trackOfCard(kind) };
  const main = completionButton(challenge, {
    answer: () => challengeIds.build({ action: "answer", target }),
    done: () =>
      challengeIds.build(
        "practice" in kind
          ? { action: "practice", challengeId: challenge.id }
          : { action: "done", date: kind.date, track: trackOfCard(kind) },
      ),
  });
  const components = [main];
  if ((challenge.hints?.length ?? 0) > 0)
    components.push(button(challengeIds.build({ action: "hint", challengeId: challenge.id, shown: 1 }), "Hint", "💡"));
  components.push(button(challengeIds.build({ action: "resources", challengeId: challenge.id }), "Resources", "📚"));
  return [{ type: ComponentType.ActionRow, components }];
}

/** On a daily post: the same day's daily of the other tracks, each opened privately. */
export function otherTrackButtons(date: LocalDate, shown: Track): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: LEVELS.filter((level) => level !== shown).map((level) =>
      button(
        challengeIds.build({ action: "level", date, track: level }),
        `${LEVEL_LABELS[level]} daily`,
        LEVEL_EMOJI[level],
      ),
    ),
  };
}

export const TRACK_LABELS: Record<Track, string> = { mixed: "All levels (the mix)", ...LEVEL_LABELS };

/** A server's daily rules in one line each, for /config. */
export function describeDailyRules(rules: DailyRules): string {
  const allowed = REQUIREMENTS.filter((r) => rules.allows.has(r)).map((r) => REQUIREMENT_LABELS[r]);
  const never = REQUIREMENTS.filter((r) => !rules.allows.has(r)).map((r) => REQUIREMENT_LABELS[r]);
  return [
    `Default track: **${TRACK_LABELS[rules.track]}** (members can choose their own with \`/challenge level\`).`,
    `The daily may need: ${allowed.length > 0 ? allowed.join(", ") : "nothing beyond a laptop"}.`,
    never.length > 0 ? `It never needs: ${never.join(", ")}.` : "It may need anything.",
  ].join("\n");
}

/** Hints 1 to `shown`, and a button for the next one while there is one. */
export function renderHints(
  challenge: Challenge,
  shown: number,
): { content: string; components: APIActionRowComponent<APIButtonComponent>[] } {
  const hints = challenge.hints ?? [];
  const upTo = Math.min(Math.max(shown, 1), hints.length);
  const lines = hints.slice(0, upTo).map((hint, i) => `💡 **Hint ${i + 1} of ${hints.length}:** ${hint}`);
  const content =
    hints.length === 0 ? "This challenge has no hints." : truncate(`**${challenge.title}**\n${lines.join("\n")}`, 2000);
  const components =
    upTo < hints.length
      ? [
          {
            type: ComponentType.ActionRow as const,
            components: [
              button(
                challengeIds.build({ action: "hint", challengeId: challenge.id, shown: upTo + 1 }),
                "Next hint",
                "💡",
              ),
            ],
          },
        ]
      : [];
  return { content, components };
}

/**
 * The answer box: what the challenge asks for is the placeholder, since a modal label holds only 45 characters.
 * `customId` routes the submission back to whoever opened it (the card, a reminder).
 */
export function answerModal(challenge: Challenge, customId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: truncate(`Answer: ${challenge.title}`, 45),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: "answer",
            label: "Your answer",
            style: TextInputStyle.Short,
            placeholder: truncate(challenge.answer?.asks ?? "Your answer", 100),
            required: true,
            min_length: 1,
            max_length: ANSWER_MAX,
          },
        ],
      },
    ],
  };
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
