import { sql } from "drizzle-orm";
import { TRACKS, type Track } from "../challenges/tracks.js";
import type { AppContext } from "../context.js";
import { jsonRows } from "../db/dialect.js";
import { type Gen, rows, type Session } from "../db/store.js";
import { freezeUses } from "../streaks/engine.js";
import { allRestDays } from "../streaks/rest.js";
import { memberLog } from "../streaks/store.js";
import { addDays, type LocalDate } from "../time/index.js";

/**
 * The report's statements (./report.ts). Dates and weeks arrive as spans of instants on the server's calendar
 * (computed in TypeScript, where zones are known), joined to the log by `completions_guild_time`, so each
 * statement reads only the rows of its window and the database does the counting.
 */

/** A reminder counts as followed when that date's daily was completed within this long after it was sent. */
export const FOLLOW_THROUGH_MS = 2 * 3_600_000;

export const STREAK_BUCKETS = ["1-6", "7-29", "30-99", "100+"] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

type Span = { d: string; s: number; e: number };

export const emptyTracks = (): Record<Track, number> =>
  Object.fromEntries(TRACKS.map((t) => [t, 0])) as Record<Track, number>;

export interface DayRow {
  date: LocalDate;
  active: number;
  dailies: number;
  practice: number;
  byTrack: Partial<Record<Track, number>>;
}

/** Members active, dailies and practice per date, and dailies per track (the track of the daily completed). */
export function* activityIn(s: Session, guildId: string, days: readonly Span[]): Gen<DayRow[]> {
  const spans = jsonRows(s.engine, days, { d: "text", s: "bigint", e: "bigint" });
  const totals = yield* rows<{ d: string; active: number; dailies: number; practice: number }>(sql`
    SELECT w.d, count(DISTINCT c.user_id) AS active,
      coalesce(sum(CASE WHEN c.kind = 'daily' THEN 1 ELSE 0 END), 0) AS dailies,
      coalesce(sum(CASE WHEN c.kind = 'practice' THEN 1 ELSE 0 END), 0) AS practice
    FROM ${spans} w
    JOIN completions c ON c.guild_id = ${guildId} AND c.completed_at >= w.s AND c.completed_at < w.e
    GROUP BY w.d`);
  // A challenge drawn for two tracks on one date is credited to the first track in the alphabet: one count each.
  const tracks = yield* rows<{ d: string; track: Track | null; n: number }>(sql`
    SELECT x.d, x.track, count(*) AS n FROM (
      SELECT w.d, (SELECT min(dc.track) FROM daily_challenges dc WHERE dc.guild_id = c.guild_id
        AND dc.date = c.local_date AND dc.challenge_id = c.challenge_id) AS track
      FROM ${spans} w
      JOIN completions c ON c.guild_id = ${guildId} AND c.completed_at >= w.s AND c.completed_at < w.e
      WHERE c.kind = 'daily') x
    GROUP BY x.d, x.track`);
  const out = new Map<string, DayRow>(
    totals.map((r) => [
      r.d,
      { date: r.d, active: Number(r.active), dailies: Number(r.dailies), practice: Number(r.practice), byTrack: {} },
    ]),
  );
  for (const t of tracks) {
    const row = out.get(t.d);
    // A daily whose draw row is gone (never the case today: draws are kept) is counted as the server's mixed track.
    const track = t.track ?? "mixed";
    if (row) row.byTrack[track] = (row.byTrack[track] ?? 0) + Number(t.n);
  }
  return [...out.values()];
}

type WeekSpan = { i: number; s: number; e: number };

/**
 * Per week (by index in `weeks`, consecutive): members active, of those members active in the next week, and
 * members whose first completion in the server falls in it.
 */
export function* weeksIn(
  s: Session,
  guildId: string,
  weeks: readonly WeekSpan[],
): Gen<Map<number, { active: number; returned: number; newMembers: number }>> {
  const spans = jsonRows(s.engine, weeks, { i: "bigint", s: "bigint", e: "bigint" });
  const returning = yield* rows<{ i: number; active: number; returned: number }>(sql`
    WITH wk AS (
      SELECT DISTINCT w.i AS i, c.user_id AS u FROM ${spans} w
      JOIN completions c ON c.guild_id = ${guildId} AND c.completed_at >= w.s AND c.completed_at < w.e)
    SELECT a.i, count(*) AS active, count(b.u) AS returned
    FROM wk a LEFT JOIN wk b ON b.i = a.i + 1 AND b.u = a.u
    GROUP BY a.i`);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const out = new Map(
    returning.map((r) => [Number(r.i), { active: Number(r.active), returned: Number(r.returned), newMembers: 0 }]),
  );
  if (!first || !last) return out;
  // First completion ever: the member's earliest in the window, with none before the window (an index probe each).
  const fresh = yield* rows<{ i: number; n: number }>(sql`
    SELECT w.i, count(*) AS n FROM (
      SELECT c.user_id AS u, min(c.completed_at) AS f FROM completions c
      WHERE c.guild_id = ${guildId} AND c.completed_at >= ${first.s} AND c.completed_at < ${last.e}
      GROUP BY c.user_id) x
    JOIN ${spans} w ON x.f >= w.s AND x.f < w.e
    WHERE NOT EXISTS (SELECT 1 FROM completions p WHERE p.guild_id = ${guildId} AND p.user_id = x.u
      AND p.completed_at < ${first.s})
    GROUP BY w.i`);
  for (const r of fresh) {
    const i = Number(r.i);
    const row = out.get(i) ?? { active: 0, returned: 0, newMembers: 0 };
    row.newMembers = Number(r.n);
    out.set(i, row);
  }
  return out;
}

