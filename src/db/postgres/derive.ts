import { Column, getTableColumns, is, SQL, sql, Table } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  type PgColumnBuilderBase,
  type PgTable,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * The PostgreSQL tables, derived from the SQLite ones (src/db/tables/) so the two can never drift: one definition,
 * two dialects. Each column keeps SQLite's storage exactly (a flag is 0 or 1, a time is milliseconds in a bigint),
 * so raw SQL, row values and `npm run db:copy` read the same on both engines.
 */

/** A flag stored as 0 or 1, as SQLite's integer boolean mode does. */
const flag = customType<{ data: boolean; driverData: number }>({
  dataType: () => "integer",
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) === 1,
});

/** A time stored as milliseconds since the epoch, as SQLite's timestamp_ms mode does. */
const msTime = customType<{ data: Date; driverData: number }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/** SQL defaults written in SQLite's words, and the same value in PostgreSQL's. */
const DEFAULTS: Record<string, SQL> = {
  "(unixepoch('subsec') * 1000)": sql`(floor(extract(epoch from clock_timestamp()) * 1000))::bigint`,
};

function sqlText(value: SQL): string {
  return value.queryChunks
    .map((chunk) => {
      const c = chunk as { value?: string[] };
      if (Array.isArray(c.value)) return c.value.join("");
      throw new Error("a SQL default must be plain text");
    })
    .join("");
}

function columnFor(column: SQLiteColumn): PgColumnBuilderBase {
  const { name, columnType } = column;
  // biome-ignore lint/suspicious/noExplicitAny: a builder whose type depends on the column kind chosen at run time.
  let built: any;
  switch (columnType) {
    case "SQLiteText":
      built = column.enumValues?.length ? text(name, { enum: column.enumValues as [string] }) : text(name);
      break;
    case "SQLiteInteger":
      built = bigint(name, { mode: "number" });
      if (column.primary && (column as { autoIncrement?: boolean }).autoIncrement)
        built = built.generatedByDefaultAsIdentity();
      break;
    case "SQLiteBoolean":
      built = flag(name);
      break;
    case "SQLiteTimestamp":
      built = msTime(name);
      break;
    default:
      throw new Error(`no PostgreSQL column for ${name} (${columnType})`);
  }
  if (column.primary) built = built.primaryKey();
  if (column.notNull && !column.primary) built = built.notNull();
  if (column.hasDefault && column.default !== undefined && !(column as { autoIncrement?: boolean }).autoIncrement) {
    const value = column.default;
    if (is(value, SQL)) {
      const translated = DEFAULTS[sqlText(value)];
      if (!translated) throw new Error(`no PostgreSQL default for ${name}: ${sqlText(value)}`);
      built = built.default(translated);
    } else if (typeof value === "boolean") built = built.default(sql.raw(value ? "1" : "0"));
    else if (typeof value === "number") built = built.default(sql.raw(String(value)));
    else built = built.default(value);
  }
  return built;
}

/** An index's WHERE, rewritten to name the PostgreSQL table's columns. */
function predicate(where: SQL, columns: Record<string, Column>): SQL {
  return new SQL(
    where.queryChunks.map((chunk) => {
      if (is(chunk, Column)) {
        const mapped = columns[chunk.name];
        if (!mapped) throw new Error(`index predicate names an unknown column ${chunk.name}`);
        return mapped;
      }
      if (is(chunk, SQL)) return predicate(chunk, columns);
      return chunk;
    }),
  );
}

export function pgTableFrom(table: SQLiteTable): PgTable {
  const config = getTableConfig(table);
  const builders: Record<string, PgColumnBuilderBase> = {};
  const keys = new Map<string, string>();
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>)) {
    builders[key] = columnFor(column);
    keys.set(column.name, key);
  }
  return pgTable(config.name, builders, (t) => {
    const byName: Record<string, Column> = {};
    for (const [name, key] of keys) byName[name] = (t as Record<string, Column>)[key] as Column;
    const pick = (cols: unknown[]) =>
      cols.map((c) => (is(c, SQL) ? predicate(c, byName) : (byName[(c as Column).name] as Column)));
    const extras: unknown[] = [];
    for (const pk of config.primaryKeys) extras.push(primaryKey({ columns: pick(pk.columns) as never }));
    for (const ix of config.indexes) {
      const { name, columns, unique, where } = ix.config;
      const on = pick(columns) as unknown as Parameters<ReturnType<typeof index>["on"]>;
      let built = (unique ? uniqueIndex(name) : index(name)).on(...on);
      if (where) built = built.where(predicate(where, byName));
      extras.push(built);
    }
    return extras as never;
  });
}

/** Every table of `schema` that is a SQLite table, as a PostgreSQL table under the same key. */
export function pgTablesFrom<S extends Record<string, unknown>>(schema: S): { [K in keyof S]: PgTable } {
  const out: Record<string, PgTable> = {};
  for (const [key, value] of Object.entries(schema)) if (is(value, Table)) out[key] = pgTableFrom(value as SQLiteTable);
  return out as { [K in keyof S]: PgTable };
}
