import type { Track } from "../challenges/tracks.js";
import type { AppContext } from "../context.js";
import { getGuildTimezone } from "../settings/index.js";
import { startOfDay } from "../time/day-start.js";
import type { LocalDate } from "../time/index.js";
import { addDays, isoWeek, isoWeekday, localDate } from "../time/index.js";
import { type ChallengeStats, challengeStatsIn, sortChallenges } from "./challenges.js";
import {
  activityIn,
  emptyTracks,
  freezesUsedIn,
  remindersIn,
  type StreakBucket,
  spanIn,
  streakBucketsIn,
  weeksIn,
} from "./queries.js";

/**
 * A server's report (`/stats server`, the weekly digest, `/stats export`): exact figures read from the completion log
 * and the other tables through the store seam, with days and weeks on the server's calendar (its zone). Built by
 * `buildServerReport`; rendered by ./render.ts (text) and ./charts.ts (the PNG).
 */

export const REPORT_DAYS = [7, 30, 90] as const;
export type ReportDays = (typeof REPORT_DAYS)[number];

/** How many ISO weeks "coming back" covers. */
export const COMING_BACK_WEEKS = 12;
export { FOLLOW_THROUGH_MS, STREAK_BUCKETS, type StreakBucket } from "./queries.js";

export interface ReportPeriod {
  /** The server's IANA zone: every date and week below is on its calendar. */
  zone: string;
  days: ReportDays;
  /** First and last date of the period, inclusive (`through` is today unless asked otherwise). */
  from: LocalDate;
  through: LocalDate;
  /** The instant the report was read (ms). */
  at: number;
}

export interface DayActivity {
  date: LocalDate;
  /** Members who completed a daily or a practice challenge at an instant within this date (server's zone). */
  active: number;
  /** Daily completions recorded on this date. */
  dailies: number;
  /** Practice completions recorded on this date. */
  practice: number;
  /** Daily completions recorded on this date, by the track of the daily completed. */
  byTrack: Record<Track, number>;
  /** Mean of `active` over this date and the 6 before it (those before the period read from the log too). */
  activeAverage7: number;
}

export interface WeekReturn {
  /** ISO week `YYYY-Www` on the server's calendar, and its Monday. */
  week: string;
  monday: LocalDate;
  /** Members active in this week. */
  active: number;
  /** Of those, members active again in the week after. */
  returned: number;
  /** returned / active, or null when nobody was active. */
  share: number | null;
  /** False when the week after is the current one, still under way (its share can still grow). */
  nextWeekComplete: boolean;
  /** Members whose first completion ever in this server falls in this week. */
  newMembers: number;
}

export interface StreakFigures {
  /** Members holding a current (alive) streak, by length. */
  buckets: Record<StreakBucket, number>;
  /** Freezes that bridged a missed day, by daily completions recorded within the period. */
  freezesUsed: number;
}

export interface ReminderFigures {
  /** Reminders sent within the period (by when they went out). */
  sent: number;
  /** Of those, reminders followed by the member's completion of that date's daily within 2 hours. */
  followed: number;
  share: number | null;
}

export interface ServerReport {
  guildId: string;
  period: ReportPeriod;
  /** One entry per date of the period, oldest first. */
  activity: DayActivity[];
  /** The last 12 complete ISO weeks, oldest first. */
  comingBack: WeekReturn[];
  streaks: StreakFigures;
  reminders: ReminderFigures;
  /** Dailies drawn within the period: at most 5 each, by completion rate among members active that day. */
  challenges: { most: ChallengeStats[]; least: ChallengeStats[] };
}

export interface ReportOptions {
  days: ReportDays;
  /** The period's last date on the server's calendar; today by default (the digest asks for yesterday). */
  through?: LocalDate;
}

export type ReportContext = Pick<AppContext, "store" | "clock" | "config" | "bulkReads">;

export type { ChallengeStats } from "./challenges.js";

