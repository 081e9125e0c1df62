import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { PACKAGE_ROOT } from "../package-root.js";
import { BUSY_TIMEOUT_MS } from "./busy.js";
import * as schema from "./schema.js";

/** Resolved from the package, not the working directory, so the bot can be started from anywhere (and from dist/). */
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, "migrations");

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export class DatabaseVersionError extends Error {
  override name = "DatabaseVersionError";
}

export class DatabaseCorruptError extends Error {
  override name = "DatabaseCorruptError";
}

/**
 * PRAGMA quick_check (the b-trees and their pages, without cross-checking every index): a damaged file is refused at
 * start, before Gradient writes over it, with one line that says what to do.
 */
function refuseCorruption(sqlite: Database.Database, path: string): void {
  let problem: string;
  try {
    const result = sqlite.pragma("quick_check", { simple: true });
    if (result === "ok") return;
    problem = String(result);
  } catch (error) {
    if (!(error instanceof Database.SqliteError) || !/^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) throw error;
    problem = error.message;
  }
  throw new DatabaseCorruptError(
    `The database at ${path} is damaged (PRAGMA quick_check: ${problem.split("\n")[0]}). ` +
      "Restore a backup; the file was left untouched.",
  );
}

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  /** Migrations applied by this open (0 when the file was already current). */
  applied: number;
  close(): void;
}

/**
 * Opens (creating when needed) the SQLite file, applies pending migrations and refuses a file written by a
 * newer Gradient: running old code over a newer schema could silently drop members' progress.
 */
export function openDatabase(path: string, migrationsFolder = MIGRATIONS_DIR): OpenedDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  try {
    // Opening may wait for another process's migration: nothing else is running yet, so blocking is fine here.
    sqlite.pragma("busy_timeout = 5000");
    if (path !== ":memory:") refuseCorruption(sqlite, path);
    const known = readMigrationFiles({ migrationsFolder });
    const before = appliedMigrations(sqlite);
    const knownStamps = new Set(known.map((m) => m.folderMillis));
    const unknown = before.filter((m) => !knownStamps.has(m.createdAt));
    if (unknown.length > 0) {
      throw new DatabaseVersionError(
        `The database at ${path} was written by a newer version of Gradient (${unknown.length} migration(s) this build does not know). ` +
          "Upgrade Gradient, or restore a backup made by this version; the file was left untouched.",
      );
    }
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder });
    const applied = appliedMigrations(sqlite).length - before.length;
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return {
      db,
      sqlite,
      applied,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Opens an existing SQLite file read-only, as one snapshot: a read transaction begins at once, so every later read
 * sees the file as it was at this open even while a bot writes to it (`npm run db:copy` copies that snapshot). Its
 * rows are read with this build's tables, so a file whose migrations are not exactly this build's is refused: an
 * older one is upgraded by starting this Gradient on it once, a newer one needs the newer Gradient.
 */
export function openDatabaseReadOnly(path: string, migrationsFolder = MIGRATIONS_DIR): OpenedDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    refuseCorruption(sqlite, path);
    sqlite.exec("BEGIN");
    const applied = new Set(appliedMigrations(sqlite).map((m) => m.createdAt));
    if (applied.size === 0) throw new DatabaseVersionError(`The file at ${path} is not a Gradient database.`);
    const known = readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
    const unknown = [...applied].filter((stamp) => !known.includes(stamp)).length;
    if (unknown > 0) {
      throw new DatabaseVersionError(
        `The database at ${path} was written by a newer version of Gradient (${unknown} migration(s) this build does not know). ` +
          "Use that version, or restore a backup made by this one; the file was left untouched.",
      );
    }
    const pending = known.filter((stamp) => !applied.has(stamp)).length;
    if (pending > 0) {
      throw new DatabaseVersionError(
        `The database at ${path} was written by an older version of Gradient (${pending} migration(s) not applied yet). ` +
          "Start this version of Gradient on it once (it upgrades the file in place), then try again; the file was left untouched.",
      );
    }
    return {
      db: drizzle({ client: sqlite, schema }),
      sqlite,
      applied: 0,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function appliedMigrations(sqlite: Database.Database): { createdAt: number }[] {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return [];
  return sqlite.prepare("SELECT created_at AS createdAt FROM __drizzle_migrations").all() as { createdAt: number }[];
}
