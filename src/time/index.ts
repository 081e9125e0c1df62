/**
 * Calendar arithmetic in IANA zones. Dates are plain `YYYY-MM-DD` strings (a local calendar day, no zone);
 * instants are `Date`s. Nothing here reads the machine's own time zone.
 */

export type LocalDate = string;

/**
 * One formatter per zone for `options`, built on first use: building one costs far more than formatting with it,
 * and the first in a process pages in the ICU zone data.
 */
export function formatterCache(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): (zone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (zone) => {
    let f = byZone.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      byZone.set(zone, f);
    }
    return f;
  };
}

const formatterFor = formatterCache("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of `instant` in `zone`. */
export function localParts(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const dayFormatter = formatterCache("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The calendar date of `instant` (a Date or ms) in `zone`. A date-only formatter's whole string (en-CA writes
 * YYYY-MM-DD) costs a quarter of reading the parts, and nearly every interaction asks.
 */
export function localDate(instant: Date | number, zone: string): LocalDate {
  return dayFormatter(zone).format(instant);
}

export function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 for a calendar date (zone-free arithmetic). */
export function dayNumber(date: LocalDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * 86_400_000);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** The latest zone there is, UTC-12 (Etc/GMT+12): a date lasts there until 12:00 UTC of the next day. */
const LATEST_OFFSET_MS = 12 * 3_600_000;

/**
 * When `date` has ended in every time zone on Earth, so nobody anywhere can still be on it, whatever zone they
 * switch to: 12:00 UTC of the next day.
 */
export function endedEverywhereAt(date: LocalDate): Date {
  return new Date(dayNumber(addDays(date, 1)) * 86_400_000 + LATEST_OFFSET_MS);
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** ISO-8601 week of a calendar date, as `YYYY-Www` (the week-numbering year may differ from the calendar year). */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(thursday) - dayNumber(formatDate(year, 1, 1))) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Offset of `zone` from UTC at `instant`, in minutes (positive east of Greenwich). */
export function offsetMinutes(instant: Date, zone: string): number {
  const p = localParts(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}
