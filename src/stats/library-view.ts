import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { findChallenge } from "../content/load.js";
import type { AppContext } from "../context.js";
import { COLOURS, plural, truncate } from "../format.js";
import { type ChallengeSort, libraryIds } from "../library/custom-ids.js";
import { libraryIn } from "../library/store.js";
import { type ChallengeStats, challengeStatsIn, sortChallenges } from "./challenges.js";
import { pct } from "./render.js";

/** `/library stats`: every challenge drawn in this server with its figures (src/stats/challenges.ts), 10 a page. */

export const STATS_PAGE_SIZE = 10;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface LibraryStats {
  stats: ChallengeStats[];
  titles: Map<string, string>;
}

/**
 * The figures of every challenge drawn here (the whole log: on the stats readers where there are some) and their
 * titles in this server's library.
 */
export async function libraryStats(
  ctx: Pick<AppContext, "store" | "content" | "bulkReads">,
  guildId: string,
): Promise<LibraryStats> {
  const stats = await (ctx.bulkReads ?? ctx.store).read(challengeStatsIn, guildId, null);
  const library = await ctx.store.read(libraryIn, ctx.content, guildId);
  const titles = new Map(
    stats.map((c) => [c.challengeId, findChallenge(library, c.challengeId)?.title ?? c.challengeId]),
  );
  return { stats, titles };
}

const SORT_LABELS: Record<ChallengeSort, string> = {
  hardest: "hardest first (lowest completion rate)",
  "least-completed": "least completed first",
  "most-reported": "most open reports first",
  "most-drawn": "most drawn first",
};

function line(c: ChallengeStats, title: string): string {
  const tries = c.medianTries === null ? "–" : String(c.medianTries);
  const r = c.ratings;
  return [
    `**${truncate(title, 80)}** \`${c.challengeId}\``,
    `drawn ${plural(c.daysDrawn, "day")} · ${c.completions} done of ${c.activeThatDay} active (${pct(c.rate)}) · verified ${pct(c.verifiedShare)} · median tries ${tries}`,
    `ratings: too easy ${r.easy} · about right ${r.right} · too hard ${r.hard} · open reports ${c.openReports}`,
  ].join("\n");
}

export function libraryStatsView(
  { stats, titles }: LibraryStats,
  sort: ChallengeSort,
  page: number,
): { embeds: APIEmbed[]; components: Row[] } {
  const sorted = sortChallenges(stats, sort);
  const pages = Math.max(1, Math.ceil(sorted.length / STATS_PAGE_SIZE));
  const at = Math.min(page, pages - 1);
  const shown = sorted.slice(at * STATS_PAGE_SIZE, (at + 1) * STATS_PAGE_SIZE);
  const nav = (label: string, to: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id: libraryIds.build({ action: "stats", sort, page: Math.max(0, to) }),
    disabled,
  });
  return {
    embeds: [
      {
        color: COLOURS.brand,
        title: `Challenges drawn in this server, ${SORT_LABELS[sort]}`,
        description:
          shown.length > 0
            ? shown.map((c) => line(c, titles.get(c.challengeId) ?? c.challengeId)).join("\n\n")
            : "No daily has been drawn here yet.",
        footer: {
          text: `Page ${at + 1} of ${pages} · ${plural(sorted.length, "challenge")} · rate: completions among members active that day`,
        },
      },
    ],
    components:
      pages > 1
        ? [
            {
              type: ComponentType.ActionRow,
              components: [nav("Previous", at - 1, at === 0), nav("Next", at + 1, at >= pages - 1)],
            },
          ]
        : [],
  };
}