/**
 * Members holding a current streak at `at`, by length: the 'current' board holds each member's streak with the
 * instant it lapses (src/streaks/engine.ts lapseInstant, the instant isAlive turns false), so a streak is alive
 * while that instant is still ahead, whether or not the lazy sweep has taken it off yet.
 */
export function* streakBucketsIn(_s: Session, guildId: string, at: number): Gen<Record<StreakBucket, number>> {
  const found = yield* rows<{ bucket: StreakBucket; n: number }>(sql`
    SELECT CASE WHEN value >= 100 THEN '100+' WHEN value >= 30 THEN '30-99' WHEN value >= 7 THEN '7-29' ELSE '1-6' END
      AS bucket, count(*) AS n
    FROM board_entries
    WHERE guild_id = ${guildId} AND board = 'current' AND value > 0 AND lapse_at > ${at}
    GROUP BY 1`);
  const out = Object.fromEntries(STREAK_BUCKETS.map((b) => [b, 0])) as Record<StreakBucket, number>;
  for (const r of found) out[r.bucket] = Number(r.n);
  return out;
}

/** Reminders sent that were due in the period, and those followed by that date's daily within 2 hours. */
export function* remindersIn(
  _s: Session,
  guildId: string,
  start: number,
  end: number,
): Gen<{ sent: number; followed: number }> {
  const [r] = yield* rows<{ sent: number; followed: number }>(sql`
    SELECT count(*) AS sent,
      coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM completions c WHERE c.guild_id = rs.guild_id
        AND c.user_id = rs.user_id AND c.local_date = rs.date AND c.kind = 'daily'
        AND c.completed_at >= rs.sent_at AND c.completed_at <= rs.sent_at + ${FOLLOW_THROUGH_MS}) THEN 1 ELSE 0 END), 0)
        AS followed
    FROM reminder_sends rs
    WHERE rs.guild_id = ${guildId} AND rs.due_at >= ${start} AND rs.due_at < ${end} AND rs.status = 'sent'`);
  return { sent: Number(r?.sent ?? 0), followed: Number(r?.followed ?? 0) };
}

/** Members whose log is folded per read: a short read each, so a big server's fold never holds one long statement. */
const FOLD_BATCH = 200;

/**
 * Freezes used by daily completions recorded in the period. A freeze use is an outcome of the streak fold
 * (src/streaks/engine.ts), so the members who can have one are found first in SQL: a freeze used at least once
 * (member_stats, the fold's cache) and a daily in the period whose previous date has none (a missed day); only
 * their logs are folded.
 */
export async function freezesUsedIn(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  from: LocalDate,
  through: LocalDate,
  start: number,
  end: number,
): Promise<number> {
  const candidates = await ctx.store.read(freezeCandidatesIn, guildId, from, through, start, end);
  let used = 0;
  for (let i = 0; i < candidates.length; i += FOLD_BATCH) {
    used += await ctx.store.read(foldFreezes, guildId, candidates.slice(i, i + FOLD_BATCH), start, end);
  }
  return used;
}

function* freezeCandidatesIn(
  s: Session,
  guildId: string,
  from: LocalDate,
  through: LocalDate,
  start: number,
  end: number,
): Gen<string[]> {
  // Members' own dates may lie a day either side of the server's.
  const dates = [];
  for (let d = addDays(from, -1); d <= addDays(through, 1); d = addDays(d, 1)) dates.push({ d, p: addDays(d, -1) });
  const found = yield* rows<{ user_id: string }>(sql`
    SELECT DISTINCT c.user_id FROM ${jsonRows(s.engine, dates, { d: "text", p: "text" })} dd
    JOIN completions c ON c.guild_id = ${guildId} AND c.local_date = dd.d
    JOIN member_stats ms ON ms.guild_id = c.guild_id AND ms.user_id = c.user_id AND ms.freezes_used > 0
    WHERE c.kind = 'daily' AND c.completed_at >= ${start} AND c.completed_at < ${end}
      AND NOT EXISTS (SELECT 1 FROM completions q WHERE q.guild_id = c.guild_id AND q.user_id = c.user_id
        AND q.local_date = dd.p AND q.kind = 'daily')
    ORDER BY c.user_id`);
  return found.map((r) => r.user_id);
}

function* foldFreezes(
  s: Session,
  guildId: string,
  userIds: readonly string[],
  start: number,
  end: number,
): Gen<number> {
  let used = 0;
  for (const userId of userIds) {
    const uses = freezeUses(yield* memberLog(s, guildId, userId), yield* allRestDays(s, guildId, userId));
    used += uses.filter((u) => u.at >= start && u.at < end).length;
  }
  return used;
}
