import { sql } from "drizzle-orm";
import type { Track } from "../challenges/tracks.js";
import { jsonRows } from "../db/dialect.js";
import { type Gen, rows, type Session } from "../db/store.js";
import type { ChallengeSort } from "../library/custom-ids.js";
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
 * A challenge's figures sum its draws; its rate is completions over members active on its draws. Ratings and open
 * problem reports (src/db/tables/feedback.ts) are the challenge's in this server, whenever given.
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
  /** Members' ratings of it in this server (one per member, their latest). */
  ratings: Record<Rating, number>;
  /** Problem reports about it still open. */
  openReports: number;
}

export const RATINGS = ["easy", "right", "hard"] as const;
export type Rating = (typeof RATINGS)[number];

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
 * Set-based: the draws, members active per date and dailies per date and challenge (each a range of the log by
 * guild and date), the tries' histogram, ratings and open reports: a fixed number of statements.
 */
export function* challengeStatsIn(s: Session, guildId: string, range: DrawRange | null): Gen<ChallengeStats[]> {
  const inRange = range ? sql`AND dc.date >= ${range.from} AND dc.date <= ${range.through}` : sql``;
  // Per date: members active, and dailies by challenge. A member completes at most one daily a date, so the
  // members active that day for a draw are those active minus those whose daily that date was another challenge.
  const dateRange = range ? sql`AND c.local_date >= ${range.from} AND c.local_date <= ${range.through}` : sql``;
  const drawn = yield* rows<{ challenge_id: string; date: string; track: Track }>(sql`
    SELECT dc.challenge_id, dc.date, dc.track FROM daily_challenges dc
    WHERE dc.guild_id = ${guildId} ${inRange} ORDER BY dc.challenge_id, dc.date, dc.track`);
  const activeRows = yield* rows<{ local_date: string; n: number }>(sql`
    SELECT c.local_date, count(DISTINCT c.user_id) AS n FROM completions c
    WHERE c.guild_id = ${guildId} ${dateRange} GROUP BY c.local_date`);
  const dailyRows = yield* rows<{ local_date: string; challenge_id: string; n: number; verified: number }>(sql`
    SELECT c.local_date, c.challenge_id, count(*) AS n, sum(CASE WHEN c.verified = 1 THEN 1 ELSE 0 END) AS verified
    FROM completions c WHERE c.guild_id = ${guildId} ${dateRange} AND c.kind = 'daily'
    GROUP BY c.local_date, c.challenge_id`);
  const activeOn = new Map(activeRows.map((r) => [r.local_date, Number(r.n)]));
  const dailiesOn = new Map<string, number>();
  const doneOf = new Map<string, { n: number; verified: number }>();
  for (const r of dailyRows) {
    dailiesOn.set(r.local_date, (dailiesOn.get(r.local_date) ?? 0) + Number(r.n));
    doneOf.set(`${r.local_date}|${r.challenge_id}`, { n: Number(r.n), verified: Number(r.verified) });
  }
  const draws: DrawRow[] = drawn.map((d) => {
    const done = doneOf.get(`${d.date}|${d.challenge_id}`) ?? { n: 0, verified: 0 };
    const others = (dailiesOn.get(d.date) ?? 0) - done.n;
    return { ...d, done: done.n, verified: done.verified, active: (activeOn.get(d.date) ?? 0) - others };
  });
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
  const challengeIds = [...new Set(draws.map((d) => d.challenge_id))].map((challenge_id) => ({ challenge_id }));
  const ids = jsonRows(s.engine, challengeIds, { challenge_id: "text" });
  const rated = yield* rows<{ challenge_id: string; rating: Rating; n: number }>(sql`
    SELECT r.challenge_id, r.rating, count(*) AS n FROM ${ids} k
    JOIN ratings r ON r.guild_id = ${guildId} AND r.challenge_id = k.challenge_id
    GROUP BY r.challenge_id, r.rating`);
  const reported = yield* rows<{ challenge_id: string; n: number }>(sql`
    SELECT p.challenge_id, count(*) AS n FROM ${ids} k
    JOIN problem_reports p ON p.guild_id = ${guildId} AND p.challenge_id = k.challenge_id AND p.status = 'open'
    GROUP BY p.challenge_id`);
  const openReports = new Map(reported.map((r) => [r.challenge_id, Number(r.n)]));
  const ratings = new Map<string, Record<Rating, number>>();
  for (const r of rated) {
    const counts = ratings.get(r.challenge_id) ?? { easy: 0, right: 0, hard: 0 };
    counts[r.rating] = Number(r.n);
    ratings.set(r.challenge_id, counts);
  }
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
        ratings: ratings.get(d.challenge_id) ?? { easy: 0, right: 0, hard: 0 },
        openReports: openReports.get(d.challenge_id) ?? 0,
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

/**
 * Orders for `/library stats` and the report. Hardest: the lowest completion rate among members active that day
 * (then the most "too hard" ratings); least completed: the fewest completions.
 */

const byRate = (a: ChallengeStats, b: ChallengeStats) => (a.rate ?? 0) - (b.rate ?? 0);
const tiebreak = (a: ChallengeStats, b: ChallengeStats) =>
  b.lastDrawn.localeCompare(a.lastDrawn) || a.challengeId.localeCompare(b.challengeId);

export function sortChallenges(list: readonly ChallengeStats[], sort: ChallengeSort): ChallengeStats[] {
  const order: Record<ChallengeSort, (a: ChallengeStats, b: ChallengeStats) => number> = {
    hardest: (a, b) => byRate(a, b) || b.ratings.hard - a.ratings.hard || tiebreak(a, b),
    "least-completed": (a, b) => a.completions - b.completions || tiebreak(a, b),
    "most-reported": (a, b) => b.openReports - a.openReports || tiebreak(a, b),
    "most-drawn": (a, b) => b.daysDrawn - a.daysDrawn || tiebreak(a, b),
  };
  return [...list].sort(order[sort]);
}
