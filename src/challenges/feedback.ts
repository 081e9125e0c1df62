/**
 * What members see to give feedback on a challenge: the rating and report buttons under every completion reply,
 * the report form, and the private answers. The buttons route to /challenge (src/challenges/custom-ids.ts).
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import { findChallenge } from "../content/load.js";
import { truncate } from "../format.js";
import { DETAILS_MAX, REPORT_KIND_LABELS, REPORT_KINDS } from "../library/reports.js";
import { challengeIds } from "./custom-ids.js";
import { RATING_LABELS, RATINGS, type RateOutcome, type Rating } from "./ratings.js";

const RATING_EMOJI: Record<Rating, string> = { easy: "🟢", right: "👌", hard: "🔴" };

/** Too easy, About right, Too hard and Report a problem, for one challenge. */
export function feedbackRow(challengeId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      ...RATINGS.map(
        (rating): APIButtonComponent => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: RATING_LABELS[rating],
          emoji: { name: RATING_EMOJI[rating] },
          custom_id: challengeIds.build({ action: "rate", challengeId, rating }),
        }),
      ),
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: "Report a problem",
        emoji: { name: "⚠️" },
        custom_id: challengeIds.build({ action: "report", challengeId }),
      },
    ],
  };
}

/** The private answer to a rating press. */
export function ratedMessage(outcome: RateOutcome, rating: Rating, title: string): string {
  const name = `**${truncate(title, 120)}**`;
  if (outcome.status === "unchanged") return `You had already rated ${name} “${RATING_LABELS[rating]}”. Thanks!`;
  if (outcome.previous)
    return `Changed your rating of ${name} from “${RATING_LABELS[outcome.previous]}” to “${RATING_LABELS[rating]}”. Thanks!`;
  return `Thanks! You rated ${name} “${RATING_LABELS[rating]}”. Press another button to change it.`;
}

/** The report form: what is wrong (a select in a label, Discord's component 18) and the details. */
export function reportModal(challengeId: string, title: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: challengeIds.build({ action: "reported", challengeId }),
    title: "Report a problem",
    components: [
      {
        type: ComponentType.Label,
        label: "What is wrong?",
        description: truncate(title, 100),
        component: {
          type: ComponentType.StringSelect,
          custom_id: "kind",
          required: true,
          min_values: 1,
          max_values: 1,
          options: REPORT_KINDS.map((kind) => ({ label: REPORT_KIND_LABELS[kind], value: kind })),
        },
      },
      {
        type: ComponentType.Label,
        label: "Details",
        description: "What you saw, and what you expected. Reviewers read this.",
        component: {
          type: ComponentType.TextInput,
          custom_id: "details",
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: DETAILS_MAX,
        },
      },
    ],
  };
}

/**
 * `/challenge history`'s "Rate or report…" select: the challenges listed (newest first, each once, at most 25, the
 * select's limit), each with the member's current rating.
 */
export function ratePicker(
  challengeIdsNewestFirst: readonly string[],
  content: Content,
  rated: ReadonlyMap<string, Rating>,
): APIActionRowComponent<APIStringSelectComponent> | null {
  const ids = [...new Set(challengeIdsNewestFirst)].slice(0, 25);
  if (ids.length === 0) return null;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: challengeIds.build({ action: "pick" }),
        placeholder: "Rate a challenge or report a problem…",
        options: ids.map((id) => {
          const rating = rated.get(id);
          return {
            label: truncate(findChallenge(content, id)?.title ?? id, 100),
            value: id,
            description: rating ? `You rated it: ${RATING_LABELS[rating]}` : "Not rated yet",
          };
        }),
      },
    ],
  };
}
