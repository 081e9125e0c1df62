import { type LocalDate, localDate, localParts, offsetMinutes } from "../../src/time/index.js";

/** What the clocks in `zone` read at `instant`: the date and `HH:MM` (seconds dropped). */
export function wallClock(instant: Date, zone: string): { date: LocalDate; time: string } {
  const { hour, minute } = localParts(instant, zone);
  return {
    date: localDate(instant, zone),
    time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
  };
}

/**
 * The later instant at which the clocks in `zone` read what they read at `instant` again (a fall-back overlap),
 * or undefined when that reading happens only once.
 */
export function repeatOf(instant: Date, zone: string): Date | undefined {
  const now = offsetMinutes(instant, zone);
  const later = offsetMinutes(new Date(instant.getTime() + 86_400_000), zone);
  if (later >= now) return undefined;
  const twin = new Date(instant.getTime() + (now - later) * 60_000);
  const [a, b] = [wallClock(instant, zone), wallClock(twin, zone)];
  return a.date === b.date && a.time === b.time ? twin : undefined;
}
