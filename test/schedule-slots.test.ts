import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load.js";
import { slotNonce } from "../src/jobs/claim.js";
import {
  isoWeekMonday,
  latestSlot,
  type SlotRule,
  slotFor,
  stepPeriod,
  upcomingSlots,
  weekNumber,
} from "../src/jobs/slots.js";
import { promptForWeek, promptOrder } from "../src/schedule/prompts.js";
import { isoWeek, isoWeekday, localDate } from "../src/time/index.js";
import { wallClock } from "./support/wall-clock.js";

const content = loadContent();
const guildIdArb = fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map(String);
const weekArb = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => isoWeek(d.toISOString().slice(0, 10)));
const zoneArb = fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "Pacific/Auckland", "Asia/Kathmandu");
const ruleArb: fc.Arbitrary<SlotRule> = fc.record({
  kind: fc.constantFrom("weekly" as const, "daily" as const),
  weekday: fc.integer({ min: 1, max: 7 }),
  time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
  zone: zoneArb,
});
const instantArb = fc.date({
  min: new Date("2001-01-01T00:00:00Z"),
  max: new Date("2080-01-01T00:00:00Z"),
  noInvalidDate: true,
});

describe("the weekly prompt", () => {
  it("has at least 52 prompts to rotate through", () => {
    expect(content.prompts.length).toBeGreaterThanOrEqual(52);
  });

  it("never repeats within any 52 consecutive weeks, across year ends, for any guild (property)", () => {
    fc.assert(
      fc.property(guildIdArb, weekArb, (guildId, start) => {
        const ids = new Set<string>();
        let week = start;
        for (let i = 0; i < 52; i++) {
          ids.add(promptForWeek(content.prompts, guildId, week).id);
          week = stepPeriod("weekly", week, 1);
        }
        expect(ids.size).toBe(52);
      }),
      { numRuns: 300 },
    );
  });

  it("is the same for a guild and week every time, and differs between guilds", () => {
    const a = promptForWeek(content.prompts, "200000000000000001", "2026-W10");
    expect(promptForWeek(content.prompts, "200000000000000001", "2026-W10")).toBe(a);
    const orders = ["200000000000000001", "200000000000000002", "200000000000000003"].map((g) =>
      promptOrder(content.prompts, g)
        .map((p) => p.id)
        .join(),
    );
    expect(new Set(orders).size).toBe(3);
    // Each order is a permutation of every prompt.
    expect([...promptOrder(content.prompts, "200000000000000001")].map((p) => p.id).sort()).toEqual(
      content.prompts.map((p) => p.id).sort(),
    );
  });

  it("counts weeks continuously: week 1 follows week 52 or 53", () => {
    expect(weekNumber("2027-W01") - weekNumber("2026-W53")).toBe(1);
    expect(weekNumber("2026-W01") - weekNumber("2025-W52")).toBe(1);
    expect(isoWeekMonday("2026-W53")).toBe("2026-12-28");
    expect(isoWeekMonday("2025-W01")).toBe("2024-12-30");
  });
});

describe("slot arithmetic", () => {
  it("finds the latest slot at or before now and the next one after it (property)", () => {
    fc.assert(
      fc.property(ruleArb, instantArb, (rule, now) => {
        const latest = latestSlot(rule, now);
        const [next, after] = upcomingSlots(rule, now, 2);
        expect(latest.due.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(next?.due.getTime()).toBeGreaterThan(now.getTime());
        expect(next?.period).toBe(stepPeriod(rule.kind, latest.period, 1));
        expect(after?.period).toBe(stepPeriod(rule.kind, latest.period, 2));
        expect(after?.due.getTime()).toBeGreaterThan(next?.due.getTime() ?? 0);
      }),
      { numRuns: 800 },
    );
  });

  it("puts a weekly slot on its weekday, in its own ISO week, at its wall-clock time unless the clock skips it (property)", () => {
    fc.assert(
      fc.property(ruleArb, weekArb, (rule, week) => {
        const slot = slotFor({ ...rule, kind: "weekly" }, week);
        expect(isoWeek(slot.date)).toBe(week);
        expect(isoWeekday(slot.date)).toBe(rule.weekday);
        if (slot.shiftedMinutes === 0) {
          expect(wallClock(slot.due, rule.zone)).toEqual({ date: slot.date, time: rule.time });
          expect(localDate(slot.due, rule.zone)).toBe(slot.date);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("makes nonces of at most 25 characters, one per guild, kind and period", () => {
    const nonces = new Set<string>();
    for (const guild of ["200000000000000001", "200000000000000002"]) {
      for (const period of ["2026-W10", "2026-W11", "2026-03-02", "2026-12-31"]) {
        for (const kind of ["weekly", "daily"] as const) {
          const nonce = slotNonce(guild, kind, period);
          expect(nonce.length).toBeLessThanOrEqual(25);
          expect(slotNonce(guild, kind, period)).toBe(nonce);
          nonces.add(nonce);
        }
      }
    }
    expect(nonces.size).toBe(16);
  });
});
