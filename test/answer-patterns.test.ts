import { describe, expect, it } from "vitest";
import { checkAnswer } from "../src/challenges/answers.js";
import { expandedSize, MAX_PATTERN_SIZE } from "../src/content/pattern.js";
import { Answer } from "../src/content/schema.js";

const answer = (pattern: string, example: string) => ({
  asks: "The word you wrote",
  check: { type: "pattern", pattern, example },
  explanation: "Any run of the letter a is right.",
});
const problems = (pattern: string, example = "a") => {
  const parsed = Answer.safeParse(answer(pattern, example));
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const cpuMs = (work: () => void) => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

describe("answer patterns written by a server's admin", () => {
  it("a member's answer against (a+)+$ is checked in under 50 ms of CPU, whatever they type", () => {
    const check = { type: "pattern" as const, pattern: "(a+)+$", example: "aaaa" };
    checkAnswer(check, "aaaa");
    // A backtracking engine needs 2^25 steps for the first (seconds) and 2^199 for the longest answer the box takes.
    for (const given of [`${"a".repeat(25)}!`, `${"a".repeat(199)}!`]) {
      let verdict: ReturnType<typeof checkAnswer> | undefined;
      expect(cpuMs(() => (verdict = checkAnswer(check, given)))).toBeLessThan(50);
      expect(verdict).toEqual({ kind: "wrong" });
    }
    expect(checkAnswer(check, "a".repeat(200))).toEqual({ kind: "right" });
  });

  it("an import with (a+)+$ and an example it does not match is refused at once, saying so", () => {
    // 25 characters take a backtracking engine seconds; the end-to-end test sends the 40 that would take days.
    let found: string[] = [];
    expect(cpuMs(() => (found = problems("(a+)+$", `${"a".repeat(25)}!`)))).toBeLessThan(200);
    expect(found).toEqual(["check.example: the example does not match the pattern"]);
    expect(problems("(a+)+$", "a".repeat(40))).toEqual([]);
  });

  it("a pattern with a backreference or lookaround is refused, naming the construct", () => {
    expect(problems("(a)\\1", "aa")[0]).toMatch(/^check\.pattern: uses a backreference/);
    expect(problems("(?<w>a)\\k<w>", "aa")[0]).toMatch(/uses a backreference/);
    expect(problems("a(?=b)b", "ab")[0]).toMatch(/uses a lookahead/);
    expect(problems("a(?!c)b", "ab")[0]).toMatch(/uses a lookahead/);
    expect(problems("(?<=a)b", "ab")[0]).toMatch(/uses a lookbehind/);
    expect(problems("(?<!c)b", "b")[0]).toMatch(/uses a lookbehind/);
    expect(problems("[a", "a")[0]).toMatch(
      /^check\.pattern: is not a regular expression RE2 reads \(.*missing closing \]/,
    );
  });

  it("a pattern whose repeats expand past the limit is refused before it is built", () => {
    const huge = "\\p{L}{1000}".repeat(14);
    let found: string[] = [];
    expect(cpuMs(() => (found = problems(huge)))).toBeLessThan(50);
    expect(found[0]).toMatch(/^check\.pattern: is too large once its repeats are expanded/);
    expect(expandedSize("(?:(?:ab){10}){10}")).toBeGreaterThan(MAX_PATTERN_SIZE);
    expect(problems("(?:(?:ab){5}){5}", "ab".repeat(25))).toEqual([]);
  });

  it("patterns members know keep working: alternatives, classes, optional parts, case and whole-answer matching", () => {
    const check = { type: "pattern" as const, pattern: "(?:random\\s*)?forests?|\\d{2,3}%", example: "random forest" };
    expect(problems(check.pattern, check.example)).toEqual([]);
    for (const right of ["Random Forest", "forests", "95%", "  RANDOMFOREST "])
      expect(checkAnswer(check, right)).toEqual({ kind: "right" });
    for (const wrong of ["a random forest", "forest!", "9%", "1000%"])
      expect(checkAnswer(check, wrong)).toEqual({ kind: "wrong" });
  });

  it("a pattern stored before the engine changed and refused by it costs the member no try", () => {
    expect(checkAnswer({ type: "pattern", pattern: "(a)\\1", example: "aa" }, "aa")).toMatchObject({
      kind: "unreadable",
    });
  });
});
