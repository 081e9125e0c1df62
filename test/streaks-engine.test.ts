import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditDay, EMPTY_STATE, foldLog, isAlive, lapseInstant, type StreakState } from "../src/streaks/engine.js";
import { startOfDay } from "../src/time/day-start.js";
import { addDays, formatDate, localDate, localParts } from "../src/time/index.js";

const ZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/Havana",
  "America/Santiago",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
];
const dateArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays("2025-01-01", n));

describe("the calendar date", () => {
  it("agrees with the wall-clock reading's own year, month and day for any instant and zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2000-01-01"), max: Date.parse("2040-01-01") }),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          const { year, month, day } = localParts(new Date(at), zone);
          expect(localDate(at, zone)).toBe(formatDate(year, month, day));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the first instant of a local day", () => {
  it("is the first instant whose local date is that day, across DST changes (including ones at midnight)", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...ZONES), (date, zone) => {
        const t = startOfDay(date, zone);
        expect(localDate(new Date(t), zone)).toBe(date);
        expect(localDate(new Date(t - 1), zone) < date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("when a streak lapses", () => {
  it("is exactly the first instant at which a completion would no longer keep it", () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 * 60 }),
        fc.integer({ min: 0, max: 2 }),
        (date, lastZone, zone, minute, freezes) => {
          const at = startOfDay(date, lastZone) + minute * 60_000;
          const state: StreakState = {
            ...EMPTY_STATE,
            current: 3,
            days: 3,
            longest: 3,
            freezes,
            lastDate: localDate(new Date(at), lastZone),
            lastZone,
            lastAt: at,
          };
          const lapse = lapseInstant(state, zone) as number;
          expect(isAlive(state, lapse - 1, zone)).toBe(true);
          expect(isAlive(state, lapse, zone)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the streak rules, case by case", () => {
  const credit = (state: StreakState, date: string, zone = "UTC") =>
    creditDay(state, { date, zone, at: startOfDay(date, zone) + 12 * 3_600_000 });
  const days = (dates: string[]) =>
    foldLog(
      dates.map((d) => ({ kind: "daily" as const, localDate: d, zone: "UTC", completedAt: startOfDay(d, "UTC") })),
    );

  it("earns a freeze on the 7th day in a row and holds at most two", () => {
    const week = Array.from({ length: 21 }, (_, i) => addDays("2026-01-01", i));
    expect(days(week.slice(0, 6)).freezes).toBe(0);
    expect(days(week.slice(0, 7)).freezes).toBe(1);
    expect(days(week.slice(0, 14)).freezes).toBe(2);
    expect(days(week).freezes).toBe(2);
  });

  it("bridges one missed day with a freeze but not two", () => {
    const week = Array.from({ length: 7 }, (_, i) => addDays("2026-01-01", i));
    const bridged = days([...week, "2026-01-09"]);
    expect(bridged).toMatchObject({ current: 8, freezes: 0, freezesUsed: 1 });
    expect(days([...week, "2026-01-10"])).toMatchObject({ current: 1, longest: 7, freezes: 1, freezesUsed: 0 });
  });

  it("does not bridge without a freeze, and keeps the longest", () => {
    expect(days(["2026-01-01", "2026-01-02", "2026-01-04"])).toMatchObject({ current: 1, longest: 2 });
  });

  it("credits nothing for a date already passed", () => {
    const { state } = credit(EMPTY_STATE, "2026-02-02");
    expect(credit(state, "2026-02-02").outcome).toEqual({ kind: "already", date: "2026-02-02" });
    expect(credit(state, "2026-02-01").outcome).toEqual({ kind: "already", date: "2026-02-02" });
  });

  it("does not count a date skipped by moving east as missed", () => {
    const la = creditDay(EMPTY_STATE, {
      date: "2026-02-02",
      zone: "America/Los_Angeles",
      at: Date.parse("2026-02-03T07:00:00Z"),
    }).state; // 23:00 in Los Angeles
    const next = creditDay(la, { date: "2026-02-04", zone: "Asia/Tokyo", at: Date.parse("2026-02-03T16:00:00Z") });
    expect(next.outcome.kind).toBe("continued"); // 01:00 on the 4th in Tokyo, 08:00 on the 3rd in Los Angeles
  });

  it("celebrates 7, 30, 100 and 365 days", () => {
    let state = EMPTY_STATE;
    const milestones: number[] = [];
    for (let i = 0; i < 365; i++) {
      const step = credit(state, addDays("2026-01-01", i));
      if (step.outcome.kind !== "already" && step.outcome.milestone) milestones.push(step.outcome.milestone);
      state = step.state;
    }
    expect(milestones).toEqual([7, 30, 100, 365]);
  });
});
