import { isValidTimeZone } from "../config/index.js";

/** Every IANA zone this Node knows, plus UTC (which supportedValuesOf leaves out). */
export const TIME_ZONES: readonly string[] = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])].sort();

const normalise = (s: string) => s.toLowerCase().replace(/[\s_/-]+/g, "");

/**
 * Up to 25 zones matching what a member typed, best first: exact, prefix of the whole name, prefix of the city,
 * then substring. An empty query suggests common zones.
 */
export function suggestTimeZones(query: string, limit = 25): string[] {
  const q = normalise(query.trim());
  if (!q) return COMMON.slice(0, limit);
  const scored: [number, string][] = [];
  for (const zone of TIME_ZONES) {
    const whole = normalise(zone);
    const city = normalise(zone.split("/").at(-1) ?? zone);
    const score = whole === q ? 0 : whole.startsWith(q) ? 1 : city.startsWith(q) ? 2 : whole.includes(q) ? 3 : -1;
    if (score >= 0) scored.push([score, zone]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, limit)
    .map(([, zone]) => zone);
}

const COMMON = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Paris",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Africa/Lagos",
];

/** The canonical spelling of a zone a member typed (case-insensitive), or undefined when it is not a zone. */
export function canonicalTimeZone(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed || !isValidTimeZone(trimmed)) return undefined;
  const exact = TIME_ZONES.find((z) => z.toLowerCase() === trimmed.toLowerCase());
  return exact ?? new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
}
