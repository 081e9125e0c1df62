import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord-api-types/v10";
import { plural } from "../format.js";
import type { DeleteOutcome, KeptCounts, MemberData } from "./index.js";

/** How long each kind of row is kept: the README's Privacy section says the same. */
export const RETENTION = [
  "Completions, notes, answer tries, streak figures, rest days and milestones: until you delete them here, or until the server removes Gradient.",
  "Reminders and your track: until you turn them off or delete them here.",
  "Suggestions: until you delete them here; an accepted one stays in the server's library without your name.",
  "Ratings and problem reports: until you delete them here; `npm run feedback:export` hands the shipped library's maintainers counts and report texts, never who.",
  "Your time zone and your last resource picks: until you delete everything (they follow you across servers).",
];

function lines(c: KeptCounts): string[] {
  return [
    `${plural(c.dailies, "daily completion")} and ${plural(c.practice, "practice completion")} (${plural(c.notes, "with a note", "with a note")})`,
    plural(c.answerTries, "answer-try record"),
    `${plural(c.reminders, "reminder")}, ${plural(c.restDays, "planned rest day")}, ${plural(c.milestones, "milestone")} reached`,
    `${c.track > 0 ? "a chosen track" : "no chosen track"}, ${plural(c.suggestions, "suggestion")}`,
    `${plural(c.ratings, "challenge rating")}, ${plural(c.reports, "problem report")}`,
  ];
}

const list = (c: KeptCounts) => lines(c).map((l) => `- ${l}`);

export function privacyShowMessage(data: MemberData): string {
  return [
    "**What Gradient keeps about you**",
    ...(data.here ? ["", "__In this server__", ...list(data.here)] : []),
    "",
    `__In all servers__ (${plural(data.servers, "server")})`,
    ...list(data.everywhere),
    `- your time zone: ${data.zone === null ? "not set" : "set"}; ${plural(data.resourcePicks, "recent resource pick")}`,
    "",
    "**How long**",
    ...RETENTION.map((r) => `- ${r}`),
    "",
    "`/privacy delete` deletes it, in this server or everywhere.",
  ].join("\n");
}

export function privacyConfirmMessage(scope: "this-server" | "everywhere", data: MemberData): string {
  const c = scope === "this-server" ? data.here : data.everywhere;
  const where =
    scope === "this-server" ? "in this server" : `in all ${plural(data.servers, "server")}, with your time zone`;
  return [
    `Delete everything Gradient keeps about you ${where}? This cannot be undone: your streaks and history there start from zero.`,
    ...(c ? list(c) : []),
  ].join("\n");
}

export function privacyDeletedMessage(outcome: DeleteOutcome): string {
  const d = outcome.deleted;
  const rows = [
    plural(d.dailies + d.practice, "completion"),
    plural(d.answerTries, "answer record"),
    plural(d.reminders, "reminder"),
    plural(d.restDays, "rest day"),
    plural(d.milestones, "milestone"),
    plural(d.track, "track choice"),
    plural(d.suggestions, "suggestion"),
    plural(d.ratings, "rating"),
    plural(d.reports, "problem report"),
  ];
  if (outcome.zone) rows.push("your time zone");
  if (outcome.resourcePicks > 0) rows.push(plural(outcome.resourcePicks, "resource pick"));
  return `Deleted ${rows.join(", ")}, in ${plural(outcome.servers, "server")}. You are off the leaderboards. \`/privacy show\` now shows nothing kept there.`;
}

/** `/config forget-member`'s question to the moderator, with what would be deleted. */
export function forgetMemberConfirmMessage(userId: string, counts: KeptCounts | null): string {
  return [
    `Delete everything Gradient keeps about <@${userId}> in this server, as they asked? This cannot be undone: their streaks and history here start from zero.`,
    ...(counts ? list(counts) : []),
  ].join("\n");
}

export function forgetMemberDoneMessage(userId: string, outcome: DeleteOutcome): string {
  const d = outcome.deleted;
  return `Deleted what Gradient kept about <@${userId}> in this server (${plural(d.dailies + d.practice, "completion")}, ${plural(d.reminders, "reminder")}, ${plural(d.suggestions, "suggestion")} and the rest). They are off the leaderboards.`;
}

/** The two buttons under every "delete this data?" question: the deletion, and Keep it. */
export function deleteConfirmRow(
  label: string,
  confirmId: string,
  keepId: string,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Danger, label, custom_id: confirmId },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Keep it", custom_id: keepId },
    ],
  };
}