const mondayOf = (date: LocalDate): LocalDate => addDays(date, 1 - isoWeekday(date));

/**
 * The report for the period of `options.days` dates ending `options.through` (today by default) on the server's
 * calendar. Reads only (`store.read`: no transaction, so nothing holds the write lock), each figure one set-based
 * statement aggregated by the database, apart from the freezes (see freezesUsedIn).
 */
export async function buildServerReport(
  ctx: ReportContext,
  guildId: string,
  options: ReportOptions,
): Promise<ServerReport> {
  const at = ctx.clock.now().getTime();
  const zone = await getGuildTimezone(ctx, guildId);
  const through = options.through ?? localDate(at, zone);
  const from = addDays(through, 1 - options.days);
  const period: ReportPeriod = { zone, days: options.days, from, through, at };
  const periodStart = startOfDay(from, zone);
  const periodEnd = startOfDay(addDays(through, 1), zone);

  const reads = ctx.bulkReads ?? ctx.store;
  // Activity: the period's dates and the 6 before the first, for the 7-day average.
  const dates = Array.from({ length: options.days + 6 }, (_, i) => addDays(from, i - 6));
  const activitySpan = spanIn(startOfDay(addDays(from, -6), zone), periodEnd, zone);
  // Coming back: the 12 ISO weeks before the current one, and the current one as the last week's "week after".
  const thisMonday = mondayOf(localDate(at, zone));
  const mondays = Array.from({ length: COMING_BACK_WEEKS + 1 }, (_, i) =>
    addDays(thisMonday, 7 * (i - COMING_BACK_WEEKS)),
  );
  const firstMonday = mondays[0] ?? thisMonday;
  const weeksSpan = spanIn(startOfDay(firstMonday, zone), startOfDay(addDays(thisMonday, 7), zone), zone);

  // The reads are independent: where they run on threads, side by side.
  const [days, weeks, buckets, freezesUsed, reminders, drawn] = await Promise.all([
    reads.read(activityIn, guildId, activitySpan),
    reads.read(weeksIn, guildId, weeksSpan, firstMonday),
    reads.read(streakBucketsIn, guildId, at),
    freezesUsedIn(reads, guildId, spanIn(periodStart, periodEnd, zone)),
    reads.read(remindersIn, guildId, periodStart, periodEnd),
    reads.read(challengeStatsIn, guildId, { from, through }),
  ]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const activity: DayActivity[] = dates.slice(6).map((date, i) => {
    const row = byDate.get(date);
    const week = dates.slice(i, i + 7).map((d) => byDate.get(d)?.active ?? 0);
    return {
      date,
      active: row?.active ?? 0,
      dailies: row?.dailies ?? 0,
      practice: row?.practice ?? 0,
      byTrack: { ...emptyTracks(), ...row?.byTrack },
      activeAverage7: week.reduce((a, b) => a + b, 0) / 7,
    };
  });

  const comingBack: WeekReturn[] = mondays.slice(0, COMING_BACK_WEEKS).map((monday, i) => {
    const w = weeks.get(i) ?? { active: 0, returned: 0, newMembers: 0 };
    return {
      week: isoWeek(monday),
      monday,
      active: w.active,
      returned: w.returned,
      share: w.active > 0 ? w.returned / w.active : null,
      nextWeekComplete: i + 1 < COMING_BACK_WEEKS,
      newMembers: w.newMembers,
    };
  });

  const ranked = sortChallenges(drawn, "hardest");
  const most = [...ranked].reverse().slice(0, 5);
  const least = ranked.filter((c) => !most.includes(c)).slice(0, 5);

  return {
    guildId,
    period,
    activity,
    comingBack,
    streaks: { buckets, freezesUsed },
    reminders: { ...reminders, share: reminders.sent > 0 ? reminders.followed / reminders.sent : null },
    challenges: { most, least },
  };
}
