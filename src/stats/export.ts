/**
 * `/stats export`: a server's figures as two CSV files, one row per member and one per date. Each figure is one
 * set-based statement over the completion log (and the streak caches a rebuild reproduces), read outside any
 * transaction, so an export of a large server never holds the write lock. Dates are the server's: a completion or
 * a reminder counts on the server's calendar date of the instant it happened (src/time/).
 */
import { sql } from "drizzle-orm";
import { TRACKS, type Track } from "../challenges/tracks.js";
import type { AppContext } from "../context.js";
import { jsonRows } from "../db/dialect.js";
import { type Gen, rows, type Session } from "../db/store.js";
import { getGuildTimezone } from "../settings/index.js";
import { startOfDay } from "../time/day-start.js";
import { addDays, dayNumber, fromDayNumber, type LocalDate, localDate } from "../time/index.js";
import { type Cell, csvDocument } from "./csv.js";

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
  firstAt: number;
  lastAt: number;
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

/** Every member with a completion in the server, in user id order, with their totals and streaks at `now`. */
export function* memberFiguresIn(s: Session, guildId: string, now: number): Gen<MemberFigures[]> {
  const found = yield* rows<MemberFigures>(sql`
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
    firstAt: Number(r.firstAt),
    lastAt: Number(r.lastAt),
  }));
}

/**
 * Runs of the server's days that share a length, so SQL can turn an instant into its server date with integer
 * arithmetic (day = base_day + (ms - base_ms) / span_ms) instead of asking a zone database it does not have. A day
 * a DST change lengthens or shortens is a run of its own.
 */
interface DayRun {
  from_ms: number;
  to_ms: number;
  base_day: number;
  base_ms: number;
  span_ms: number;
}

function dayRuns(first: LocalDate, last: LocalDate, zone: string): DayRun[] {
  const runs: DayRun[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const start = startOfDay(date, zone);
    const next = startOfDay(addDays(date, 1), zone);
    const span = next - start;
    const run = runs.at(-1);
    if (run && run.span_ms === span && run.to_ms === start) run.to_ms = next;
    else runs.push({ from_ms: start, to_ms: next, base_day: dayNumber(date), base_ms: start, span_ms: span });
  }
  return runs;
}

const RUN_COLUMNS = {
  from_ms: "bigint",
  to_ms: "bigint",
  base_day: "bigint",
  base_ms: "bigint",
  span_ms: "bigint",
} as const;

type DayCount = { day: number } & Record<string, number>;

/**
 * One row per server date from the server's first completion or sent reminder to `today`, zero days included.
 * A daily completion's track is the one whose daily that challenge was on the member's date (the earliest track by
 * name where two tracks had the same challenge that day), as in the server report (./queries.ts).
 */
export function* dateFiguresIn(s: Session, guildId: string, zone: string, today: LocalDate): Gen<DateFigures[]> {
  const [bounds] = yield* rows<{ completed: number | null; sent: number | null }>(sql`
    SELECT (SELECT min(completed_at) FROM ${s.t.completions} WHERE guild_id = ${guildId}) AS completed,
      (SELECT min(sent_at) FROM ${s.t.reminderSends} WHERE guild_id = ${guildId} AND status = 'sent') AS sent`);
  const starts = [bounds?.completed, bounds?.sent].filter((v): v is number => v !== null && v !== undefined);
  if (starts.length === 0) return [];
  const first = localDate(Math.min(...starts.map(Number)), zone);
  if (first > today) return [];
  const runs = jsonRows(s.engine, dayRuns(first, today, zone), RUN_COLUMNS);
  const day = (column: string) => sql.raw(`r.base_day + (${column} - r.base_ms) / r.span_ms`);
  const inRun = (column: string) => sql.raw(`${column} >= r.from_ms AND ${column} < r.to_ms`);

  const active = yield* rows<DayCount>(sql`
    SELECT ${day("c.completed_at")} AS day, count(DISTINCT c.user_id) AS n
    FROM ${s.t.completions} c JOIN ${runs} r ON ${inRun("c.completed_at")}
    WHERE c.guild_id = ${guildId} GROUP BY 1`);
  // Grouped by challenge and member date first, so the track is looked up once per daily, not once per completion.
  const byKind = yield* rows<DayCount & { kind: string; track: string | null }>(sql`
    SELECT g.day, g.kind, g.n,
      (SELECT min(d.track) FROM ${s.t.dailyChallenges} d
        WHERE d.guild_id = ${guildId} AND d.date = g.local_date AND d.challenge_id = g.challenge_id) AS track
    FROM (
      SELECT ${day("c.completed_at")} AS day, c.kind, c.local_date, c.challenge_id, count(*) AS n
      FROM ${s.t.completions} c JOIN ${runs} r ON ${inRun("c.completed_at")}
      WHERE c.guild_id = ${guildId} GROUP BY 1, c.kind, c.local_date, c.challenge_id
    ) g`);
  const reminders = yield* rows<DayCount>(sql`
    SELECT ${day("m.sent_at")} AS day, count(*) AS n
    FROM ${s.t.reminderSends} m JOIN ${runs} r ON ${inRun("m.sent_at")}
    WHERE m.guild_id = ${guildId} AND m.status = 'sent' GROUP BY 1`);

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
  ctx: Pick<AppContext, "store" | "clock" | "config">,
  guildId: string,
  names: MemberNames,
  known: ReadonlyMap<string, string> = new Map(),
): Promise<StatsExport> {
  const now = ctx.clock.now();
  const zone = await getGuildTimezone(ctx, guildId);
  const today = localDate(now, zone);
  const members = await ctx.store.read(memberFiguresIn, guildId, now.getTime());
  const dates = await ctx.store.read(dateFiguresIn, guildId, zone, today);
  const lookup = await names.displayNames(
    guildId,
    members.map((m) => m.userId).filter((id) => !known.has(id)),
  );
  const nameOf = (id: string) => known.get(id) ?? lookup.names.get(id) ?? id;
  const memberRows = members.map((m): Cell[] => [
    m.userId,
    nameOf(m.userId),
    m.completions,
    m.verified,
    m.practice,
    m.current,
    m.longest,
    localDate(m.firstAt, zone),
    localDate(m.lastAt, zone),
  ]);
  const dateRows = dates.map((d): Cell[] => [
    d.date,
    d.active,
    ...TRACKS.map((track) => d.daily[track]),
    d.practice,
    d.remindersSent,
  ]);
  return {
    members: csvDocument(MEMBER_HEADER, memberRows),
    dates: csvDocument(DATE_HEADER, dateRows),
    memberCount: members.length,
    dateCount: dates.length,
    namesListed: lookup.listed,
    zone,
  };
}
