import { and, type Column, count, getTableColumns, getTableName, is, type SQL, sql, Table } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { retryWhileBusy } from "../src/db/busy.js";
import * as schema from "../src/db/schema.js";
import { all, type Gen, get, rows, run, type Session, type Store, type Tables } from "../src/db/store.js";
import { foldLog, type LogEntry, type RestDays, type StreakState } from "../src/streaks/engine.js";

/**
 * What `npm run db:copy` does (scripts/db-copy.ts is its command line): copies every table of one store into another
 * (a SQLite snapshot into PostgreSQL), table by table in COPY_ORDER, in batches each written in one transaction;
 * idempotent, then checks the copy. Rows are read with the source's drizzle tables and written with the target's,
 * so each engine's value mapping (flags 0/1, times in ms) is drizzle's own.
 */

type TableKey = { [K in keyof Tables]: Tables[K] extends Table ? K : never }[keyof Tables];
type Row = Record<string, unknown>;

/**
 * The order tables are copied in: servers and members first, then their settings, then what happened in them, and
 * the caches folded from the completion log (member_stats, the boards) last. There are no foreign keys today; the
 * order keeps a copy that stopped midway easy to read, and is ready for them. Every table of src/db/schema.ts must
 * be named here: a copy refuses to start otherwise.
 */
export const COPY_ORDER: readonly TableKey[] = [
  "guilds",
  "members",
  "guildRemovals",
  "engagementSettings",
  "librarySettings",
  "libraryRevisions",
  "milestoneRoles",
  "schedules",
  "memberTracks",
  "reminders",
  "dmChannels",
  "libraryItems",
  "libraryImports",
  "suggestions",
  "dailyChallenges",
  "resourcePicks",
  "restDays",
  "completions",
  "answerAttempts",
  "milestonesReached",
  "ratings",
  "problemReports",
  "scheduleSlots",
  "reminderSends",
  "opsProbe",
  "memberStats",
  "boardEntries",
  "boardValueCounts",
  "boardSlotCounts",
  "boardRebuilds",
];

/** Every table of the schema, as drizzle lists them: `key` is its export name, `name` its SQL name. */
export const SCHEMA_TABLES: readonly { key: TableKey; name: string; table: SQLiteTable }[] = Object.entries(schema)
  .filter(([, value]) => is(value, Table))
  .map(([key, value]) => ({ key: key as TableKey, name: getTableName(value as Table), table: value as SQLiteTable }));

interface Planned {
  key: TableKey;
  name: string;
  /** The primary key's columns, by property: the batches' order and ON CONFLICT's target. */
  primaryKey: string[];
  /** An autoincrement id, whose sequence follows the copied ids on PostgreSQL. */
  identity: string | undefined;
}

/** COPY_ORDER with each table's keys; throws when it and the schema's tables differ. */
export function copyPlan(): Planned[] {
  const known = new Set(SCHEMA_TABLES.map((t) => t.key));
  const missing = SCHEMA_TABLES.filter((t) => !COPY_ORDER.includes(t.key)).map((t) => t.name);
  const unknown = COPY_ORDER.filter((key) => !known.has(key));
  if (missing.length > 0 || unknown.length > 0 || new Set(COPY_ORDER).size !== COPY_ORDER.length) {
    throw new Error(
      `db:copy's COPY_ORDER (scripts/copy-database.ts) does not match the schema: ` +
        `missing ${missing.join(", ") || "none"}; unknown or repeated ${unknown.join(", ") || "none"}`,
    );
  }
  return COPY_ORDER.map((key) => {
    const { table } = SCHEMA_TABLES.find((t) => t.key === key) as (typeof SCHEMA_TABLES)[number];
    const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
    const keyOf = new Map(columns.map(([k, c]) => [c.name, k]));
    const composite = getTableConfig(table).primaryKeys[0]?.columns.map((c) => keyOf.get(c.name) as string);
    const primaryKey = composite ?? columns.filter(([, c]) => c.primary).map(([k]) => k);
    const identity = columns.find(([, c]) => c.primary && (c as { autoIncrement?: boolean }).autoIncrement)?.[0];
    return { key, name: getTableName(table), primaryKey, identity };
  });
}

function tableIn(s: Session, key: TableKey): SQLiteTable {
  return s.t[key] as unknown as SQLiteTable;
}

function columnsOf(table: SQLiteTable, keys: string[]): SQLiteColumn[] {
  return keys.map((k) => (table as unknown as Record<string, SQLiteColumn>)[k] as SQLiteColumn);
}

