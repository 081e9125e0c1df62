import { plural } from "../format.js";
import type { LocalDate } from "../time/index.js";
import type { RestPlan } from "./rest-plan.js";

/** What a member reads after planning or cancelling rest days. */

const span = (dates: readonly LocalDate[]) =>
  dates.length === 1 ? (dates[0] ?? "") : `${dates[0]} to ${dates[dates.length - 1]}`;

export function restPlannedMessage(plan: RestPlan): string {
  const head =
    plan.planned.length > 0
      ? `🌙 Rest planned: ${span(plan.planned)} (${plural(plan.planned.length, "day")}). Those days neither break nor extend your streak, and you get no reminder on them.`
      : "🌙 Those days were already planned as rest days; nothing changed.";
  return [
    head,
    `Planned ahead: ${plan.upcoming.length > 0 ? plan.upcoming.join(", ") : "none"}.`,
    `This year you've used ${plan.usedThisYear} of this server's ${plural(plan.allowance, "rest day")}. \`/streak rest cancel:True\` drops the ones still ahead.`,
  ].join("\n");
}

export function restCancelledMessage(dropped: readonly LocalDate[]): string {
  return dropped.length > 0
    ? `Cancelled ${plural(dropped.length, "planned rest day")}: ${dropped.join(", ")}. They count against this year's allowance no more.`
    : "You have no rest days planned ahead, so nothing changed.";
}
