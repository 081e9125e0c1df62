/**
 * `npm run db:copy -- --to postgres://… [--from path] [--force]`: copies Gradient's SQLite database (`--from`, else
 * DATABASE_PATH, else its default) into a PostgreSQL database (./copy-database.ts). The SQLite file is opened
 * read-only, as one snapshot; the target is migrated first, and refused when it already holds rows unless `--force`
 * (then only the rows it lacks are added, so a copy that stopped midway is finished by running it again). Then it
 * checks that every table holds as many rows as the source and that every member's figures rebuilt from the
 * completion log on the target equal the copied ones. Prints a line per table and the check; exit code 0 when both
 * hold, 1 when a check failed, 2 when nothing was copied (bad arguments, a source or target it cannot use).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_DATABASE_PATH, readEnvironment } from "../src/config/index.js";
import { DatabaseCorruptError, DatabaseVersionError } from "../src/db/index.js";
import { openPostgresStore } from "../src/db/postgres/store.js";
import { openSqliteSnapshot } from "../src/db/sqlite.js";
import type { Store } from "../src/db/store.js";
import { type CopyReport, copyDatabase, TargetNotEmptyError } from "./copy-database.js";

const USAGE =
  "usage: npm run db:copy -- --to postgres://user@host:5432/database [--from path/to/gradient.sqlite] [--force]";

/** A problem with what the operator asked for, found before anything was copied. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

function options(): { from: string; to: string; force: boolean } {
  let values: { to?: string; from?: string; force?: boolean };
  try {
    ({ values } = parseArgs({
      options: { to: { type: "string" }, from: { type: "string" }, force: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const to = values.to;
  if (!to || !URL.canParse(to) || !/^postgres(ql)?:$/.test(new URL(to).protocol))
    throw new UsageError("--to must be a PostgreSQL URL such as postgres://gradient@db.internal:5432/gradient");
  const from = values.from ?? (readEnvironment().DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH);
  if (!existsSync(from))
    throw new UsageError(`There is no SQLite file at ${from} (set --from or DATABASE_PATH).`, false);
  return { from, to, force: values.force ?? false };
}

/** The URL without its password or options, for output. */
function where(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

function print(report: CopyReport): void {
  const width = Math.max(...report.tables.map((t) => t.name.length));
  console.log("");
  const cells = (...values: (string | number)[]) => values.map((v) => String(v).padStart(9)).join("  ");
  console.log(`${"table".padEnd(width)}  ${cells("source", "copied", "target")}`);
  for (const t of report.tables) {
    const flag = t.source === t.target ? "" : "  DIFFERENT";
    console.log(`${t.name.padEnd(width)}  ${cells(t.source, t.copied, t.target)}${flag}`);
  }
  const rows = report.tables.reduce((n, t) => n + t.copied, 0);
  const differing = report.tables.filter((t) => t.source !== t.target);
  console.log("");
  console.log(`copied ${rows} row(s) in this run`);
  console.log(
    differing.length === 0
      ? `row counts: all ${report.tables.length} tables equal`
      : `row counts: ${differing.length} table(s) differ: ${differing.map((t) => t.name).join(", ")}`,
  );
  if (report.mismatches.length === 0) {
    console.log(
      `figures: all ${report.members} members' member_stats equal their completion log rebuilt on the target`,
    );
  } else {
    console.log(`figures: ${report.mismatches.length} member(s) differ from their completion log:`);
    for (const line of report.mismatches.slice(0, 50)) console.log(`  ${line}`);
    if (report.mismatches.length > 50) console.log(`  and ${report.mismatches.length - 50} more`);
  }
  console.log(report.ok ? "db:copy: done, the copy checks out" : "db:copy: FAILED, the copy does not match its source");
}

async function main(): Promise<number> {
  let source: Store | undefined;
  let target: Store | undefined;
  try {
    const { from, to, force } = options();
    source = openSqliteSnapshot(from);
    try {
      target = await openPostgresStore(to, { poolSize: 4 });
    } catch (error) {
      if (error instanceof DatabaseVersionError) throw error;
      throw new UsageError(`Cannot open the target ${where(to)}: ${(error as Error).message}`, false);
    }
    console.log(`copying sqlite ${from} to postgres ${where(to)}${force ? " (--force)" : ""}`);
    const report = await copyDatabase(source, target, {
      force,
      onTable: (t) => console.log(`  ${t.name}: ${t.copied} new of ${t.source} row(s)`),
    });
    print(report);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof TargetNotEmptyError ||
      error instanceof DatabaseVersionError ||
      error instanceof DatabaseCorruptError
    ) {
      console.error(`db:copy: ${error.message}`);
      if (error instanceof UsageError && error.showUsage) console.error(USAGE);
      return 2;
    }
    throw error;
  } finally {
    await source?.close();
    await target?.close();
  }
}

process.exitCode = await main();
