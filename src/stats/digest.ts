/**
 * The weekly digest's message: the server report for the past week (./report.ts) as /stats server shows it, its
 * figures in an embed and its charts as an image with alt text (./render.ts, ./charts.ts), posted by the scheduled
 * posts' machinery (src/schedule/, kind "digest"), which gives it the footer marker a restart finds it again by.
 */
import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from "discord.js";
import type { MessageFile } from "../jobs/discord.js";
import { addDays, type LocalDate } from "../time/index.js";
import { reportImage } from "./charts.js";
import { REPORT_FILE, reportAltText, reportEmbed } from "./render.js";
import type { ServerReport } from "./report.js";

/** The digest posted on `date` covers the 7 dates before it, on the server's calendar. */
export const DIGEST_DAYS = 7;
export const digestThrough = (date: LocalDate): LocalDate => addDays(date, -1);

export function digestHeading(report: ServerReport): string {
  const { period } = report;
  return `Weekly digest · ${period.from} to ${period.through} (${period.zone})`;
}

/** The post: never pings (challenge titles and figures only), its image attached with the report's alt text. */
export function digestMessage(
  report: ServerReport,
  title: (challengeId: string) => string,
  marker: string,
): { body: RESTPostAPIChannelMessageJSONBody; files: MessageFile[] } {
  const heading = digestHeading(report);
  const embed: APIEmbed = {
    ...reportEmbed(report, title),
    title: heading,
    image: { url: `attachment://${REPORT_FILE}` },
    footer: { text: marker },
  };
  return {
    body: { embeds: [embed], allowed_mentions: { parse: [] } },
    files: [{ name: REPORT_FILE, data: reportImage(report, title, heading), description: reportAltText(report) }],
  };
}
