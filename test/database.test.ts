import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseVersionError, MIGRATIONS_DIR, openDatabase } from "../src/db/index.js";
import { tempDir } from "./support/harness.js";

const dirs: { remove(): void }[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, "sub", "gradient.sqlite");
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

describe("the SQLite store", () => {
  it("applies every migration to a fresh file, creating its folder", () => {
    const store = openDatabase(fresh());
    expect(store.applied).toBe(journal.entries.length);
    expect(store.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
    store.close();
  });

  it("applies nothing on the next start and keeps the data", () => {
    const path = fresh();
    const first = openDatabase(path);
    first.sqlite.prepare("INSERT INTO members (user_id, timezone) VALUES ('1', 'Asia/Tokyo')").run();
    first.close();
    const second = openDatabase(path);
    expect(second.applied).toBe(0);
    expect(second.sqlite.prepare("SELECT timezone FROM members").get()).toEqual({ timezone: "Asia/Tokyo" });
    second.close();
  });

  it("refuses a database written by a newer version and leaves its data alone", () => {
    const path = fresh();
    const store = openDatabase(path);
    store.sqlite.prepare("INSERT INTO members (user_id) VALUES ('42')").run();
    store.sqlite
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)")
      .run(Date.now() + 10 ** 9);
    store.close();
    expect(() => openDatabase(path)).toThrow(DatabaseVersionError);
    expect(() => openDatabase(path)).toThrow(/newer version of Gradient/);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM members").get()).toEqual({ n: 1 });
    raw.close();
  });

  it("resolves the migrations folder from the module, not the working directory", () => {
    const cwd = process.cwd();
    process.chdir(tempDir().path);
    try {
      const store = openDatabase(fresh());
      expect(store.applied).toBe(journal.entries.length);
      store.close();
    } finally {
      process.chdir(cwd);
    }
  });
});