/** `(a, b) > (x, y)`: rows after `values` in the order of `columns` (row values: SQLite and PostgreSQL alike). */
function after(columns: Column[], values: unknown[]): SQL {
  const params = values.map((v, i) => sql.param(v, columns[i]));
  if (columns.length === 1) return sql`${columns[0]} > ${params[0]}`;
  return sql`(${sql.join(columns, sql`, `)}) > (${sql.join(params, sql`, `)})`;
}

function upTo(columns: Column[], values: unknown[]): SQL {
  const params = values.map((v, i) => sql.param(v, columns[i]));
  return sql`(${sql.join(columns, sql`, `)}) <= (${sql.join(params, sql`, `)})`;
}

/** The next `limit` rows of a table after `cursor`, in primary key order. */
function* batchIn(s: Session, plan: Planned, cursor: Row | undefined, limit: number): Gen<Row[]> {
  const table = tableIn(s, plan.key);
  const key = columnsOf(table, plan.primaryKey);
  const where = cursor
    ? after(
        key,
        plan.primaryKey.map((k) => cursor[k]),
      )
    : undefined;
  return yield* all(
    s.db
      .select()
      .from(table)
      .where(where)
      .orderBy(...key)
      .limit(limit),
  );
}

/** Inserts the rows the target lacks; a row whose primary key is there already is left as it is. */
function* insertIn(s: Session, plan: Planned, batch: Row[]): Gen<number> {
  const table = tableIn(s, plan.key);
  const target = columnsOf(table, plan.primaryKey);
  return (yield* run(
    s.db
      .insert(table)
      .values(batch as never)
      .onConflictDoNothing({ target: target as never }),
  )).changes;
}

/**
 * Sets the sequence of each copied identity column past the largest id, so the next row Gradient inserts gets a
 * fresh id. Only PostgreSQL needs it: explicit ids do not move its sequences, while SQLite's AUTOINCREMENT follows
 * the largest id inserted.
 */
function* resetIdentitiesIn(s: Session, plan: Planned[]): Gen<void> {
  if (s.engine !== "postgres") return;
  for (const p of plan) {
    if (!p.identity) continue;
    const table = tableIn(s, p.key);
    const [id] = columnsOf(table, [p.identity]) as [SQLiteColumn];
    yield* rows(
      sql`SELECT setval(pg_get_serial_sequence(${p.name}, ${id.name}), coalesce(max(${id}), 0) + 1, false) FROM ${table}`,
    );
  }
}

