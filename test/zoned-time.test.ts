import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localParts, offsetMinutes } from "../src/time/index.js";
import { formatWallClock, parseTimeOfDay, resolveZonedTime } from "../src/time/zoned.js";
import { repeatOf, wallClock } from "./support/wall-clock.js";

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Pacific/Auckland",
  "Australia/Lord_Howe", // 30-minute DST
  "Asia/Kathmandu", // +05:45, no DST
  "Pacific/Chatham", // +12:45 / +13:45
  "America/Santiago", // DST in the southern winter, transition at midnight
  "America/Havana", // transition at midnight: 00:xx is skipped
  "Africa/Casablanca", // DST suspended every Ramadan
  "Pacific/Apia", // skipped 30 December 2011 entirely
];

const dateArb = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const zoneArb = fc.constantFrom(...ZONES);

const minutesOfDay = (time: string) => {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

interface Transition {
  /** The instant the offset changes. */
  at: number;
  before: number;
  after: number;
}

const transitionCache = new Map<string, Transition[]>();

/** A zone's offset changes in one year, found by daily sampling and bisection to the minute. */
function transitionsIn(zone: string, year: number): Transition[] {
  const cached = transitionCache.get(`${zone}:${year}`);
  if (cached) return cached;
  const found: Transition[] = [];
  let after = offsetMinutes(new Date(Date.UTC(year, 0, 1)), zone);
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
    const before = after;
    after = offsetMinutes(new Date(day + 86_400_000), zone);
    if (before === after) continue;
    let lo = day;
    let hi = day + 86_400_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(new Date(mid), zone) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before, after });
  }
  transitionCache.set(`${zone}:${year}`, found);
  return found;
}

