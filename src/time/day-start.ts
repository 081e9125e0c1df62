import { dayNumber, type LocalDate, localDate, offsetMinutes } from "./index.js";

/**
 * The first instant (ms) of `date` in `zone`. Usually local midnight, found from the zone's offset; where a DST
 * change skips or repeats midnight, a bisection finds the first instant whose local date is `date`.
 */
export function startOfDay(date: LocalDate, zone: string): number {
  const midnightUtc = dayNumber(date) * 86_400_000;
  let guess = midnightUtc;
  for (let i = 0; i < 3; i++) guess = midnightUtc - offsetMinutes(new Date(guess), zone) * 60_000;
  if (isFirstInstant(guess, date, zone)) return guess;
  let before = midnightUtc - 27 * 3_600_000;
  let after = midnightUtc + 27 * 3_600_000;
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localDate(new Date(mid), zone) >= date) after = mid;
    else before = mid;
  }
  return after;
}

function isFirstInstant(t: number, date: LocalDate, zone: string): boolean {
  return localDate(new Date(t), zone) === date && localDate(new Date(t - 1), zone) < date;
}