/** Rows in each table, by SQL name, in COPY_ORDER. */
export function* rowCountsIn(s: Session): Gen<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { key, name } of copyPlan()) {
    const row = yield* get(s.db.select({ n: count() }).from(tableIn(s, key)));
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

const FIGURES = [
  "total",
  "days",
  "current",
  "longest",
  "longestAt",
  "freezes",
  "freezesUsed",
  "run",
  "lastDate",
  "lastZone",
  "lastAt",
] as const satisfies readonly (keyof StreakState)[];

type Member = { guildId: string; userId: string };
const keyOf = (m: Member) => `${m.guildId}\u0000${m.userId}`;

function grouped<T extends Member>(list: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of list) {
    const key = keyOf(row);
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/**
 * Folds every member's completion log and rest days afresh (src/streaks/engine.ts foldLog) and compares the result
 * with their member_stats row: one line per member whose stored figures differ, naming them and each figure, and
 * one per member who has completions but no figures. Members are read a page at a time, in (guild, member) order,
 * with the log and rest days of exactly that page's range.
 */
export function* figureMismatchesIn(s: Session, pageSize = 500): Gen<{ members: number; mismatches: string[] }> {
  const { memberStats: stats, completions: log, restDays: rest } = s.t;
  const mismatches: string[] = [];
  let members = 0;
  let from: Member | undefined;
  for (;;) {
    const page = yield* all(
      s.db
        .select()
        .from(stats)
        .where(from ? after([stats.guildId, stats.userId], [from.guildId, from.userId]) : undefined)
        .orderBy(stats.guildId, stats.userId)
        .limit(pageSize),
    );
    // The last page's range runs to the end, so a log without figures after the last member is found too.
    const last = page.length === pageSize ? page[page.length - 1] : undefined;
    const range = (t: { guildId: Column; userId: Column }) =>
      and(
        from ? after([t.guildId, t.userId], [from.guildId, from.userId]) : undefined,
        last ? upTo([t.guildId, t.userId], [last.guildId, last.userId]) : undefined,
      );
    const logs = grouped(
      yield* all(
        s.db
          .select({
            guildId: log.guildId,
            userId: log.userId,
            kind: log.kind,
            localDate: log.localDate,
            zone: log.zone,
            completedAt: log.completedAt,
          })
          .from(log)
          .where(range(log))
          .orderBy(log.guildId, log.userId, log.id),
      ),
    );
    const rests = grouped(
      yield* all(
        s.db
          .select({ guildId: rest.guildId, userId: rest.userId, date: rest.date })
          .from(rest)
          .where(range(rest))
          .orderBy(rest.guildId, rest.userId, rest.date),
      ),
    );
    for (const row of page) {
      const key = keyOf(row);
      const entries: LogEntry[] = logs.get(key) ?? [];
      const restDays: RestDays = (rests.get(key) ?? []).map((r) => r.date);
      const expected = foldLog(entries, restDays);
      const differences = FIGURES.filter((f) => row[f] !== expected[f]).map(
        (f) => `${f} is ${row[f]} in member_stats but ${expected[f]} from the log`,
      );
      if (differences.length > 0)
        mismatches.push(`server ${row.guildId}, member ${row.userId}: ${differences.join("; ")}`);
      logs.delete(key);
    }
    for (const orphan of logs.values()) {
      const { guildId, userId } = orphan[0] as Member;
      mismatches.push(`server ${guildId}, member ${userId}: ${orphan.length} completion(s) but no member_stats row`);
    }
    members += page.length;
    if (!last) return { members, mismatches };
    from = last;
  }
}

export class TargetNotEmptyError extends Error {
  override name = "TargetNotEmptyError";
  constructor(readonly tables: { name: string; rows: number }[]) {
    super(
      `The target database already holds rows: ${tables.map((t) => `${t.name} (${t.rows})`).join(", ")}. ` +
        "Copy into an empty database, or pass --force to add only the rows it lacks (rows already there are kept as they are).",
    );
  }
}

export interface TableReport {
  name: string;
  /** Rows in the source. */
  source: number;
  /** Rows this run inserted (0 for a table an earlier run copied whole). */
  copied: number;
  /** Rows in the target after the copy. */
  target: number;
}

export interface CopyReport {
  tables: TableReport[];
  /** Members whose figures were rebuilt from the log on the target. */
  members: number;
  /** One line per member whose copied figures differ from their log's. */
  mismatches: string[];
  /** Every table holds as many rows as the source and every member's figures equal their log's. */
  ok: boolean;
}

export interface CopyOptions {
  /** Copy into a target that already holds rows (only the rows it lacks are added). */
  force?: boolean;
  /** Rows per transaction. */
  batchSize?: number;
  /** Told each table as it is done. */
  onTable?: (table: Omit<TableReport, "target">) => void;
}

/** Copies `source` into `target` and checks the result; throws TargetNotEmptyError before writing anything. */
export async function copyDatabase(source: Store, target: Store, options: CopyOptions = {}): Promise<CopyReport> {
  const plan = copyPlan();
  const batchSize = options.batchSize ?? 1000;
  const before = await target.read(rowCountsIn);
  const holding = Object.entries(before)
    .filter(([, n]) => n > 0)
    .map(([name, rows]) => ({ name, rows }));
  if (holding.length > 0 && !options.force) throw new TargetNotEmptyError(holding);

  const sourceCounts = await source.read(rowCountsIn);
  const copied: Record<string, number> = {};
  for (const p of plan) {
    let inserted = 0;
    let cursor: Row | undefined;
    for (;;) {
      const batch = await source.read(batchIn, p, cursor, batchSize);
      if (batch.length === 0) break;
      inserted += await retryWhileBusy(() => target.write(insertIn, p, batch), { budgetMs: 60_000 });
      cursor = batch[batch.length - 1];
      if (batch.length < batchSize) break;
    }
    copied[p.name] = inserted;
    options.onTable?.({ name: p.name, source: sourceCounts[p.name] ?? 0, copied: inserted });
  }
  await retryWhileBusy(() => target.write(resetIdentitiesIn, plan), { budgetMs: 60_000 });

  const targetCounts = await target.read(rowCountsIn);
  const tables = plan.map(({ name }) => ({
    name,
    source: sourceCounts[name] ?? 0,
    copied: copied[name] ?? 0,
    target: targetCounts[name] ?? 0,
  }));
  const { members, mismatches } = await target.read(figureMismatchesIn, 500);
  const ok = mismatches.length === 0 && tables.every((t) => t.source === t.target);
  return { tables, members, mismatches, ok };
}
