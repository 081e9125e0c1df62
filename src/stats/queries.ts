import { type SQL, sql } from "drizzle-orm";
import { TRACKS, type Track } from "../challenges/tracks.js";
import { daysBefore } from "../db/dialect.js";
import type { Reads } from "../db/read-pool.js";
import { type Gen, rows, type Session } from "../db/store.js";
import { freezeUses } from "../streaks/engine.js";
import { allRestDays } from "../streaks/rest.js";
import { memberLog } from "../streaks/store.js";
import { addDays, dayNumber, fromDayNumber, type LocalDate, localDate, offsetMinutes } from "../time/index.js";

/**
 * The report's statements (./report.ts). Each reads one span of instants of the log by `completions_guild_time`
 * (its bounds are plain parameters, so both engines' planners take the range) and lets the database count. The
 * server's dates are computed in SQL from the instant: within a stretch where the zone's offset is constant, the
 * local day number is (instant + offset) / one day; `daySegments` splits a span at its offset changes (DST).
 */

const DAY_MS = 86_400_000;

/** A stretch of instants (up to `until`, from the previous segment's `until`) with one UTC offset (ms). */
export interface DaySegment {
  until: number;
  offset: number;
}

export interface Span {
  start: number;
  end: number;
  segments: DaySegment[];
}

const offsetAt = (at: number, zone: string) => offsetMinutes(new Date(at), zone) * 60_000;

/** The span [start, end) split where `zone`'s offset changes (found to the second). */
export function spanIn(start: number, end: number, zone: string): Span {
  const segments: DaySegment[] = [];
  const STEP = 3 * 3_600_000;
  let offset = offsetAt(start, zone);
  for (let t = start; t < end; t += STEP) {
    const next = Math.min(t + STEP, end);
    if (offsetAt(next, zone) === offset) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(mid, zone) === offset) lo = mid;
      else hi = mid;
    }
    segments.push({ until: hi, offset });
    offset = offsetAt(hi, zone);
  }
  segments.push({ until: end, offset });
  return { start, end, segments };
}

/**
 * A whole number written into the statement: SQLite binds a JavaScript number as a REAL, and these must divide as
 * integers. They are computed here, never given by anyone.
 */
const int = (n: number): SQL => sql.raw(String(Math.trunc(n)));

/**
 * The server's local day number (days since 1970-01-01 on its calendar) of an instant column within the span: a
 * completion `c`'s by default. Integer arithmetic the database does per row, with no zone database of its own.
 */
export function dayOf(span: Span, column = "c.completed_at"): SQL {
  const at = sql.raw(column);
  const cases = span.segments.map(
    (seg) => sql`WHEN ${at} < ${int(seg.until)} THEN (${at} + ${int(seg.offset)}) / ${int(DAY_MS)}`,
  );
  return sql`CASE ${sql.join(cases, sql` `)} END`;
}

/** A server's completions `c` recorded within the span. */
export const inSpan = (guildId: string, span: Span) =>
  sql`c.guild_id = ${guildId} AND c.completed_at >= ${span.start} AND c.completed_at < ${span.end}`;

/** A reminder counts as followed when that date's daily was completed within this long after it was sent. */
export const FOLLOW_THROUGH_MS = 2 * 3_600_000;

export const STREAK_BUCKETS = ["1-6", "7-29", "30-99", "100+"] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

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
export function* activityIn(_s: Session, guildId: string, span: Span): Gen<DayRow[]> {
  const totals = yield* rows<{ dn: number; active: number; dailies: number; practice: number }>(sql`
    SELECT x.dn, count(DISTINCT x.user_id) AS active,
      sum(CASE WHEN x.kind = 'daily' THEN 1 ELSE 0 END) AS dailies,
      sum(CASE WHEN x.kind = 'practice' THEN 1 ELSE 0 END) AS practice
    FROM (SELECT c.user_id, c.kind, ${dayOf(span)} AS dn FROM completions c WHERE ${inSpan(guildId, span)}) x
    GROUP BY x.dn`);
  // Grouped by date credited and challenge first, so each group looks its track up once. A challenge drawn for two
  // tracks on one date is credited to the first track in the alphabet: one count each.
  const tracks = yield* rows<{ dn: number; track: Track | null; n: number }>(sql`
    SELECT z.dn, z.track, sum(z.n) AS n FROM (
      SELECT y.dn, y.n, (SELECT min(dc.track) FROM daily_challenges dc WHERE dc.guild_id = ${guildId}
        AND dc.date = y.local_date AND dc.challenge_id = y.challenge_id) AS track
      FROM (SELECT x.dn, x.local_date, x.challenge_id, count(*) AS n FROM (
        SELECT ${dayOf(span)} AS dn, c.local_date, c.challenge_id FROM completions c
        WHERE ${inSpan(guildId, span)} AND c.kind = 'daily') x
        GROUP BY x.dn, x.local_date, x.challenge_id) y) z
    GROUP BY z.dn, z.track`);
  const out = new Map<number, DayRow>(
    totals.map((r) => [
      Number(r.dn),
      {
        date: fromDayNumber(Number(r.dn)),
        active: Number(r.active),
        dailies: Number(r.dailies),
        practice: Number(r.practice),
        byTrack: {},
      },
    ]),
  );
  for (const t of tracks) {
    const row = out.get(Number(t.dn));
    // A daily whose draw row is gone (never the case today: draws are kept) is counted as the server's mixed track.
    const track = t.track ?? "mixed";
    if (row) row.byTrack[track] = (row.byTrack[track] ?? 0) + Number(t.n);
  }
  return [...out.values()];
}

