import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, endedEverywhereAt, fromDayNumber, localDate } from "../src/time/index.js";
import { TIME_ZONES } from "../src/time/zones.js";

// Every zone a member can choose, plus the two ends of the Earth's offsets.
const zones = [...TIME_ZONES, "Etc/GMT+12", "Etc/GMT-14"];
const dates = fc.integer({ min: 10_957, max: 47_482 }).map(fromDayNumber); // 2000-01-01 .. 2099-12-31

describe("a date's solution opens once the date has ended in every zone", () => {
  it("when it opens, no zone a member can switch to is still on that date or before it (property)", () => {
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        (date, zone, after) => {
          const at = new Date(endedEverywhereAt(date).getTime() + after);
          expect(localDate(at, zone) > date).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("it opens no later than needed: a moment before, UTC-12 is still on that date, and UTC+14 two days on (property)", () => {
    fc.assert(
      fc.property(dates, (date) => {
        const before = new Date(endedEverywhereAt(date).getTime() - 1);
        expect(localDate(before, "Etc/GMT+12")).toBe(date);
        expect(localDate(before, "Etc/GMT-14")).toBe(addDays(date, 2));
      }),
    );
  });
});
