import { dayNumber, type LocalDate, localDate, offsetMinutes } from "./index.js";

/**
 * Fast calendar helpers for the streak engine, which asks the same few (zone, day) questions on every write.
 * Both are pure, so they are memoised; the caches are bounded and simply start again when full.
 */

const MAX_CACHED = 4096;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `at` (ms) in `zone`; the same answer as time/localDate, from a date-only formatter. */
export function dateIn(at: number, zone: string): LocalDate {
  let f = dateFormatters.get(zone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(zone, f);
  }
  return f.format(at);
}

const starts = new Map<string, number>();

/**
 * The first instant (ms) of `date` in `zone`. Usually local midnight, found from the zone's offset; where a DST
 * change skips or repeats midnight, a bisection finds the first instant whose local date is `date`.
 */
export function startOfDay(date: LocalDate, zone: string): number {
  const key = `${zone}|${date}`;
  const cached = starts.get(key);
  if (cached !== undefined) return cached;
  const start = computeStart(date, zone);
  if (starts.size >= MAX_CACHED) starts.clear();
  starts.set(key, start);
  return start;
}

function computeStart(date: LocalDate, zone: string): number {
  const midnightUtc = dayNumber(date) * 86_400_000;
  let guess = midnightUtc;
  for (let i = 0; i < 3; i++) guess = midnightUtc - offsetMinutes(new Date(guess), zone) * 60_000;
  if (dateIn(guess, zone) === date && dateIn(guess - 1, zone) < date) return guess;
  let before = midnightUtc - 27 * 3_600_000;
  let after = midnightUtc + 27 * 3_600_000;
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localDate(new Date(mid), zone) >= date) after = mid;
    else before = mid;
  }
  return after;
}