/**
 * Per ISO week of the span (which starts on a Monday; index 0 is its first week): members active, of those members
 * active in the next week, and members whose first completion in the server falls in it.
 */
export function* weeksIn(
  _s: Session,
  guildId: string,
  span: Span,
  firstMonday: LocalDate,
): Gen<Map<number, { active: number; returned: number; newMembers: number }>> {
  const monday = dayNumber(firstMonday);
  // One row per pattern: the weeks a member was active in as bits (at most 13 weeks), the first of them, and
  // whether the member had any completion before the span. Grouped by an expression of the user id, not the
  // column, so neither planner walks the member index over the whole log to get user order (a range of
  // completions_guild_time and a sort of that range is far cheaper). Any earlier completion was credited to a date
  // at most a day after the span's first (zones lie within 26 hours of each other), so the look-back is a probe of
  // the member's own index entries.
  const patterns = yield* rows<{ mask: number; first: number; fresh: number; n: number }>(sql`
    SELECT m.mask, m.first, CASE WHEN EXISTS (SELECT 1 FROM completions p WHERE p.guild_id = ${guildId}
        AND p.user_id = m.u AND p.local_date < ${addDays(firstMonday, 2)} AND p.completed_at + 0 < ${span.start})
      THEN 0 ELSE 1 END AS fresh, count(*) AS n
    FROM (SELECT x.u, sum(DISTINCT CAST(1 AS BIGINT) << CAST(x.w AS INTEGER)) AS mask, min(x.w) AS first FROM (
        SELECT c.user_id || '' AS u, (${dayOf(span)} - ${int(monday)}) / 7 AS w FROM completions c
        WHERE ${inSpan(guildId, span)}) x
      GROUP BY x.u) m
    GROUP BY m.mask, m.first, 3`);
  const out = new Map<number, { active: number; returned: number; newMembers: number }>();
  const week = (w: number) => {
    const row = out.get(w) ?? { active: 0, returned: 0, newMembers: 0 };
    out.set(w, row);
    return row;
  };
  for (const p of patterns) {
    const mask = Number(p.mask);
    const n = Number(p.n);
    for (let w = 0; 2 ** w <= mask; w++) {
      if (Math.floor(mask / 2 ** w) % 2 === 0) continue;
      const row = week(w);
      row.active += n;
      if (Math.floor(mask / 2 ** (w + 1)) % 2 === 1) row.returned += n;
    }
    if (Number(p.fresh) === 1) week(Number(p.first)).newMembers += n;
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
 * (src/streaks/engine.ts), so the members who can have one are found first in SQL, and only their logs are folded:
 * a freeze used at least once (member_stats, the fold's cache), and a daily in the period whose previous date has
 * none while exactly one missed day is possible (rules 3 and 4): a daily two dates before; or three or four dates before in
 * another zone (rule 3b can count a day or two less after a change of zone east); or planned rest days, which stretch a
 * one-day miss over more dates.
 */
export async function freezesUsedIn(reads: Reads, guildId: string, span: Span): Promise<number> {
  const candidates = await reads.read(freezeCandidatesIn, guildId, span);
  let used = 0;
  for (let i = 0; i < candidates.length; i += FOLD_BATCH) {
    used += await reads.read(foldFreezes, guildId, candidates.slice(i, i + FOLD_BATCH), span.start, span.end);
  }
  return used;
}

export function* freezeCandidatesIn(s: Session, guildId: string, span: Span): Gen<string[]> {
  const before = (days: number) => daysBefore(s.engine, sql`c.local_date`, days);
  const daily = (date: SQL, more = sql``) =>
    sql`EXISTS (SELECT 1 FROM completions q WHERE q.guild_id = c.guild_id AND q.user_id = c.user_id
      AND q.local_date = ${date} AND q.kind = 'daily' ${more})`;
  // Driven from the members who ever used a freeze, each probing its own index entries for the span's dailies:
  // the span's dates run from a day before its first instant's date to a day after its last (any zone).
  const first = localDate(span.start, "UTC");
  const last = localDate(span.end, "UTC");
  const found = yield* rows<{ user_id: string }>(sql`
    SELECT ms.user_id FROM member_stats ms
    WHERE ms.guild_id = ${guildId} AND ms.freezes_used > 0 AND EXISTS (
      SELECT 1 FROM completions c WHERE c.guild_id = ms.guild_id AND c.user_id = ms.user_id
        AND c.local_date >= ${addDays(first, -1)} AND c.local_date <= ${addDays(last, 1)}
        AND c.completed_at >= ${span.start} AND c.completed_at < ${span.end} AND c.kind = 'daily'
        AND NOT ${daily(before(1))}
        AND (${daily(before(2))} OR ${daily(before(3), sql`AND q.zone <> c.zone`)}
          OR ${daily(before(4), sql`AND q.zone <> c.zone`)}
          OR EXISTS (SELECT 1 FROM rest_days r WHERE r.guild_id = c.guild_id AND r.user_id = c.user_id)))
    ORDER BY ms.user_id`);
  return found.map((r) => r.user_id);
}

export function* foldFreezes(
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
