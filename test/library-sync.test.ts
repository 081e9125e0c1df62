import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { openDatabase } from "../src/db/index.js";
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
import { tempDir } from "./support/harness.js";

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

/** Two processes on one SQLite file: each its own connection, and so its own cache of composed libraries. */
describe("a server's library written by one process and read by another", () => {
  let dir: ReturnType<typeof tempDir>;
  let stores: ReturnType<typeof openDatabase>[];
  let writer: { db: ReturnType<typeof openDatabase>["db"]; content: typeof SHIPPED; clock: ManualClock };
  let reader: typeof writer;

  beforeEach(() => {
    dir = tempDir();
    const path = join(dir.path, "gradient.sqlite");
    stores = [openDatabase(path), openDatabase(path)];
    const clock = new ManualClock("2026-03-02T12:00:00Z");
    writer = { db: stores[0]?.db as typeof writer.db, content: SHIPPED, clock };
    reader = { db: stores[1]?.db as typeof writer.db, content: SHIPPED, clock };
  });
  afterEach(() => {
    for (const s of stores) s.close();
    dir.remove();
  });

  const titles = () => libraryFor(reader, GUILD).challenges.map((c) => c.title);

  it("an added challenge is drawable in the other process at once", () => {
    expect(titles()).toHaveLength(5);
    addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(titles()).toContain("Summarise week one");
  });

  it("a challenge retired in one process leaves the other's draws, and comes back when restored", () => {
    const added = addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(titles()).toContain("Summarise week one");
    setRetired(writer, GUILD, added.id, true);
    expect(titles()).not.toContain("Summarise week one");
    setRetired(writer, GUILD, added.id, false);
    expect(titles()).toContain("Summarise week one");
  });

  it("a pool changed in one process is the other's pool", () => {
    expect(titles()).toHaveLength(5);
    setPool(writer, GUILD, { shipped: true, areas: ["area-2"] });
    expect(titles()).toEqual(["Challenge 1 of area 2", "Challenge 2 of area 2"]);
    setPool(writer, GUILD, { shipped: false, areas: null });
    expect(titles()).toEqual([]);
  });

  it("an applied import is the other process's library", () => {
    expect(titles()).toHaveLength(5);
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
    const { importId } = previewImport(writer, GUILD, "u1", JSON.stringify(file));
    applyImport(writer, GUILD, "u1", importId as number);
    expect(titles()).toEqual(["Imported drill"]);
  });

  it("a suggestion accepted in one process is drawable in the other", () => {
    expect(titles()).toHaveLength(5);
    setSuggestionSettings(writer, GUILD, "c1", null);
    const { suggestion } = createSuggestion(writer, GUILD, "u2", "challenge", draft("Suggested drill"));
    decideSuggestion(writer, GUILD, suggestion.id, "u1", { accept: true });
    expect(titles()).toContain("Suggested drill");
  });

  it("another server's library is not recomposed by a write to this one", () => {
    addItem(writer, "g2", "challenge", draft("Another server's drill"));
    const other = libraryFor(reader, "g2");
    addItem(writer, GUILD, "challenge", draft("Summarise week one"));
    expect(libraryFor(reader, "g2")).toBe(other);
  });
});
