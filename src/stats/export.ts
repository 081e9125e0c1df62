/**
 * `/stats export`: a server's figures as two CSV files, one row per member and one per date. Each figure is one
 * set-based statement over the completion log (and the streak caches a rebuild reproduces), read outside any
 * transaction, so an export of a large server never holds the write lock. Dates are the server's: a completion or
 * a reminder counts on the server's calendar date of the instant it happened (src/time/).
 */
import { sql } from "drizzle-orm";
import { TRACKS, type Track } from "../challenges/tracks.js";
import type { AppContext } from "../context.js";
import type { Reads } from "../db/read-pool.js";
import { type Gen, rows, type Session } from "../db/store.js";
import { getGuildTimezone } from "../settings/index.js";
import { startOfDay } from "../time/day-start.js";
import { addDays, dayNumber, fromDayNumber, type LocalDate, localDate } from "../time/index.js";
import { type Cell, csvDocument } from "./csv.js";
import { dayOf, inSpan, type Span, spanIn } from "./queries.js";

export interface MemberFigures {
  userId: string;
  /** Every completion, daily and practice. */
  completions: number;
  /** Completions whose checked answer the member submitted right. */
  verified: number;
  practice: number;
  /** The current streak at the export's instant (0 once it lapsed). */
  current: number;
  longest: number;
  /** The server's dates of the member's first and last completion. */
  firstDate: LocalDate;
  lastDate: LocalDate;
}

export interface DateFigures {
  date: LocalDate;
  /** Members with a completion (daily or practice) that date. */
  active: number;
  /** Daily completions by the track whose daily it was. */
  daily: Record<Track, number>;
  practice: number;
  remindersSent: number;
}

/**
 * Every member with a completion in the server, in user id order, with their totals and streaks at `now`, and their
 * first and last dates in `zone` (turned into dates here, on the reader's thread when there is one).
 */
export function* memberFiguresIn(s: Session, guildId: string, now: number, zone: string): Gen<MemberFigures[]> {
  type Found = Omit<MemberFigures, "firstDate" | "lastDate"> & { firstAt: number; lastAt: number };
  const found = yield* rows<Found>(sql`
    SELECT a.user_id AS "userId", a.completions, a.verified, a.practice, a.first_at AS "firstAt", a.last_at AS "lastAt",
      coalesce(ms.longest, 0) AS longest,
      CASE WHEN be.lapse_at > ${now} THEN be.value ELSE 0 END AS current
    FROM (
      SELECT user_id, count(*) AS completions, sum(verified) AS verified,
        sum(CASE WHEN kind = 'practice' THEN 1 ELSE 0 END) AS practice,
        min(completed_at) AS first_at, max(completed_at) AS last_at
      FROM ${s.t.completions} WHERE guild_id = ${guildId} GROUP BY user_id
    ) a
    LEFT JOIN ${s.t.memberStats} ms ON ms.guild_id = ${guildId} AND ms.user_id = a.user_id
    LEFT JOIN ${s.t.boardEntries} be ON be.guild_id = ${guildId} AND be.board = 'current' AND be.user_id = a.user_id
    ORDER BY a.user_id`);
  return found.map((r) => ({
    userId: r.userId,
    completions: Number(r.completions),
    verified: Number(r.verified),
    practice: Number(r.practice),
    current: Number(r.current),
    longest: Number(r.longest),
    firstDate: localDate(Number(r.firstAt), zone),
    lastDate: localDate(Number(r.lastAt), zone),
  }));
}

type DayCount = { day: number } & Record<string, number>;

const DAY_MS = 86_400_000;
/** Server dates per read of the export's date figures (a quarter). */
const STRETCH_DAYS = 91;

/**
 * An instant no later than the server's first completion or sent reminder (null when it has neither): the first
 * completion, or a day before the first reminder due (one is never sent before it is due), each the end of an
 * index. ORDER BY ... LIMIT 1 rather than min(), which leads both planners through the member index instead.
 */
