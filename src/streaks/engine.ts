/**
 * Streak rules. Pure functions over the completion log; src/streaks/store.ts keeps a cached fold of them.
 *
 * THE RULES (also in the README)
 *
 * 1. A day counts when the member completes that day's daily challenge. The day credited is the member's local
 *    date at the moment the completion is recorded, in the zone they have then (their own, else the server's,
 *    else DEFAULT_TIMEZONE). The date and the zone are stored with the completion and never rewritten.
 * 2. Credited days only move forward: a completion is credited only to a date later than the member's last
 *    credited date. So no date is ever credited twice, and moving west cannot re-open a day already done or
 *    back-fill a missed one.
 * 3. Missed days before a new completion are counted as the smaller of
 *      (a) the days strictly between the last credited date and the new date, and
 *      (b) the days strictly between the last credited date and the new moment's date in the zone of the last
 *          completion.
 *    (b) keeps a zone change east from costing a day: jumping ahead of midnight skips a date on the new
 *    calendar but not on the old one. (a) keeps a change west from costing a day: the next date arrives later.
 *    A change of zone alone never changes any stored figure.
 * 4. No missed day: the streak grows by one. One missed day and a freeze held: the freeze is used up, the day is
 *    bridged and the streak grows by one. Otherwise the streak starts again at 1 (freezes held are kept).
 * 5. Every 7th credited day in a row without a missed day earns a freeze (a bridged day starts a new run). At most
 *    2 are held; a freeze earned while holding 2 is not kept.
 * 6. Current streak shown at a moment: the streak is alive while a completion at that moment would continue it
 *    by rule 3 and 4; otherwise it is shown as 0 (the stored figures keep the last run for the record).
 * 7. Longest is the largest streak ever reached; total counts every completion, practice included; practice
 *    never touches a streak.
 * 8. A planned rest day neither breaks nor extends a streak: the days of rule 3 are counted without rest days
 *    (so a rest day is never a missed day, never uses a freeze, and does not interrupt the run of rule 5), and
 *    nothing is credited for it. Rest days are the member's local dates, planned only after their last credited
 *    date and not before today, and only future ones can be cancelled: so the rest days between two credited
 *    dates never change once the later one is credited, and a fold of the log gives the cached figures.
 *
 * Inflation is bounded: a streak of n days needs n completions on n distinct, increasing dates, and dates in any
 * zone stay within a day or so of UTC, so zone changes can never add more than the one-off offset difference.
 */
import { startOfDay } from "../time/day-start.js";
import { addDays, dayNumber, type LocalDate, localDate } from "../time/index.js";

export const MAX_FREEZES = 2;
export const DAYS_PER_FREEZE = 7;
export const MILESTONES = [7, 30, 100, 365] as const;

export interface StreakState {
  total: number;
  days: number;
  current: number;
  longest: number;
  longestAt: number | null;
  freezes: number;
  freezesUsed: number;
  run: number;
  lastDate: LocalDate | null;
  lastZone: string | null;
  lastAt: number | null;
}

export const EMPTY_STATE: StreakState = Object.freeze({
  total: 0,
  days: 0,
  current: 0,
  longest: 0,
  longestAt: null,
  freezes: 0,
  freezesUsed: 0,
  run: 0,
  lastDate: null,
  lastZone: null,
  lastAt: null,
});

/** A member's planned rest days in one guild, ascending. */
export type RestDays = readonly LocalDate[];
const NO_REST: RestDays = [];

/** Rest days strictly between the day numbers `after` and `before`. */
function restBetween(rest: RestDays, after: number, before: number): number {
  let n = 0;
  for (const date of rest) {
    const d = dayNumber(date);
    if (d > after && d < before) n += 1;
  }
  return n;
}

export interface Credit {
  date: LocalDate;
  zone: string;
  /** When the completion was recorded, ms since the epoch. */
  at: number;
}

export type CreditOutcome =
  | { kind: "started" | "continued" | "restarted" | "bridged"; earnedFreeze: boolean; milestone: number | null }
  | { kind: "already"; date: LocalDate };

/** Missed days before a completion at `at` credited to `date`, by rules 3 and 8 (0 when the streak is empty). */
export function missedDays(state: StreakState, date: LocalDate, at: number, rest: RestDays = NO_REST): number {
  if (state.lastDate === null) return 0;
  const last = dayNumber(state.lastDate);
  let reference = dayNumber(date);
  if (state.lastZone) reference = Math.min(reference, dayNumber(localDate(at, state.lastZone)));
  if (reference - last - 1 <= 0) return 0;
  return reference - last - 1 - restBetween(rest, last, reference);
}

/** The last date credited, when `date` is that day or earlier (so `date` can no longer be credited); else null. */
export const creditedThrough = (state: StreakState, date: LocalDate): LocalDate | null =>
  state.lastDate !== null && date <= state.lastDate ? state.lastDate : null;

