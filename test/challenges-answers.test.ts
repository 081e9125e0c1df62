import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { checkAnswer, normaliseText, parseNumber } from "../src/challenges/answers.js";
import { getDailyChallenge } from "../src/challenges/daily.js";
import { setDailyRules, TRACKS } from "../src/challenges/rules.js";
import { loadContent } from "../src/content/load.js";
import { answerLeaks, REQUIREMENTS } from "../src/content/schema.js";
import type { Store } from "../src/db/store.js";
import { addDays } from "../src/time/index.js";
import { freshStore } from "./support/store.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const freshDb = async (): Promise<Store> => {
  const { store, close } = await freshStore();
  cleanups.push(close);
  return store;
};

describe("reading a submitted number", () => {
  it("reads any number back the way JavaScript writes it, and with grouped thousands (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseNumber(String(x))).toBe(Object.is(x, -0) ? 0 : x);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), (n) => {
        expect(parseNumber(n.toLocaleString("en-US"))).toBe(n);
        expect(parseNumber(n.toLocaleString("en-US").replaceAll(",", " "))).toBe(n);
      }),
    );
  });

  it("takes a decimal comma, a unit after the number, and refuses what is not one number", () => {
    expect(parseNumber("0,953")).toBe(0.953);
    expect(parseNumber("1,5")).toBe(1.5);
    expect(parseNumber("12 ms")).toBe(12);
    expect(parseNumber("95.3%")).toBe(95.3);
    for (const bad of ["", "abc", "1.2.3", "1,23,456", "5 or 6", "e5"]) expect(parseNumber(bad), bad).toBeNull();
  });
});

describe("checking an answer", () => {
  it("accepts a number inside its tolerance, absolute or relative, and nothing outside", () => {
    const abs = { type: "number" as const, value: 0.953, absolute: 0.01 };
    expect(checkAnswer(abs, "0.96").kind).toBe("right");
    expect(checkAnswer(abs, "0.94").kind).toBe("wrong");
    const rel = { type: "number" as const, value: 51_600, relative: 0.01 };
    expect(checkAnswer(rel, "51,900").kind).toBe("right");
    expect(checkAnswer(rel, "52,200").kind).toBe("wrong");
    expect(checkAnswer(rel, "lots").kind).toBe("unreadable");
  });

  it("compares text without case, spaces or punctuation", () => {
    const check = { type: "text" as const, accepted: ["Random Forest"] };
    for (const typed of ["random forest", "RANDOM-FOREST.", " randomforest "])
      expect(checkAnswer(check, typed).kind, typed).toBe("right");
    expect(checkAnswer(check, "gradient boosting").kind).toBe("wrong");
    expect(normaliseText("L2 (ridge)")).toBe(normaliseText("l2 ridge"));
  });

  it("matches a pattern against the whole answer", () => {
    const check = { type: "pattern" as const, pattern: "O\\(n log n\\)|n log n", example: "O(n log n)" };
    expect(checkAnswer(check, "o(n log n)").kind).toBe("right");
    expect(checkAnswer(check, "O(n log n) or O(n^2)").kind).toBe("wrong");
  });
});

describe("the shipped library's checked answers", () => {
  const content = loadContent();

  it("never give the answer away in a challenge's done-when or hints", () => {
    for (const c of content.challenges)
      if (c.answer)
        expect(answerLeaks(c.answer.check, [c.doneWhen, c.answer.asks, ...c.hints], c.task), c.id).toEqual([]);
    expect(
      answerLeaks({ type: "number", value: 227.4, relative: 0.01 }, ["Done when cond(X) is about 227."], "task"),
    ).toEqual(["227"]);
  });

  it("accept their own value, so every stored answer can be given", () => {
    for (const c of content.challenges) {
      const check = c.answer?.check;
      if (!check) continue;
      const given =
        check.type === "number" ? String(check.value) : check.type === "text" ? check.accepted[0] : check.example;
      expect(checkAnswer(check, given ?? "").kind, c.id).toBe("right");
    }
  });
});

describe("a simulated year of dailies from the shipped library", () => {
  const content = loadContent();
  const byId = new Map(content.challenges.map((c) => [c.id, c]));
  const year = (from: string) => Array.from({ length: 365 }, (_, i) => addDays(from, i));

  it("never gives a server that excludes GPUs a daily needing one, on any track", async () => {
    const store = await freshDb();
    for (const track of TRACKS)
      for (const date of year("2027-01-01")) {
        const daily = await getDailyChallenge({ store, content }, "g-default", date, track);
        expect(byId.get(daily.id)?.requires, `${track} ${date}`).not.toContain("gpu");
        if (track !== "mixed") expect(daily.level).toBe(track);
      }
  }, 120_000); // 1,460 first asks, each a write: seconds on PostgreSQL

  it("does draw GPU dailies once a server allows everything, so the rule above is what keeps them out", async () => {
    const store = await freshDb();
    await setDailyRules({ store }, "g-all", { allows: new Set(REQUIREMENTS) });
    const drawn = [];
    for (const d of year("2027-01-01")) drawn.push(await getDailyChallenge({ store, content }, "g-all", d, "mixed"));
    expect(drawn.some((c) => c.requires.includes("gpu"))).toBe(true);
  });
});
