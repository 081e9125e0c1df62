import { TIME_ZONES } from "./zones.js";

const normalise = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, "");

/** Edit distance with an early exit once every cell of a row exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** Zones spelled closest to a mistyped one (for "did you mean"), nearest first. */
export function closestTimeZones(input: string, limit = 3): string[] {
  const q = normalise(input.trim());
  if (!q) return [];
  const max = Math.max(2, Math.floor(q.length / 4));
  return TIME_ZONES.map((zone) => ({
    zone,
    d: Math.min(distance(q, normalise(zone), max), distance(q, normalise(zone.split("/").at(-1) ?? zone), max)),
  }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((x) => x.zone);
}
