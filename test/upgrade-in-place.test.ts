import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { figureMismatchesIn } from "../scripts/copy-database.js";
import { MIGRATIONS_DIR, openDatabase } from "../src/db/index.js";
import { openStore } from "../src/db/open.js";
import { sqliteStore } from "../src/db/sqlite.js";
import { exec, type Gen, rows, type Session } from "../src/db/store.js";
import { buildFullDatabase } from "./support/full-database.js";
import { tempDir } from "./support/temp.js";

/**
 * The SQLite migrations of the previous release (commit 2684364: migrations 0000 to 0013; the migrator reads only
 * the SQL files and the journal, so the snapshots are left out). A file they made must open with today's Gradient,
 * which applies whatever came since, with nothing lost. SQLite only by nature: it is about a SQLite file.
 */
const PREVIOUS_RELEASE = join(import.meta.dirname, "fixtures", "migrations-2684364");
const journalLength = (folder: string) =>
  (JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

type Shape = { name: string; columns: string[] }[];
const id = (name: string) => sql.identifier(name);
const list = (names: string[]) =>
  sql.join(
    names.map((n) => id(n)),
    sql`, `,
  );

/** The tables of this file, each with its columns (SQLite's own catalogue: this test is about a SQLite file). */
function* shapeIn(_s: Session): Gen<Shape> {
  const tables = yield* rows<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`,
  );
  const shape: Shape = [];
  for (const { name } of tables) {
    const columns = yield* rows<{ name: string }>(sql`SELECT name FROM pragma_table_info(${name}) ORDER BY cid`);
    shape.push({ name, columns: columns.map((c) => c.name) });
  }
  return shape;
}

/** Copies the fixture's rows into this file's tables, each in the columns this file has. */
function* loadFixtureIn(_s: Session, fixture: string, shape: Shape): Gen<void> {
  yield* exec(sql`ATTACH DATABASE ${fixture} AS fixture`);
  for (const { name, columns } of shape) {
    const into: SQL = sql`${id("main")}.${id(name)}`;
    const from: SQL = sql`${id("fixture")}.${id(name)}`;
    yield* exec(sql`INSERT INTO ${into} (${list(columns)}) SELECT ${list(columns)} FROM ${from}`);
  }
  yield* exec(sql`DETACH DATABASE fixture`);
}

/** Every row of every table in `shape`, in those columns, in a fixed order. */
function* contentsIn(_s: Session, shape: Shape): Gen<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { name, columns } of shape) {
    const order = sql.raw(columns.map((_, i) => String(i + 1)).join(", "));
    out[name] = yield* rows(sql`SELECT ${list(columns)} FROM ${id(name)} ORDER BY ${order}`);
  }
  return out;
}

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe("upgrading a SQLite database in place", () => {
  it("opens a file made by the previous release's migrations, with data in every table, and loses nothing", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const fixture = join(dir.path, "fixture.sqlite");
    await buildFullDatabase(fixture);

    const path = join(dir.path, "gradient.sqlite");
    const opened = openDatabase(path, PREVIOUS_RELEASE);
    expect(opened.applied).toBe(14);
    const previous = sqliteStore(opened);
    const shape = await previous.read(shapeIn);
    await previous.read(loadFixtureIn, fixture, shape);
    const before = await previous.read(contentsIn, shape);
    await previous.close();
    expect(shape.length).toBeGreaterThan(20);
    expect(Object.entries(before).filter(([, r]) => r.length === 0)).toEqual([]);

    const { store, applied } = await openStore({ DATABASE_PATH: path, DATABASE_POOL_SIZE: 1 });
    try {
      expect(applied).toBe(journalLength(MIGRATIONS_DIR) - journalLength(PREVIOUS_RELEASE));
      const after = await store.read(contentsIn, shape);
      for (const { name } of shape) expect(after[name]?.length, name).toBe(before[name]?.length);
      expect(after).toEqual(before);
      expect(await store.read(figureMismatchesIn, 500)).toEqual({ members: 9, mismatches: [] });
    } finally {
      await store.close();
    }
  });
});
