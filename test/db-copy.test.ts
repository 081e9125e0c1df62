import { spawn } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COPY_ORDER, copyDatabase, copyPlan, rowCountsIn, SCHEMA_TABLES } from "../scripts/copy-database.js";
import { DatabaseVersionError, openDatabase } from "../src/db/index.js";
import { openPostgresStore } from "../src/db/postgres/store.js";
import { openSqliteSnapshot, openSqliteStore } from "../src/db/sqlite.js";
import { all, get, run, type Store, type Tables } from "../src/db/store.js";
import { PACKAGE_ROOT } from "../src/package-root.js";
import { buildFullDatabase, GUILDS, USERS } from "./support/full-database.js";
import { type Cluster, findPostgres, startCluster } from "./support/postgres.js";
import { tempDir } from "./support/temp.js";

/**
 * `npm run db:copy` from a SQLite file with data in every table into a throwaway PostgreSQL cluster of its own
 * (test/support/postgres.ts). Runs in the sqlite project only: it needs both engines at once.
 */
const PREVIOUS_RELEASE = join(import.meta.dirname, "fixtures", "migrations-2684364");
const NO_POSTGRES = findPostgres() === undefined && process.env.REQUIRE_POSTGRES !== "1";

describe("db:copy's table order", () => {
  it("names every table of the schema once, so a table added later is copied too", () => {
    expect(copyPlan().map((p) => p.name)).toHaveLength(SCHEMA_TABLES.length);
    expect([...COPY_ORDER].sort()).toEqual(SCHEMA_TABLES.map((t) => t.key).sort());
  });
});

