/**
 * The weekly digest's message: the server report for the past week (./report.ts), posted by the scheduled posts'
 * machinery (src/schedule/, kind "digest"), which gives it its footer marker so a restart can find it again.
 */
import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { COLOURS, truncate } from "../format.js";
import { addDays, type LocalDate } from "../time/index.js";
import { type ServerReport, STREAK_BUCKETS } from "./report.js";

/** The digest posted on `date` covers the 7 dates before it, on the server's calendar. */
export const DIGEST_DAYS = 7;
export const digestThrough = (date: LocalDate): LocalDate => addDays(date, -1);

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

/** Every member-facing line of the digest; challenge ids only, never member names, so nothing can ping. */
export function digestMessage(report: ServerReport, marker: string): RESTPostAPIChannelMessageJSONBody {
  const { activity, comingBack, streaks, reminders, challenges, period } = report;
  const completions = activity.reduce((sum, d) => sum + d.dailies + d.practice, 0);
  const [busiest] = [...activity].sort((a, b) => b.active - a.active);
  const lastWeek = comingBack.at(-1);
  const perDay = activity.map((d) => `${d.date.slice(5)}: ${d.active}`).join(" · ");
  const ranked = (list: ServerReport["challenges"]["most"]) =>
    list.length === 0
      ? "None drawn."
      : list.map((c) => `\`${c.challengeId}\` ${percent(c.rate)} (${c.completions})`).join("\n");
  const embed: APIEmbed = {
    color: COLOURS.brand,
    title: `This server's week: ${period.from} to ${period.through}`,
    description: `Dates in ${period.zone}.`,
    fields: [
      {
        name: "Activity",
        value: truncate(
          [
            `${completions} completions; members active each day: ${perDay}.`,
            busiest && busiest.active > 0
              ? `Busiest day: ${busiest.date} (${busiest.active} active).`
              : "Nobody completed a challenge.",
          ].join("\n"),
          1024,
        ),
      },
      {
        name: "Coming back",
        value: lastWeek
          ? `Of the ${lastWeek.active} members active in ${lastWeek.week}, ${lastWeek.returned} (${percent(lastWeek.share)}) came back the week after${lastWeek.nextWeekComplete ? "" : " so far"}. New members that week: ${lastWeek.newMembers}.`
          : "No weeks yet.",
      },
      {
        name: "Streaks",
        value: `${STREAK_BUCKETS.map((b) => `${b} days: ${streaks.buckets[b]}`).join(" · ")}\nFreezes used: ${streaks.freezesUsed}.`,
      },
      {
        name: "Reminders",
        value: `${reminders.sent} sent; ${reminders.followed} (${percent(reminders.share)}) followed by that day's challenge within 2 hours.`,
      },
      { name: "Most completed dailies", value: truncate(ranked(challenges.most), 1024), inline: true },
      { name: "Least completed dailies", value: truncate(ranked(challenges.least), 1024), inline: true },
    ],
    footer: { text: marker },
  };
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}
