import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { loadContent } from "../src/content/load.js";
import { applyImport, exportLibrary, exportText, previewImport } from "../src/library/edit.js";
import { freshStore } from "./support/store.js";

const content = loadContent();
const topics = content.topics.map((t) => t.id);
const resources = content.resources.map((r) => r.id);
const sentence = fc
  .array(fc.constantFrom("model", "data", "loss", "split", "<@123>", "tokens", "é", "🙂", "weights"), {
    minLength: 4,
    maxLength: 12,
  })
  .map((w) => `Work on the ${w.join(" ")}.`);
const slug = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `local-${s}`);

const challenge = (id: string) =>
  fc.record({
    id: fc.constant(id),
    topic: fc.constantFrom(...topics),
    level: fc.constantFrom("beginner", "intermediate", "advanced"),
    title: sentence.map((s) => s.slice(0, 200)),
    task: sentence,
    doneWhen: sentence,
    minutes: fc.integer({ min: 5, max: 120 }),
    resources: fc.uniqueArray(fc.constantFrom(...resources), { maxLength: 5 }),
    requires: fc.uniqueArray(fc.constantFrom("gpu", "docker", "paid-api"), { maxLength: 3 }),
    hints: fc.array(sentence, { minLength: 1, maxLength: 3 }),
  });

const libraryFile = fc.uniqueArray(slug, { minLength: 1, maxLength: 8 }).chain((ids) =>
  fc.record({
    format: fc.constant("gradient-library"),
    version: fc.constant(1),
    topics: fc.constant([]),
    challenges: fc.tuple(...ids.map(challenge)),
    resources: fc.constant([]),
    prompts: fc.constant([]),
    retired: fc.subarray(ids).map((r) => [...r].sort()),
    pool: fc.record({
      shipped: fc.boolean(),
      areas: fc.option(
        fc.subarray(
          content.areas.map((a) => a.id),
          { minLength: 1 },
        ),
        { nil: null },
      ),
    }),
  }),
);

describe("the library file", () => {
  it("export, then import into an empty server, then export gives the same file: ids, fields and retired marks", async () => {
    const { store, close } = await freshStore();
    const ctx = { store, content, clock: new ManualClock("2026-03-02T12:00:00Z") };
    let server = 0;
    try {
      await fc.assert(
        fc.asyncProperty(libraryFile, async (file) => {
          const a = `a${server++}`;
          const b = `b${server}`;
          const seed = await previewImport(ctx, a, "u", JSON.stringify(file));
          expect(seed.plan.problems).toEqual([]);
          if (seed.importId !== null) await applyImport(ctx, a, "u", seed.importId);
          const first = exportText(await exportLibrary(ctx, a));
          const copy = await previewImport(ctx, b, "u", first);
          expect(copy.plan.problems).toEqual([]);
          if (copy.importId !== null) await applyImport(ctx, b, "u", copy.importId);
          expect(exportText(await exportLibrary(ctx, b))).toBe(first);
          expect(JSON.parse(first).retired).toEqual(file.retired);
        }),
        { numRuns: 60 },
      );
    } finally {
      await close();
    }
  });
});
