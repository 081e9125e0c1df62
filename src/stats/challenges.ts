import { sql } from "drizzle-orm";
import type { Track } from "../challenges/tracks.js";
import { jsonRows } from "../db/dialect.js";
import { type Gen, rows, type Session } from "../db/store.js";
import type { LocalDate } from "../time/index.js";

/**
 * Per-challenge figures of one server: the one rule shared by `/library stats` and the report's challenges section.
 *
 * A challenge's draws are its `daily_challenges` rows (a date and a track). For each draw:
 * - completions: daily completions of that challenge credited to that date;
 * - members active that day: members with any completion credited to that date who did not complete another
 *   track's daily that date (a member has at most one daily a date, so each active member counts for one track's
 *   daily at most when they did one);
 * - tries: `answer_attempts` rows of that challenge and date (one per member who submitted an answer).
 * A challenge's figures sum its draws; its rate is completions over members active on its draws.
 */
export interface ChallengeStats {
  challengeId: string;
  /** Distinct dates it was drawn (on any track). */
  daysDrawn: number;
  /** The tracks it was drawn for. */
  tracks: Track[];
  /** The last date it was drawn. */
  lastDrawn: LocalDate;
  completions: number;
  /** Members active on the dates it was drawn (see above): the rate's denominator. */
  activeThatDay: number;
  /** completions / activeThatDay, or null when nobody was active. */
  rate: number | null;
  /** Completions with the checked answer submitted and right. */
  verified: number;
  /** verified / completions, or null without completions. */
  verifiedShare: number | null;
  /** Median of answer tries per member and draw (members who submitted at least one), or null when nobody did. */
  medianTries: number | null;
}

export interface DrawRange {
  from: LocalDate;
  through: LocalDate;
}

type DrawRow = {
  challenge_id: string;
  date: string;
  track: Track;
  done: number;
  verified: number;
  active: number;
};

/**
 * Every challenge drawn in the server (within `range` when given: draws whose date is in it), with its figures.
 * Set-based: one statement for the draws' counts (each an index probe on the log by guild and date), one for the
 * tries' histogram.
 */
export function* challengeStatsIn(s: Session, guildId: string, range: DrawRange | null): Gen<ChallengeStats[]> {
  const inRange = range ? sql`AND dc.date >= ${range.from} AND dc.date <= ${range.through}` : sql``;
  const draws = yield* rows<DrawRow>(sql`
    SELECT dc.challenge_id, dc.date, dc.track,
      (SELECT count(*) FROM completions c WHERE c.guild_id = dc.guild_id AND c.local_date = dc.date
        AND c.kind = 'daily' AND c.challenge_id = dc.challenge_id) AS done,
      (SELECT count(*) FROM completions c WHERE c.guild_id = dc.guild_id AND c.local_date = dc.date
        AND c.kind = 'daily' AND c.challenge_id = dc.challenge_id AND c.verified = 1) AS verified,
      (SELECT count(DISTINCT a.user_id) FROM completions a WHERE a.guild_id = dc.guild_id AND a.local_date = dc.date
        AND NOT EXISTS (SELECT 1 FROM completions o WHERE o.guild_id = a.guild_id AND o.user_id = a.user_id
          AND o.local_date = a.local_date AND o.kind = 'daily' AND o.challenge_id <> dc.challenge_id)) AS active
    FROM daily_challenges dc
    WHERE dc.guild_id = ${guildId} ${inRange}
    ORDER BY dc.challenge_id, dc.date, dc.track`);
  if (draws.length === 0) return [];
  // Tries per member on each draw: answer_attempts keyed by challenge and date, joined to the draws.
  const drawKeys = [...new Map(draws.map((d) => [`${d.challenge_id}|${d.date}`, d])).values()].map((d) => ({
    challenge_id: d.challenge_id,
    date: d.date,
  }));
  const tries = yield* rows<{ challenge_id: string; tries: number; n: number }>(sql`
    SELECT aa.challenge_id, aa.tries, count(*) AS n
    FROM ${jsonRows(s.engine, drawKeys, { challenge_id: "text", date: "text" })} k
    JOIN answer_attempts aa ON aa.guild_id = ${guildId} AND aa.challenge_id = k.challenge_id AND aa.local_date = k.date
    GROUP BY aa.challenge_id, aa.tries`);
  const histograms = new Map<string, Map<number, number>>();
  for (const t of tries) {
    const h = histograms.get(t.challenge_id) ?? new Map<number, number>();
    h.set(Number(t.tries), Number(t.n));
    histograms.set(t.challenge_id, h);
  }
  const out = new Map<string, ChallengeStats & { dates: Set<string> }>();
  for (const d of draws) {
    let c = out.get(d.challenge_id);
    if (!c) {
      c = {
        challengeId: d.challenge_id,
        daysDrawn: 0,
        tracks: [],
        lastDrawn: d.date,
        completions: 0,
        activeThatDay: 0,
        rate: null,
        verified: 0,
        verifiedShare: null,
        medianTries: median(histograms.get(d.challenge_id)),
        dates: new Set(),
      };
      out.set(d.challenge_id, c);
    }
    // The same challenge drawn for two tracks on one date: its completions and active members that date are the
    // same rows, counted once.
    if (!c.dates.has(d.date)) {
      c.dates.add(d.date);
      c.completions += Number(d.done);
      c.verified += Number(d.verified);
      c.activeThatDay += Number(d.active);
    }
    if (!c.tracks.includes(d.track)) c.tracks.push(d.track);
    if (d.date > c.lastDrawn) c.lastDrawn = d.date;
  }
  return [...out.values()].map(({ dates, ...c }) => ({
    ...c,
    daysDrawn: dates.size,
    rate: c.activeThatDay > 0 ? c.completions / c.activeThatDay : null,
    verifiedShare: c.completions > 0 ? c.verified / c.completions : null,
  }));
}

/** The median of a histogram (value → count): the middle value, or the mean of the two middle ones. */
export function median(histogram: ReadonlyMap<number, number> | undefined): number | null {
  if (!histogram) return null;
  const values = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const total = values.reduce((n, [, count]) => n + count, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const [value, count] of values) {
      seen += count;
      if (k < seen) return value;
    }
    return values[values.length - 1]?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** Orders for `/library stats` and the report: the hardest first is the lowest completion rate. */
export const CHALLENGE_SORTS = ["hardest", "least-completed", "most-drawn"] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];

const byRate = (a: ChallengeStats, b: ChallengeStats) => (a.rate ?? 0) - (b.rate ?? 0);
const tiebreak = (a: ChallengeStats, b: ChallengeStats) =>
  b.lastDrawn.localeCompare(a.lastDrawn) || a.challengeId.localeCompare(b.challengeId);

export function sortChallenges(list: readonly ChallengeStats[], sort: ChallengeSort): ChallengeStats[] {
  const order: Record<ChallengeSort, (a: ChallengeStats, b: ChallengeStats) => number> = {
    hardest: (a, b) => byRate(a, b) || tiebreak(a, b),
    "least-completed": (a, b) => a.completions - b.completions || tiebreak(a, b),
    "most-drawn": (a, b) => b.daysDrawn - a.daysDrawn || tiebreak(a, b),
  };
  return [...list].sort(order[sort]);
}