export function* firstRecordIn(s: Session, guildId: string): Gen<number | null> {
  const [bounds] = yield* rows<{ completed: number | null; due: number | null }>(sql`
    SELECT (SELECT completed_at FROM ${s.t.completions} WHERE guild_id = ${guildId} ORDER BY completed_at LIMIT 1)
        AS completed,
      (SELECT due_at FROM ${s.t.reminderSends} WHERE guild_id = ${guildId} ORDER BY due_at LIMIT 1) AS due`);
  const starts = [
    bounds?.completed,
    bounds?.due === null || bounds?.due === undefined ? null : Number(bounds.due) - DAY_MS,
  ];
  const known = starts.filter((v): v is number => v !== null && v !== undefined).map(Number);
  return known.length === 0 ? null : Math.min(...known);
}

/** Members active per server date of the span. */
export function* activeByDateIn(s: Session, guildId: string, span: Span): Gen<DayCount[]> {
  return yield* rows<DayCount>(sql`
    SELECT ${dayOf(span)} AS day, count(DISTINCT c.user_id) AS n FROM ${s.t.completions} c
    WHERE ${inSpan(guildId, span)} GROUP BY 1`);
}

/**
 * Completions per server date of the span, by kind and, for dailies, by track: the one whose daily that challenge
 * was on the member's date (the earliest track by name where two tracks had the same challenge that day), as in the
 * server report (./queries.ts).
 */
export function* kindsByDateIn(
  s: Session,
  guildId: string,
  span: Span,
): Gen<(DayCount & { kind: string; track: string | null })[]> {
  // Grouped by challenge and member date first, so the track is looked up once per daily, not once per completion.
  return yield* rows<DayCount & { kind: string; track: string | null }>(sql`
    SELECT g.day, g.kind, g.n,
      (SELECT min(d.track) FROM ${s.t.dailyChallenges} d
        WHERE d.guild_id = ${guildId} AND d.date = g.local_date AND d.challenge_id = g.challenge_id) AS track
    FROM (
      SELECT ${dayOf(span)} AS day, c.kind, c.local_date, c.challenge_id, count(*) AS n FROM ${s.t.completions} c
      WHERE ${inSpan(guildId, span)} GROUP BY 1, c.kind, c.local_date, c.challenge_id
    ) g`);
}

/** Reminders sent per server date of the span. */
export function* remindersByDateIn(s: Session, guildId: string, span: Span): Gen<DayCount[]> {
  return yield* rows<DayCount>(sql`
    SELECT ${dayOf(span, "m.sent_at")} AS day, count(*) AS n FROM ${s.t.reminderSends} m
    WHERE m.guild_id = ${guildId} AND m.status = 'sent' AND m.sent_at >= ${span.start} AND m.sent_at < ${span.end}
    GROUP BY 1`);
}

/**
 * One row per server date from the server's first completion or sent reminder to `today`, zero days included. Its
 * three reads are independent: where they run on threads (ctx.bulkReads), side by side.
 */
export async function dateFigures(
  reads: Reads,
  guildId: string,
  zone: string,
  today: LocalDate,
): Promise<DateFigures[]> {
  const firstAt = await reads.read(firstRecordIn, guildId);
  if (firstAt === null) return [];
  const from = localDate(firstAt, zone);
  if (from > today) return [];
  // The log is read in stretches of whole server dates, each its own read: the two threads share a long history
  // evenly instead of one of them sorting all of it.
  const stretches: Span[] = [];
  for (let date = from; date <= today; date = addDays(date, STRETCH_DAYS)) {
    const last = addDays(date, STRETCH_DAYS - 1) < today ? addDays(date, STRETCH_DAYS - 1) : today;
    stretches.push(spanIn(startOfDay(date, zone), startOfDay(addDays(last, 1), zone), zone));
  }
  const span = spanIn(startOfDay(from, zone), startOfDay(addDays(today, 1), zone), zone);
  const [kindParts, activeParts, reminders] = await Promise.all([
    Promise.all(stretches.map((stretch) => reads.read(kindsByDateIn, guildId, stretch))),
    Promise.all(stretches.map((stretch) => reads.read(activeByDateIn, guildId, stretch))),
    reads.read(remindersByDateIn, guildId, span),
  ]);
  const byKind = kindParts.flat();
  const active = activeParts.flat();
  // The rows start at the first date with a completion or a sent reminder.
  const days = [...active, ...reminders].map((r) => Number(r.day));
  if (days.length === 0) return [];
  const first = fromDayNumber(Math.min(...days));

  const figures = new Map<number, DateFigures>();
  for (let date = first; date <= today; date = addDays(date, 1)) {
    figures.set(dayNumber(date), {
      date,
      active: 0,
      daily: Object.fromEntries(TRACKS.map((track) => [track, 0])) as Record<Track, number>,
      practice: 0,
      remindersSent: 0,
    });
  }
  const at = (n: number) => figures.get(Number(n)) ?? missingDay(n);
  for (const r of active) at(r.day).active = Number(r.n);
  for (const r of byKind) {
    const row = at(r.day);
    if (r.kind === "practice") row.practice += Number(r.n);
    // A daily whose draw row is gone (draws are kept, so never today) counts as the mixed track, as in the report.
    else row.daily[(r.track ?? "mixed") as Track] += Number(r.n);
  }
  for (const r of reminders) at(r.day).remindersSent = Number(r.n);
  return [...figures.values()];
}

