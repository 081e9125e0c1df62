import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLines, formatHours, markdownLink } from "../src/format.js";

describe("fitting lists into an embed field", () => {
  it("never exceeds the limit, keeps whole lines in order, and says how many it left out", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 40 }),
        fc.integer({ min: 40, max: 2000 }),
        (lines, max) => {
          const text = fitLines(lines, max);
          expect([...text].length).toBeLessThanOrEqual(max);
          const joined = lines.join("\n");
          if ([...joined].length <= max) expect(text).toBe(joined);
          const cut = /… and (\d+) more$/.exec(text);
          if (cut && text !== joined) {
            const kept = text.split("\n").slice(0, -1);
            expect(kept.length + Number(cut[1])).toBe(lines.length);
          }
        },
      ),
    );
  });
});

describe("small formatting rules", () => {
  it("rounds resource times to something a member can plan with", () => {
    expect(formatHours(0.25)).toBe("about 15 min");
    expect(formatHours(2.5)).toBe("about 2.5 h");
    expect(formatHours(3)).toBe("about 3 h");
    expect(formatHours(149.6)).toBe("about 150 h");
  });

  it("keeps brackets in titles and parentheses in URLs from breaking a markdown link", () => {
    expect(markdownLink("[RFC] Attention", "https://en.wikipedia.org/wiki/Attention_(machine_learning)")).toBe(
      "[\\[RFC\\] Attention](https://en.wikipedia.org/wiki/Attention_%28machine_learning%29)",
    );
  });
});