describe("local times in IANA zones", () => {
  it("posts at 02:30 an hour later on spring-forward days (the clock reads 03:30) and at the first 02:30 on fall-back days", () => {
    // New York: 02:00 EST -> 03:00 EDT on 8 March 2026.
    const ny = resolveZonedTime("2026-03-08", "02:30", "America/New_York");
    expect(ny.instant.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(wallClock(ny.instant, "America/New_York")).toEqual({ date: "2026-03-08", time: "03:30" });
    expect(ny.shiftedMinutes).toBe(60);
    // Berlin: 02:00 CET -> 03:00 CEST on 29 March 2026; 02:30 happens twice on 25 October 2026.
    expect(resolveZonedTime("2026-03-29", "02:30", "Europe/Berlin").instant.toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    const berlinAutumn = resolveZonedTime("2026-10-25", "02:30", "Europe/Berlin");
    expect(berlinAutumn.instant.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(repeatOf(berlinAutumn.instant, "Europe/Berlin")).toBeDefined();
    // Auckland: 02:00 NZST -> 03:00 NZDT on 27 September 2026; 02:30 happens twice on 5 April 2026.
    expect(resolveZonedTime("2026-09-27", "02:30", "Pacific/Auckland").instant.toISOString()).toBe(
      "2026-09-26T14:30:00.000Z",
    );
    expect(resolveZonedTime("2026-04-05", "02:30", "Pacific/Auckland").instant.toISOString()).toBe(
      "2026-04-04T13:30:00.000Z",
    );
    // An ordinary day is untouched.
    const ordinary = resolveZonedTime("2026-06-01", "09:00", "Europe/Berlin");
    expect(ordinary).toEqual({ instant: new Date("2026-06-01T07:00:00Z"), shiftedMinutes: 0 });
    expect(repeatOf(ordinary.instant, "Europe/Berlin")).toBeUndefined();
  });

  it("moves a time in a 30-minute gap by 30 minutes, and a day Samoa skipped to the next day", () => {
    const lordHowe = resolveZonedTime("2026-10-04", "02:15", "Australia/Lord_Howe");
    expect(wallClock(lordHowe.instant, "Australia/Lord_Howe").time).toBe("02:45");
    expect(lordHowe.shiftedMinutes).toBe(30);
    const apia = resolveZonedTime("2011-12-30", "09:00", "Pacific/Apia");
    expect(wallClock(apia.instant, "Pacific/Apia")).toEqual({ date: "2011-12-31", time: "09:00" });
  });

  it("lands on the asked wall-clock time, or exactly the gap's length later when that time does not exist (property)", () => {
    fc.assert(
      fc.property(dateArb, timeArb, zoneArb, (date, time, zone) => {
        const r = resolveZonedTime(date, time, zone);
        const got = wallClock(r.instant, zone);
        expect(localParts(r.instant, zone).second).toBe(0);
        if (r.shiftedMinutes === 0) {
          expect(got).toEqual({ date, time });
        } else {
          // In a gap: no instant in the day reads `time`, and the result sits `shiftedMinutes` later on the clock.
          expect(r.shiftedMinutes).toBeGreaterThan(0);
          const offsetAfter = offsetMinutes(r.instant, zone);
          const offsetBefore = offsetMinutes(new Date(r.instant.getTime() - 86_400_000), zone);
          expect(r.shiftedMinutes).toBe(offsetAfter - offsetBefore);
          const shifted = new Date(Date.parse(`${date}T${time}:00Z`) + r.shiftedMinutes * 60_000).toISOString();
          expect(got).toEqual({ date: shifted.slice(0, 10), time: shifted.slice(11, 16) });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("inside any real gap, shifts by the gap's length; inside any real overlap, takes the first occurrence (property)", () => {
    const transitionsArb = fc
      .tuple(zoneArb, fc.integer({ min: 1995, max: 2040 }))
      .map(([zone, year]) => ({ zone, transitions: transitionsIn(zone, year) }))
      .filter(({ transitions }) => transitions.length > 0);
    fc.assert(
      fc.property(
        transitionsArb,
        fc.nat(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (z, pick, frac) => {
          const t = z.transitions[pick % z.transitions.length] as Transition;
          const span = Math.abs(t.after - t.before);
          const wallMs = t.at + (Math.min(t.before, t.after) + Math.floor(frac * span)) * 60_000;
          const wall = new Date(wallMs).toISOString();
          const r = resolveZonedTime(wall.slice(0, 10), wall.slice(11, 16), z.zone);
          // Both cases read the wall time with the offset in force before the transition.
          expect(r.instant.getTime()).toBe(wallMs - t.before * 60_000);
          if (t.after > t.before) {
            expect(r.shiftedMinutes).toBe(span);
            expect(repeatOf(r.instant, z.zone)).toBeUndefined();
          } else {
            expect(r.shiftedMinutes).toBe(0);
            expect(repeatOf(r.instant, z.zone)).toBeDefined();
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("round-trips every whole minute, and picks the earlier of two identical readings (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 }),
        zoneArb,
        (minute, zone) => {
          const instant = new Date(minute * 60_000);
          const { date, time } = wallClock(instant, zone);
          const back = resolveZonedTime(date, time, zone);
          expect(back.shiftedMinutes).toBe(0);
          expect(wallClock(back.instant, zone)).toEqual({ date, time });
          if (back.instant.getTime() !== instant.getTime()) {
            // Only a repeated (fall-back) reading may map elsewhere, and then to its first occurrence.
            expect(repeatOf(back.instant, zone)).toBeDefined();
            expect(back.instant.getTime()).toBeLessThan(instant.getTime());
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("never goes back in time as the wall clock moves forward within a day (property)", () => {
    fc.assert(
      fc.property(dateArb, timeArb, timeArb, zoneArb, (date, a, b, zone) => {
        const [early, late] = minutesOfDay(a) <= minutesOfDay(b) ? [a, b] : [b, a];
        expect(resolveZonedTime(date, early, zone).instant.getTime()).toBeLessThanOrEqual(
          resolveZonedTime(date, late, zone).instant.getTime(),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("reads members' times strictly as 24-hour HH:MM", () => {
    expect(parseTimeOfDay("09:00")).toBe("09:00");
    expect(parseTimeOfDay("9:05")).toBe("09:05");
    expect(parseTimeOfDay(" 23:59 ")).toBe("23:59");
    for (const bad of ["24:00", "12:60", "9", "9am", "09:00:00", "", "12-30", "１２:３０"]) {
      expect(parseTimeOfDay(bad)).toBeUndefined();
    }
  });

  it("labels an instant in the zone's own words", () => {
    expect(formatWallClock(new Date("2026-03-08T07:30:00Z"), "America/New_York")).toBe("Sun 8 Mar 2026, 03:30 EDT");
  });
});