function missingDay(n: number): never {
  throw new Error(`a figure fell on ${fromDayNumber(Number(n))}, outside the export's dates`);
}

/** How a member's display name is found: a Discord lookup the caller provides (src/stats/discord.ts). */
export interface MemberNames {
  /** Display names of those of `userIds` Discord lists as members now; `listed` is false when it could not list. */
  displayNames(guildId: string, userIds: readonly string[]): Promise<{ names: Map<string, string>; listed: boolean }>;
}

export interface StatsExport {
  members: string;
  dates: string;
  memberCount: number;
  dateCount: number;
  /** Whether Discord listed the server's members (display names); otherwise the user id stands in for every name. */
  namesListed: boolean;
  zone: string;
}

export const MEMBER_HEADER = [
  "user_id",
  "display_name",
  "completions",
  "verified_answers",
  "practice",
  "current_streak",
  "longest_streak",
  "first_active",
  "last_active",
] as const;

export const DATE_HEADER = [
  "date",
  "active_members",
  ...TRACKS.map((track) => `daily_${track}`),
  "practice",
  "reminders_sent",
] as const;

/**
 * The two CSV documents for a server at the clock's now. `known` are names already at hand (the invoking member's,
 * from the interaction); a member Discord no longer lists (they left) is named by their user id.
 */
export async function buildStatsExport(
  ctx: Pick<AppContext, "store" | "clock" | "config" | "bulkReads">,
  guildId: string,
  names: MemberNames,
  known: ReadonlyMap<string, string> = new Map(),
): Promise<StatsExport> {
  const now = ctx.clock.now();
  const zone = await getGuildTimezone(ctx, guildId);
  const today = localDate(now, zone);
  const reads = ctx.bulkReads ?? ctx.store;
  // The dates read on while the members' names are listed from Discord (page after paced page).
  const dates = dateFigures(reads, guildId, zone, today);
  // Awaited below; until then a failure of the members' read must not leave this one rejected with no handler.
  dates.catch(() => undefined);
  const members = await reads.read(memberFiguresIn, guildId, now.getTime(), zone);
  const [lookup, dateList] = await Promise.all([
    names.displayNames(
      guildId,
      members.map((m) => m.userId).filter((id) => !known.has(id)),
    ),
    dates,
  ]);
  const nameOf = (id: string) => known.get(id) ?? lookup.names.get(id) ?? id;
  const memberRows = members.map((m): Cell[] => [
    m.userId,
    nameOf(m.userId),
    m.completions,
    m.verified,
    m.practice,
    m.current,
    m.longest,
    m.firstDate,
    m.lastDate,
  ]);
  const dateRows = dateList.map((d): Cell[] => [
    d.date,
    d.active,
    ...TRACKS.map((track) => d.daily[track]),
    d.practice,
    d.remindersSent,
  ]);
  return {
    members: await csvDocument(MEMBER_HEADER, memberRows),
    dates: await csvDocument(DATE_HEADER, dateRows),
    memberCount: members.length,
    dateCount: dateList.length,
    namesListed: lookup.listed,
    zone,
  };
}
