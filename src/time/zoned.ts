/**
 * Wall-clock times in IANA zones turned into instants, and back. A schedule says "Sunday 02:30 in Europe/Berlin";
 * on most days that names exactly one instant, but on a daylight-saving day it can name none (the clock jumps
 * over it) or two (the clock repeats it). The rules here decide those cases once, for every caller:
 *
 * - **Gap (spring forward):** the time is read with the offset in force *before* the jump, so it lands as far
 *   after the gap's end as it was after the gap's start: 02:30 on a day whose clocks jump 02:00 -> 03:00 becomes
 *   03:30. This is RFC 5545's rule for calendar events (and Temporal's "compatible" disambiguation), so a post
 *   scheduled in the gap keeps its distance from the hour, happens that day, and happens once.
 * - **Overlap (fall back):** the first occurrence wins, so a repeated 02:30 fires once, at the earlier instant.
 */
import { formatterCache, type LocalDate, localParts, offsetMinutes } from "./index.js";

/** A wall-clock time of day, always `HH:MM` (24 h, zero-padded). */
export type TimeOfDay = string;

const TIME_INPUT = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` for a member's `H:MM` or `HH:MM` (24 h); undefined for anything else. */
export function parseTimeOfDay(input: string): TimeOfDay | undefined {
  const match = TIME_INPUT.exec(input.trim());
  if (!match) return undefined;
  return `${(match[1] ?? "").padStart(2, "0")}:${match[2]}`;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ZonedTime {
  instant: Date;
  /**
   * Minutes the wall-clock reading was moved forward because `time` fell in a spring-forward gap that day
   * (0 on an ordinary day).
   */
  shiftedMinutes: number;
}

function wallMs(date: LocalDate, time: TimeOfDay): number {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

function wallReading(instant: number, zone: string): number {
  const p = localParts(new Date(instant), zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The instant at which the clocks in `zone` read `time` on `date`, with the gap and overlap rules above. */
export function resolveZonedTime(date: LocalDate, time: TimeOfDay, zone: string): ZonedTime {
  const wall = wallMs(date, time);
  // Offsets a day either side bracket any transition near `wall` (zones change offset at most once a day).
  const before = offsetMinutes(new Date(wall - DAY), zone);
  const after = offsetMinutes(new Date(wall + DAY), zone);
  const first = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wallReading(instant, zone) === wall)
    .sort((a, b) => a - b)[0];
  if (first !== undefined) return { instant: new Date(first), shiftedMinutes: 0 };
  const instant = wall - before * MINUTE;
  return { instant: new Date(instant), shiftedMinutes: Math.round((wallReading(instant, zone) - wall) / MINUTE) };
}

const labelFormatter = formatterCache("en-US", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

/** "Sun 8 Mar 2026, 03:30 EDT": how a server's admins read a run time in their own zone. */
export function formatWallClock(instant: Date, zone: string): string {
  const f = labelFormatter(zone);
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}
