/**
 * Servers that removed Gradient. Discord's GUILD_DELETE without `unavailable` (the bot was kicked, or the server
 * deleted) marks the server removed: the due queries of scheduled posts and reminders leave it out from that
 * instant, so nothing more is sent there. Its data stays for a grace period (30 days): Gradient added back within
 * it (GUILD_CREATE) lifts the mark and everything resumes as it was. After it, a daily purge deletes every row of
 * the server from every table with a guild_id column (and its settings row), in small slices so no transaction
 * holds the write lock for long; the mark goes last, so a purge cut short resumes at the next run. An outage's
 * GUILD_DELETE (`unavailable: true`) is not a removal and changes nothing.
 */
import { and, eq, getTableColumns, inArray, is, lte, sql, Table } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { AppContext } from "../context.js";
import * as schema from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { startMinuteTicker } from "./minute-ticker.js";

type Ctx = Pick<AppContext, "store">;

export const REMOVAL_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Rows deleted per transaction: a few milliseconds of write lock, whatever the size of the server. */
const PURGE_SLICE = 500;

function* markRemovedIn(s: Session, guildId: string, now: Date): Gen<void> {
  yield* run(s.db.insert(s.t.guildRemovals).values({ guildId, removedAt: now }).onConflictDoNothing());
}

/** Gradient was removed from `guildId` at `now`: its schedules and reminders stop at once. */
export function markGuildRemoved(ctx: Ctx, guildId: string, now: Date): Promise<void> {
  return ctx.store.write(markRemovedIn, guildId, now);
}

function* restoreIn(s: Session, guildIds: readonly string[]): Gen<number> {
  return (yield* run(s.db.delete(s.t.guildRemovals).where(inArray(s.t.guildRemovals.guildId, [...guildIds])))).changes;
}

/** Gradient is in these servers (again): whatever was kept of them resumes. Returns how many were restored. */
export async function restoreGuilds(ctx: Ctx, guildIds: readonly string[]): Promise<number> {
  let restored = 0;
  for (let i = 0; i < guildIds.length; i += PURGE_SLICE)
    restored += await ctx.store.write(restoreIn, guildIds.slice(i, i + PURGE_SLICE));
  return restored;
}

type TableName = keyof Session["t"];

/** A table holding per-server rows, by its name in the schema and its columns' property names. */
interface GuildTable {
  name: TableName;
  guildId: string;
  /** Its primary key: a slice is chosen by key, which both engines can do (rowid is SQLite's alone). */
  key: string[];
}

/**
 * Every table holding per-server rows: found in the schema itself, so a table added later is purged too. Read from
 * the SQLite definitions, which the PostgreSQL tables mirror name for name (src/db/postgres/); a session's own
 * tables are looked up by these names.
 */
const GUILD_TABLES: readonly GuildTable[] = Object.entries(schema).flatMap(([name, table]): GuildTable[] => {
  if (!is(table, Table) || table === schema.guildRemovals) return [];
  const columns = Object.entries(getTableColumns(table));
  const guildId = columns.find(([, c]) => c.name === "guild_id")?.[0];
  if (!guildId) return [];
  const config = getTableConfig(table as SQLiteTable);
  const keyColumns = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  const key = keyColumns.map((k) => columns.find(([, c]) => c.name === k.name)?.[0] as string);
  return [{ name: name as TableName, guildId, key }];
});

/** The server is still marked removed since before `cutoff` (not added back meanwhile). */
function* stillGoneIn(s: Session, guildId: string, cutoff: Date): Gen<boolean> {
  const { guildRemovals } = s.t;
  const row = yield* get(
    s.db
      .select({ guildId: guildRemovals.guildId })
      .from(guildRemovals)
      .where(and(eq(guildRemovals.guildId, guildId), lte(guildRemovals.removedAt, cutoff))),
  );
  return row !== undefined;
}

/** Deletes up to PURGE_SLICE of the server's rows of one table; -1 when it came back meanwhile. */
function* purgeSliceIn(s: Session, target: GuildTable, guildId: string, cutoff: Date): Gen<number> {
  if (!(yield* stillGoneIn(s, guildId, cutoff))) return -1;
  const table = s.t[target.name] as SQLiteTable;
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const key = target.key.map((k) => columns[k] as SQLiteColumn);
  const slice = s.db
    .select(Object.fromEntries(key.map((c) => [c.name, c])))
    .from(table)
    .where(eq(columns[target.guildId] as SQLiteColumn, guildId))
    .limit(PURGE_SLICE);
  return (yield* run(s.db.delete(table).where(inArray(sql`(${sql.join(key, sql`, `)})`, slice)))).changes;
}

/** The last step of a purge: the server's settings row and its mark; false when it came back meanwhile. */
function* purgeMarkIn(s: Session, guildId: string, cutoff: Date): Gen<boolean> {
  if (!(yield* stillGoneIn(s, guildId, cutoff))) return false;
  yield* run(s.db.delete(s.t.guilds).where(eq(s.t.guilds.id, guildId)));
  yield* run(s.db.delete(s.t.guildRemovals).where(eq(s.t.guildRemovals.guildId, guildId)));
  return true;
}

/** Deletes one server's data, slice by slice; false when it came back meanwhile (nothing more is deleted). */
async function purgeGuild(ctx: Ctx, guildId: string, cutoff: Date): Promise<boolean> {
  for (const table of GUILD_TABLES) {
    for (;;) {
      const deleted = await ctx.store.write(purgeSliceIn, table, guildId, cutoff);
      if (deleted < 0) return false;
      if (deleted < PURGE_SLICE) break;
    }
  }
  return ctx.store.write(purgeMarkIn, guildId, cutoff);
}

function* removedBeforeIn(s: Session, cutoff: Date): Gen<string[]> {
  const { guildRemovals } = s.t;
  const rows = yield* all(
    s.db
      .select({ guildId: guildRemovals.guildId })
      .from(guildRemovals)
      .where(lte(guildRemovals.removedAt, cutoff))
      .orderBy(guildRemovals.guildId),
  );
  return rows.map((row) => row.guildId);
}

/** Deletes the data of every server removed more than the grace period before `now`; returns how many. */
export async function purgeRemovedGuilds(ctx: Ctx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - REMOVAL_GRACE_DAYS * DAY_MS);
  let purged = 0;
  for (const guildId of await ctx.store.read(removedBeforeIn, cutoff))
    if (await purgeGuild(ctx, guildId, cutoff)) purged += 1;
  return purged;
}

/** Purges at start and then once a day (checked on the minute tick, by the clock). */
export function startRemovalPurge(ctx: Pick<AppContext, "store" | "clock" | "log">): { stop(): Promise<void> } {
  let lastRun: number | undefined;
  const task = startMinuteTicker(
    "removed-guilds",
    async () => {
      const now = ctx.clock.now();
      if (lastRun !== undefined && now.getTime() - lastRun < DAY_MS) return;
      lastRun = now.getTime();
      const purged = await purgeRemovedGuilds(ctx, now);
      if (purged > 0) ctx.log.info({ purged }, "data of removed servers deleted after the grace period");
    },
    ctx.log,
  );
  return {
    stop: async () => {
      await task.stop();
    },
  };
}