/** Folds one daily completion into the state (rules 2 to 5). Returns the state unchanged for a date already passed. */
export function creditDay(
  state: StreakState,
  credit: Credit,
  rest: RestDays = NO_REST,
): { state: StreakState; outcome: CreditOutcome } {
  const credited = creditedThrough(state, credit.date);
  if (credited !== null) return { state, outcome: { kind: "already", date: credited } };
  const missed = missedDays(state, credit.date, credit.at, rest);
  let { current, freezes, freezesUsed, run } = state;
  let kind: "started" | "continued" | "restarted" | "bridged";
  if (state.lastDate === null) {
    kind = "started";
    current = 1;
    run = 1;
  } else if (missed === 0) {
    kind = "continued";
    current += 1;
    run += 1;
  } else if (missed === 1 && freezes > 0) {
    kind = "bridged";
    freezes -= 1;
    freezesUsed += 1;
    current += 1;
    run = 1;
  } else {
    kind = "restarted";
    current = 1;
    run = 1;
  }
  let earnedFreeze = false;
  if (run % DAYS_PER_FREEZE === 0 && freezes < MAX_FREEZES) {
    freezes += 1;
    earnedFreeze = true;
  }
  const longer = current > state.longest;
  const next: StreakState = {
    total: state.total + 1,
    days: state.days + 1,
    current,
    longest: longer ? current : state.longest,
    longestAt: longer ? credit.at : state.longestAt,
    freezes,
    freezesUsed,
    run,
    lastDate: credit.date,
    lastZone: credit.zone,
    lastAt: credit.at,
  };
  const milestone = kind !== "restarted" && (MILESTONES as readonly number[]).includes(current) ? current : null;
  return { state: next, outcome: { kind, earnedFreeze, milestone } };
}

/** Folds a practice completion: totals only. */
export function creditPractice(state: StreakState): StreakState {
  return { ...state, total: state.total + 1 };
}

/** Whether a completion at `at` in `zone` would keep the streak (rule 6). */
export function isAlive(state: StreakState, at: number, zone: string, rest: RestDays = NO_REST): boolean {
  if (state.lastDate === null || state.current === 0) return false;
  const today = localDate(at, zone);
  if (today <= state.lastDate) return true;
  const missed = missedDays(state, today, at, rest);
  return missed === 0 || (missed === 1 && state.freezes > 0);
}

/** The current streak as shown at `at` to a member whose zone is now `zone`. */
export function currentStreak(state: StreakState, at: number, zone: string, rest: RestDays = NO_REST): number {
  return isAlive(state, at, zone, rest) ? state.current : 0;
}

/**
 * The first instant at which the streak is no longer alive for a member in `zone`, or null when there is no
 * streak. Alive means min(today in `zone`, today in the last completion's zone) <= last date + allowance, so it
 * lapses when both calendars have passed that day.
 */
export function lapseInstant(state: StreakState, zone: string, rest: RestDays = NO_REST): number | null {
  if (state.lastDate === null || state.current === 0) return null;
  // The first date on which a completion would miss more days than a freeze can bridge; rest days do not count.
  const allowed = state.freezes > 0 ? 1 : 0;
  const resting = new Set(rest);
  let firstDeadDay = addDays(state.lastDate, 1);
  for (let missed = 0; missed <= allowed; firstDeadDay = addDays(firstDeadDay, 1)) {
    if (!resting.has(firstDeadDay)) missed += 1;
  }
  const onLastCalendar = state.lastZone ? startOfDay(firstDeadDay, state.lastZone) : Number.NEGATIVE_INFINITY;
  return Math.max(startOfDay(firstDeadDay, zone), onLastCalendar);
}

export interface LogEntry {
  kind: "daily" | "practice";
  localDate: LocalDate;
  zone: string;
  completedAt: number;
}

/** The state folded from a member's whole log, in recording order, with their rest days. */
export function foldLog(entries: readonly LogEntry[], rest: RestDays = NO_REST): StreakState {
  let state = EMPTY_STATE;
  for (const e of entries) {
    state =
      e.kind === "practice"
        ? creditPractice(state)
        : creditDay(state, { date: e.localDate, zone: e.zone, at: e.completedAt }, rest).state;
  }
  return state;
}

/** Each time a freeze bridged a missed day: the day bridged and when the completion that used it was recorded. */
export function freezeUses(
  entries: readonly LogEntry[],
  rest: RestDays = NO_REST,
): { bridged: LocalDate; at: number }[] {
  let state = EMPTY_STATE;
  const resting = new Set(rest);
  const uses: { bridged: LocalDate; at: number }[] = [];
  for (const e of entries) {
    if (e.kind !== "daily") continue;
    const credit = { date: e.localDate, zone: e.zone, at: e.completedAt };
    const { state: next, outcome } = creditDay(state, credit, rest);
    if (outcome.kind === "bridged") {
      // The one missed day: the latest day before this one that was not a rest day.
      let day = addDays(e.localDate, -1);
      while (resting.has(day)) day = addDays(day, -1);
      uses.push({ bridged: day, at: e.completedAt });
    }
    state = next;
  }
  return uses;
}

/** The days a freeze bridged, from a member's daily entries in recording order (for the heat-map). */
export function bridgedDays(entries: readonly LogEntry[], rest: RestDays = NO_REST): LocalDate[] {
  return freezeUses(entries, rest).map((use) => use.bridged);
}
