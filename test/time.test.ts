import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, fromDayNumber, isoWeek, isoWeekday, localDate, offsetMinutes } from "../src/time/index.js";
import { canonicalTimeZone, suggestTimeZones } from "../src/time/zones.js";

describe("calendar arithmetic in IANA zones", () => {
  it("gives each zone its own date for one instant", () => {
    const instant = new Date("2026-03-01T23:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-03-01");
    expect(localDate(instant, "Pacific/Auckland")).toBe("2026-03-02");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2026-03-01");
  });

  it("knows ISO weeks across year ends", () => {
    expect(isoWeek("2026-01-01")).toBe("2026-W01");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
    expect(isoWeekday("2026-11-22")).toBe(7);
  });

  it("reads DST offsets", () => {
    expect(offsetMinutes(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(offsetMinutes(new Date("2026-01-01T12:00:00Z"), "Europe/Berlin")).toBe(60);
  });

  it("round-trips day numbers and adds days like a calendar (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: -800, max: 800 }), (n, k) => {
        const date = fromDayNumber(n);
        expect(dayNumber(date)).toBe(n);
        expect(dayNumber(addDays(date, k)) - n).toBe(k);
      }),
    );
  });
});

describe("time zone suggestions", () => {
  it("offers at most 25 real zones for any input (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (query) => {
        const zones = suggestTimeZones(query);
        expect(zones.length).toBeLessThanOrEqual(25);
        for (const zone of zones) expect(canonicalTimeZone(zone)).toBeDefined();
      }),
    );
  });

  it("finds a zone by its city and spells it canonically", () => {
    expect(suggestTimeZones("berlin")).toContain("Europe/Berlin");
    expect(suggestTimeZones("new york")[0]).toBe("America/New_York");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Mars/Olympus")).toBeUndefined();
  });
});