describe("db:copy's source", () => {
  let dir: { path: string; remove(): void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("is read as one snapshot: rows written while it is open are not in it", async () => {
    const path = join(dir.path, "gradient.sqlite");
    await buildFullDatabase(path);
    const snapshot = openSqliteSnapshot(path);
    const bot = openSqliteStore(path);
    try {
      const before = await snapshot.read(rowCountsIn);
      await bot.write(function* (s) {
        yield* run(s.db.insert(s.t.guilds).values({ id: "1090000000000000099" }));
      });
      expect(await snapshot.read(rowCountsIn)).toEqual(before);
      await expect(
        snapshot.write(function* (s) {
          yield* run(s.db.insert(s.t.guilds).values({ id: "1090000000000000098" }));
        }),
      ).rejects.toThrow();
    } finally {
      await snapshot.close();
      await bot.close();
    }
  });

  it("is refused until Gradient has upgraded it, and when it is not Gradient's at all", () => {
    const previous = join(dir.path, "previous-migrations");
    cpSync(PREVIOUS_RELEASE, previous, { recursive: true });
    const journal = join(previous, "meta", "_journal.json");
    const entries = JSON.parse(readFileSync(journal, "utf8")) as { entries: unknown[] };
    writeFileSync(journal, JSON.stringify({ ...entries, entries: entries.entries.slice(0, -1) }));
    const current = JSON.parse(readFileSync(join(PACKAGE_ROOT, "migrations", "meta", "_journal.json"), "utf8"));
    const missing = (current as { entries: unknown[] }).entries.length - (entries.entries.length - 1);
    const older = join(dir.path, "older.sqlite");
    openDatabase(older, previous).close();
    expect(() => openSqliteSnapshot(older)).toThrow(DatabaseVersionError);
    expect(() => openSqliteSnapshot(older)).toThrow(
      `older version of Gradient (${missing} migration(s) not applied yet)`,
    );
    const other = join(dir.path, "other.sqlite");
    writeFileSync(other, "");
    expect(() => openSqliteSnapshot(other)).toThrow(/is not a Gradient database/);
  });
});

function dbCopy(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "db:copy", "--", ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, DATABASE_PATH: "", NODE_OPTIONS: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every row of every table, each table's rows in a fixed order: what a copy must carry over unchanged. */
async function everything(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { key, name } of SCHEMA_TABLES) {
    const rows = await store.read(function* (s) {
      return yield* all(s.db.select().from(s.t[key as keyof Tables]));
    });
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe.skipIf(NO_POSTGRES)(
  NO_POSTGRES
    ? "npm run db:copy: SKIPPED, PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    : "npm run db:copy into PostgreSQL",
  () => {
    let cluster: Cluster;
    let dir: { path: string; remove(): void };
    let source: string;
    let databases = 0;

    /** A new, empty database on the cluster. */
    async function createDatabase(): Promise<string> {
      const name = `copy_${++databases}`;
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return cluster.url(name);
    }

    beforeAll(async () => {
      cluster = await startCluster();
      dir = tempDir();
      source = join(dir.path, "gradient.sqlite");
      await buildFullDatabase(source);
    }, 60_000);
    afterAll(() => {
      cluster?.stop();
      dir?.remove();
    });

    it("copies a database with data in every table: same rows, same values, figures that check out", async () => {
      const url = await createDatabase();
      const result = await dbCopy("--from", source, "--to", url);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`row counts: all ${SCHEMA_TABLES.length} tables equal`);
      expect(result.stdout).toContain("figures: all 9 members' member_stats equal their completion log");
      expect(result.stdout).not.toContain(url);

      const from = openSqliteSnapshot(source);
      const to = await openPostgresStore(url);
      try {
        const counts = await from.read(rowCountsIn);
        expect(await to.read(rowCountsIn)).toEqual(counts);
        expect(Object.values(counts).every((n) => n > 0)).toBe(true);
        expect(await everything(to)).toEqual(await everything(from));
        // The identity sequences follow the copied ids: the next completion gets the next id.
        const inserted = await to.write(function* (s) {
          return yield* get(
            s.db
              .insert(s.t.completions)
              .values({
                guildId: GUILDS.study,
                userId: USERS.fay,
                kind: "practice",
                localDate: "2026-03-16",
                zone: "UTC",
                challengeId: "probability-bayes-diagnostic-test",
                completedAt: Date.UTC(2026, 2, 16, 13),
              })
              .returning({ id: s.t.completions.id }),
          );
        });
        expect(inserted?.id).toBe((counts.completions ?? 0) + 1);
      } finally {
        await from.close();
        await to.close();
      }
    }, 120_000);

    it("copies nothing on a second run with --force, and the copy still checks out", async () => {
      const url = await createDatabase();
      const [snapshot, target] = [openSqliteSnapshot(source), await openPostgresStore(url)];
      try {
        expect((await copyDatabase(snapshot, target)).ok).toBe(true);
      } finally {
        await snapshot.close();
        await target.close();
      }
      const again = await dbCopy("--from", source, "--to", url, "--force");
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("copied 0 row(s) in this run");
      expect(again.stdout).toContain("db:copy: done, the copy checks out");
    }, 120_000);

    it("finishes a copy that stopped midway when run again with --force", async () => {
      const url = await createDatabase();
      const target = await openPostgresStore(url);
      const snapshot = openSqliteSnapshot(source);
      try {
        const stopped = copyDatabase(snapshot, target, {
          batchSize: 50,
          onTable: ({ name }) => {
            if (name === "completions") throw new Error("the machine went down");
          },
        });
        await expect(stopped).rejects.toThrow("the machine went down");
        const partial = await target.read(rowCountsIn);
        expect(partial.completions).toBeGreaterThan(0);
        expect(partial.member_stats).toBe(0);
        const report = await copyDatabase(snapshot, target, { force: true, batchSize: 50 });
        expect(report.ok).toBe(true);
        const copied = Object.fromEntries(report.tables.map((t) => [t.name, t.copied]));
        expect(copied.completions).toBe(0);
        expect(copied.member_stats).toBe(9);
      } finally {
        await snapshot.close();
        await target.close();
      }
    }, 120_000);

    it("refuses a target that already holds rows unless --force, naming the tables that hold them", async () => {
      const url = await createDatabase();
      const target = await openPostgresStore(url);
      try {
        await target.write(function* (s) {
          yield* run(s.db.insert(s.t.guilds).values({ id: "1090000000000000099", timezone: "Asia/Kolkata" }));
          yield* run(s.db.insert(s.t.members).values({ userId: USERS.ada, timezone: "UTC" }));
        });
        const refused = await dbCopy("--from", source, "--to", url);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain("The target database already holds rows: guilds (1), members (1).");
        expect(refused.stderr).toContain("--force");
        const counts = await target.read(rowCountsIn);
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
        // With --force the rows already there stay as they are: a row the source lacks fails the count check.
        const snapshot = openSqliteSnapshot(source);
        const forced = await copyDatabase(snapshot, target, { force: true }).finally(() => snapshot.close());
        expect(forced.ok).toBe(false);
        expect(forced.tables.filter((t) => t.source !== t.target).map((t) => t.name)).toEqual(["guilds"]);
        const ada = await target.read(function* (s) {
          return yield* get(s.db.select().from(s.t.members).where(eq(s.t.members.userId, USERS.ada)));
        });
        expect(ada?.timezone).toBe("UTC");
      } finally {
        await target.close();
      }
    }, 120_000);

    it("fails the check, naming the member, when a copied figure disagrees with the member's log", async () => {
      const tampered = join(dir.path, "tampered.sqlite");
      await buildFullDatabase(tampered);
      const store = openSqliteStore(tampered);
      await store.write(function* (s) {
        const stats = s.t.memberStats;
        yield* run(
          s.db
            .update(stats)
            .set({ longest: sql`${stats.longest} + 1` })
            .where(and(eq(stats.guildId, GUILDS.study), eq(stats.userId, USERS.bo))),
        );
      });
      await store.close();
      const url = await createDatabase();
      const result = await dbCopy("--from", tampered, "--to", url);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("figures: 1 member(s) differ from their completion log:");
      expect(result.stdout).toContain(
        `server ${GUILDS.study}, member ${USERS.bo}: longest is 43 in member_stats but 42 from the log`,
      );
      expect(result.stdout).toContain("db:copy: FAILED");
    }, 120_000);
  },
);
