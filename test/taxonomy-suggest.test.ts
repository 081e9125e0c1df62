import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Content, DEFAULT_CONTENT_DIR } from "../src/content/load.js";
import { Taxonomy } from "../src/content/schema.js";
import { checkAutocompleteChoices } from "../src/discord/message-limits.js";
import { editDistance, fuzzyScore, normalize } from "../src/taxonomy/fuzzy.js";
import { resolveArea, resolveTopic, suggestAreas, suggestTopics } from "../src/taxonomy/suggest.js";

// Autocomplete needs only the taxonomy, so it is tested on the shipped areas and topics with their real aliases.
const taxonomy = Taxonomy.parse(JSON.parse(readFileSync(join(DEFAULT_CONTENT_DIR, "taxonomy.json"), "utf8")));
const content: Content = { ...taxonomy, resources: [], challenges: [], prompts: [] };
const topicIds = new Set(content.topics.map((t) => t.id));
const areaIds = new Set(content.areas.map((a) => a.id));

const names = fc.constantFrom(...content.topics.flatMap((t) => [t.name, ...t.aliases]));
/** Anything a member could type: random text, bits of real names, odd Unicode, very long input. */
const typed = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  names,
  names.chain((n) =>
    fc.tuple(fc.nat(n.length), fc.nat(n.length)).map(([a, b]) => n.slice(Math.min(a, b), Math.max(a, b))),
  ),
  fc.string({ minLength: 90, maxLength: 300 }),
);

describe("the fuzzy scorer", () => {
  it("scores every pair between 0 and 1, and a name (up to 100 characters) against itself as 1", () => {
    fc.assert(
      fc.property(typed, typed, (q, c) => {
        const score = fuzzyScore(q, c);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        const length = [...normalize(c)].length;
        if (length > 0 && length <= 100) expect(fuzzyScore(c, c)).toBe(1);
      }),
    );
  });

  it("ignores case, accents and punctuation", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefgh xyz-.") }), names, (q, c) => {
        expect(fuzzyScore(q.toUpperCase(), c)).toBe(fuzzyScore(q, c));
      }),
    );
    expect(fuzzyScore("PyTorch", "py-torch")).toBe(1);
    expect(fuzzyScore("regularisation", "Régularisation")).toBe(1);
  });

  it("matches any prefix or inner piece of a name, ranking a prefix at least as high as a mid-name match", () => {
    fc.assert(
      fc.property(names, fc.nat(), fc.nat(), (name, a, b) => {
        const n = normalize(name);
        const start = a % n.length;
        const piece = n.slice(start, start + 1 + (b % (n.length - start))).trim();
        fc.pre(piece.length > 0);
        expect(fuzzyScore(piece, name)).toBeGreaterThan(0);
        const prefix = n.slice(0, piece.length).trim();
        if (prefix) expect(fuzzyScore(prefix, name)).toBeGreaterThanOrEqual(fuzzyScore(piece, name) - 1e-9);
      }),
    );
  });

  it("forgives one typo in a word of four letters or more", () => {
    expect(fuzzyScore("tranformers", "Transformers")).toBeGreaterThan(0);
    expect(fuzzyScore("trasnformers", "Transformers")).toBeGreaterThan(0);
    expect(fuzzyScore("kubernetse", "Kubernetes")).toBeGreaterThan(0);
    expect(fuzzyScore("zzzz", "Transformers")).toBe(0);
  });

  it("computes edit distance symmetrically, with swaps counting once", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("topic autocomplete", () => {
  it("returns at most 25 valid choices for any input, each naming a real topic once", () => {
    fc.assert(
      fc.property(typed, (query) => {
        const choices = suggestTopics(content, query);
        expect(choices.length).toBeLessThanOrEqual(25);
        expect(checkAutocompleteChoices(choices)).toEqual([]);
        for (const choice of choices) expect(topicIds.has(choice.value)).toBe(true);
        expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
      }),
      { numRuns: 500 },
    );
  });

  it("puts the topic first when its name or an alias is typed in full", () => {
    for (const topic of content.topics) {
      expect(suggestTopics(content, topic.name)[0]?.value).toBe(topic.id);
      expect(suggestTopics(content, topic.name.toLowerCase())[0]?.value).toBe(topic.id);
    }
    const byAlias = content.topics.flatMap((t) => t.aliases.map((alias) => ({ alias, id: t.id })));
    for (const { alias, id } of byAlias) {
      expect(suggestTopics(content, alias).map((c) => c.value)).toContain(id);
    }
  });

  it("finds topics by alias, typo and abbreviation, showing the alias that matched", () => {
    const first = (q: string) => suggestTopics(content, q)[0];
    expect(first("tranformer")?.value).toBe("transformers");
    expect(first("rag")?.value).toBe("retrieval-augmented-generation");
    expect(first("xgboost")).toMatchObject({ value: "gradient-boosting" });
    expect(first("xgboost")?.name).toMatch(/xgboost/i);
    expect(first("svd")?.value).toBe("linear-algebra");
  });

  it("lists the first 25 topics in taxonomy order when nothing is typed", () => {
    expect(suggestTopics(content, "").map((c) => c.value)).toEqual(content.topics.slice(0, 25).map((t) => t.id));
  });

  it("offers areas the same way, at most 25 and all real", () => {
    fc.assert(
      fc.property(typed, (query) => {
        const choices = suggestAreas(content, query);
        expect(checkAutocompleteChoices(choices)).toEqual([]);
        for (const choice of choices) expect(areaIds.has(choice.value)).toBe(true);
      }),
    );
    expect(suggestAreas(content, "deep")[0]?.value).toBe("deep-learning");
  });
});

describe("resolving what a member typed without picking from the list", () => {
  it("accepts an id, a full name or a unique alias, in any case", () => {
    expect(resolveTopic(content, "transformers").topic?.id).toBe("transformers");
    expect(resolveTopic(content, "LINEAR ALGEBRA").topic?.id).toBe("linear-algebra");
    expect(resolveTopic(content, "svd").topic?.id).toBe("linear-algebra");
    expect(resolveArea(content, "deep learning").area?.id).toBe("deep-learning");
  });

  it("resolves nothing for a shared alias or a near miss, and suggests the closest topics", () => {
    const shared = resolveTopic(content, "dynamic programming");
    expect(shared.topic).toBeUndefined();
    expect(shared.suggestions.length).toBeGreaterThan(1);
    const near = resolveTopic(content, "tranformer");
    expect(near.topic).toBeUndefined();
    expect(near.suggestions[0]).toMatch(/Transformer/);
    expect(resolveArea(content, "qqqq")).toEqual({ suggestions: [] });
  });
});
