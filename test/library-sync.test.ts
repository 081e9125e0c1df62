import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { retryWhileBusy } from "../src/db/busy.js";
import { get, type Store } from "../src/db/store.js";
import {
  addItem,
  applyImport,
  previewImport,
  setPool,
  setRetired,
  setSuggestionSettings,
} from "../src/library/edit.js";
import { libraryFor } from "../src/library/store.js";
import { createSuggestion, decideSuggestion } from "../src/library/suggestions.js";
import { makeLibrary } from "./fixtures/library.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const SHIPPED = makeLibrary([3, 2]);
const GUILD = "g1";
const draft = (title: string) => ({
  title,
  topic: "topic-1",
  level: "beginner",
  task: "Read the first chapter of the course notes and summarise every section.",
  doneWhen: "Done when every section has its summary.",
  minutes: 30,
  resources: [],
  requires: [],
  hints: ["Read the headings first."],
});

/** Two processes on one database: each its own connection (or pool), and so its own cache of composed libraries. */
describe("a server's library written by one process and read by another", () => {
  let database: TestDatabase;
  let stores: Store[];
  let writer: { store: Store; content: typeof SHIPPED; clock: ManualClock };
  let reader: typeof writer;

  beforeEach(async () => {
    database = await freshDatabase();
    stores = [await database.open(), await database.open()];
    const clock = new ManualClock("2026-03-02T12:00:00Z");
    writer = { store: stores[0] as Store, content: SHIPPED, clock };
    reader = { store: stores[1] as Store, content: SHIPPED, clock };
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await database.remove();
  });

  const titles = async () => (await libraryFor(reader, GUILD)).challenges.map((c) => c.title);

  it("an added challenge is drawable in the other process at once", async () => {
    expect(await titles()).toHaveLength(5);
    await addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(await titles()).toContain("Summarise week one");
  });

  it("a challenge retired in one process leaves the other's draws, and comes back when restored", async () => {
    const added = await addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(await titles()).toContain("Summarise week one");
    await setRetired(writer, GUILD, added.id, true);
    expect(await titles()).not.toContain("Summarise week one");
    await setRetired(writer, GUILD, added.id, false);
    expect(await titles()).toContain("Summarise week one");
  });

  it("a pool changed in one process is the other's pool", async () => {
    expect(await titles()).toHaveLength(5);
    await setPool(writer, GUILD, { shipped: true, areas: ["area-2"] });
    expect(await titles()).toEqual(["Challenge 1 of area 2", "Challenge 2 of area 2"]);
    await setPool(writer, GUILD, { shipped: false, areas: null });
    expect(await titles()).toEqual([]);
  });

  it("an applied import is the other process's library", async () => {
    expect(await titles()).toHaveLength(5);
    const file = {
      format: "gradient-library",
      version: 1,
      topics: [],
      challenges: [{ ...draft("Imported drill"), id: "local-imported-drill" }],
      resources: [],
      prompts: [],
      retired: [],
      pool: { shipped: false, areas: null },
    };
    const { importId } = await previewImport(writer, GUILD, "u1", JSON.stringify(file));
    await applyImport(writer, GUILD, "u1", importId as number);
    expect(await titles()).toEqual(["Imported drill"]);
  });

  it("a suggestion accepted in one process is drawable in the other", async () => {
    expect(await titles()).toHaveLength(5);
    await setSuggestionSettings(writer, GUILD, "c1", null);
    const { suggestion } = await createSuggestion(writer, GUILD, "u2", "challenge", draft("Suggested drill"));
    await decideSuggestion(writer, GUILD, suggestion.id, "u1", { accept: true });
    expect(await titles()).toContain("Suggested drill");
  });

  it("another server's library is not recomposed by a write to this one", async () => {
    await addItem(writer, "g2", "challenge", draft("Another server's drill"));
    const other = await libraryFor(reader, "g2");
    await addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(await libraryFor(reader, "g2")).toBe(other);
  });

  it("items added at once through both processes all land, each a change the other process sees", async () => {
    const titlesAdded = Array.from({ length: 6 }, (_, i) => `Drill number ${i + 1}`);
    await Promise.all(
      titlesAdded.map((title, i) =>
        retryWhileBusy(() => addItem(i % 2 === 0 ? writer : reader, GUILD, "challenge", draft(title)), {
          budgetMs: 20_000,
        }),
      ),
    );
    for (const ctx of [writer, reader])
      expect((await libraryFor(ctx, GUILD)).challenges.map((c) => c.title)).toEqual(
        expect.arrayContaining(titlesAdded),
      );
    const revision = await reader.store.read(function* (s) {
      return yield* get(s.db.select().from(s.t.libraryRevisions).where(eq(s.t.libraryRevisions.guildId, GUILD)));
    });
    expect(revision?.revision).toBe(titlesAdded.length);
  });

  it("the same title added at once through both processes lands twice, under two ids", async () => {
    const both = await Promise.all(
      [writer, reader].map((ctx) =>
        retryWhileBusy(() => addItem(ctx, GUILD, "challenge", draft("Summarise week one")), { budgetMs: 20_000 }),
      ),
    );
    expect(both.map((item) => item.id).sort()).toEqual(["local-summarise-week-one", "local-summarise-week-one-2"]);
    expect((await titles()).filter((title) => title === "Summarise week one")).toHaveLength(2);
  });

  it("two reviewers accepting one suggestion at once through both processes make one decision and one item", async () => {
    await setSuggestionSettings(writer, GUILD, "c1", null);
    const { suggestion } = await createSuggestion(writer, GUILD, "u2", "challenge", draft("Suggested drill"));
    const outcomes = await Promise.all(
      [writer, reader].map((ctx, i) =>
        retryWhileBusy(() => decideSuggestion(ctx, GUILD, suggestion.id, `reviewer-${i}`, { accept: true }), {
          budgetMs: 20_000,
        }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["already", "decided"]);
    expect((await titles()).filter((title) => title === "Suggested drill")).toHaveLength(1);
  });
});
