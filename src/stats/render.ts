import { TRACKS } from "../challenges/tracks.js";
import type { ChallengeStats } from "./challenges.js";
import { STREAK_BUCKETS } from "./queries.js";
import type { ServerReport } from "./report.js";

/**
 * The report in words: the same figures as the image, as an embed within Discord's limits (a 90-day table of
 * about 35 characters a row fits the 4,096 of a description), and the image's alt text.
 */

export const REPORT_FILE = "server-stats.png";

/** A share as a percentage with one decimal, or an em dash when there was nobody to count. */
export const pct = (share: number | null): string => (share === null ? "–" : `${(share * 100).toFixed(1)}%`);

const avg = (n: number) => n.toFixed(1);

/** One row a date: active members, dailies, practice and the 7-day average of active members. */
function activityTable(report: ServerReport): string {
  const rows = report.activity.map(
    (d) =>
      `${d.date.slice(5)} ${String(d.active).padStart(6)} ${String(d.dailies).padStart(7)} ${String(d.practice).padStart(8)} ${avg(d.activeAverage7).padStart(7)}`,
  );
  return ["```", "date  active dailies practice 7d avg", ...rows, "```"].join("\n");
}

function challengeLine(c: ChallengeStats, title: (id: string) => string): string {
  const name = title(c.challengeId);
  const clipped = name.length > 60 ? `${name.slice(0, 59)}…` : name;
  const tries = c.medianTries === null ? "" : ` · median tries ${c.medianTries}`;
  return `${clipped}: ${pct(c.rate)} (${c.completions}/${c.activeThatDay}) · drawn ${c.daysDrawn}d · verified ${pct(c.verifiedShare)}${tries}`;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function reportHeading(report: ServerReport): string {
  const { period } = report;
  return `Server stats · ${period.days} days · ${period.from} to ${period.through} (${period.zone})`;
}

/** The embed: activity table, then coming back, streaks, reminders and challenges as fields. */
export function reportEmbed(report: ServerReport, title: (id: string) => string) {
  const totals = Object.fromEntries(
    TRACKS.map((t) => [t, report.activity.reduce((n, d) => n + d.byTrack[t], 0)]),
  ) as Record<string, number>;
  const tracks = TRACKS.filter((t) => (totals[t] ?? 0) > 0)
    .map((t) => `${t} ${totals[t]}`)
    .join(" · ");
  const weeks = report.comingBack.map(
    (w) =>
      `${w.week}: ${w.active} active, ${w.returned} back (${pct(w.share)}${w.nextWeekComplete ? "" : ", week after still under way"}), ${w.newMembers} new`,
  );
  const { buckets, freezesUsed } = report.streaks;
  const r = report.reminders;
  const list = (cs: readonly ChallengeStats[]) =>
    cs.length === 0 ? "no daily drawn in this period" : cs.map((c) => challengeLine(c, title)).join("\n");
  return {
    title: reportHeading(report),
    description: clip(`**Activity per day**\n${activityTable(report)}\nDailies by track: ${tracks || "none"}`, 4096),
    fields: [
      { name: "Coming back (ISO weeks)", value: clip(weeks.join("\n"), 1024) },
      {
        name: "Streaks",
        value: `${STREAK_BUCKETS.map((b) => `${b} days: ${buckets[b]}`).join(" · ")}\nFreezes used: ${freezesUsed}`,
      },
      {
        name: "Reminders",
        value: `Sent: ${r.sent} · followed by that day's daily within 2 hours: ${r.followed} (${pct(r.share)})`,
      },
      { name: "Most completed dailies", value: clip(list(report.challenges.most), 1024) },
      { name: "Least completed dailies", value: clip(list(report.challenges.least), 1024) },
    ],
  };
}

/** The attachment's description (alt text, at most 1,024 characters): what the charts show, in one paragraph. */
export function reportAltText(report: ServerReport): string {
  const days = report.activity;
  const peak = days.reduce((best, d) => (d.active > best.active ? d : best), days[0] ?? { active: 0, date: "" });
  const dailies = days.reduce((n, d) => n + d.dailies, 0);
  const last = [...report.comingBack].reverse().find((w) => w.nextWeekComplete);
  const { buckets } = report.streaks;
  const text =
    `Charts of ${reportHeading(report)}. Activity: ${dailies} daily completions; members active per day averaged ` +
    `${avg(days.reduce((n, d) => n + d.active, 0) / Math.max(1, days.length))}, peak ${peak.active}${peak.date ? ` on ${peak.date}` : ""}. ` +
    `Coming back: ${last ? `${pct(last.share)} of ${last.week}'s members returned the week after` : "no complete week"}; ` +
    `${report.comingBack.reduce((n, w) => n + w.newMembers, 0)} new members in 12 weeks. ` +
    `Current streaks: ${STREAK_BUCKETS.map((b) => `${buckets[b]} of ${b} days`).join(", ")}. ` +
    `Dailies: completion rates from ${pct(report.challenges.least[0]?.rate ?? null)} to ${pct(report.challenges.most[0]?.rate ?? null)}.`;
  return clip(text, 1024);
}
