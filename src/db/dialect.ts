import { type SQL, sql } from "drizzle-orm";
import type { Engine } from "./store.js";

/**
 * SQL that SQLite and PostgreSQL write differently, each as one named function of the engine (src/db/store.ts's
 * seam keeps every other statement to SQL both accept).
 */

type JsonColumn = "text" | "bigint";

/**
 * Rows passed as one parameter (a JSON array of objects keyed by column name) read as a subquery's rows: a set of
 * any size is one statement of one fixed text, so it costs no query building and no new prepare as it grows.
 * SQLite reads it with json_each, PostgreSQL with jsonb_to_recordset.
 */
export function jsonRows(engine: Engine, rows: readonly object[], columns: Record<string, JsonColumn>): SQL {
  const json = JSON.stringify(rows);
  const names = Object.keys(columns);
  if (engine === "postgres") {
    const types = names.map((name) => `${name} ${columns[name]}`).join(", ");
    return sql`(SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS r(${sql.raw(types)}))`;
  }
  const picks = names.map((name) => `json_extract(value, '$.${name}') AS ${name}`).join(", ");
  return sql`(SELECT ${sql.raw(picks)} FROM json_each(${json}))`;
}

/**
 * The ISO-8601 week (`YYYY-Www`, the week-numbering year) of a `YYYY-MM-DD` text column: what isoWeek in
 * src/time computes, for a rebuild done in SQL.
 */
export function isoWeekOf(engine: Engine, date: SQL): SQL {
  return engine === "postgres" ? sql`to_char(CAST(${date} AS date), 'IYYY-"W"IW')` : sql`strftime('%G-W%V', ${date})`;
}

/** The calendar date `days` (a whole number, 1 to 9) before a `YYYY-MM-DD` text column's, as the same text. */
export function daysBefore(engine: Engine, date: SQL, days: number): SQL {
  if (!Number.isInteger(days) || days < 1 || days > 9) throw new Error(`daysBefore takes 1 to 9 days, not ${days}`);
  return engine === "postgres"
    ? sql`to_char(${date}::date - ${sql.raw(String(days))}, 'YYYY-MM-DD')`
    : sql`date(${date}, ${sql.raw(`'-${days} day'`)})`;
}
