import { dayNumber, type LocalDate, localDate, offsetMinutes } from "./index.js";

/**
 * The start of a day, for the streak engine, which asks the same few (zone, day) questions on every write. It is
 * pure, so it is memoised; the cache is bounded and simply starts again when full.
 */

const MAX_CACHED = 4096;

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
  if (localDate(guess, zone) === date && localDate(guess - 1, zone) < date) return guess;
  let before = midnightUtc - 27 * 3_600_000;
  let after = midnightUtc + 27 * 3_600_000;
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localDate(mid, zone) >= date) after = mid;
    else before = mid;
  }
  return after;
}
