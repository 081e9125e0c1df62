/**
 * Servers that removed Gradient. Discord's GUILD_DELETE without `unavailable` (the bot was kicked, or the server
 * deleted) marks the server removed: the due queries of scheduled posts and reminders leave it out from that
 * instant, so nothing more is sent there. Its data stays for a grace period (30 days): Gradient added back within
 * it (GUILD_CREATE) lifts the mark and everything resumes as it was. After it, a daily purge deletes every row of
 * the server from every table with a guild_id column (and its settings row), in small slices so no transaction
 * holds the write lock for long; the mark goes last, so a purge cut short resumes at the next run. An outage's
 * GUILD_DELETE (`unavailable: true`) is not a removal and changes nothing.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { guildRemovals, guilds } from "../db/schema.js";
import { startMinuteTicker } from "./minute-ticker.js";

type Ctx = Pick<AppContext, "db">;

export const REMOVAL_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Rows deleted per transaction: a few milliseconds of write lock, whatever the size of the server. */
const PURGE_SLICE = 500;

/** Gradient was removed from `guildId` at `now`: its schedules and reminders stop at once. */
export function markGuildRemoved(ctx: Ctx, guildId: string, now: Date): void {
  ctx.db.insert(guildRemovals).values({ guildId, removedAt: now }).onConflictDoNothing().run();
}

/** Gradient is in these servers (again): whatever was kept of them resumes. Returns how many were restored. */
export function restoreGuilds(ctx: Ctx, guildIds: readonly string[]): number {
  let restored = 0;
  for (let i = 0; i < guildIds.length; i += PURGE_SLICE) {
    const slice = guildIds.slice(i, i + PURGE_SLICE);
    restored += ctx.db.delete(guildRemovals).where(inArray(guildRemovals.guildId, slice)).run().changes;
  }
  return restored;
}

/** Every table holding per-server rows: found in the schema itself, so a table added later is purged too. */
function guildTables(db: Db): string[] {
  const rows = db.all<{ name: string }>(
    sql`SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
        WHERE m.type = 'table' AND c.name = 'guild_id' AND m.name <> 'guild_removals' ORDER BY m.name`,
  );
  return rows.map((row) => row.name);
}

/** Deletes one server's data, slice by slice; false when it came back meanwhile (nothing more is deleted). */
function purgeGuild(db: Db, guildId: string, cutoff: Date): boolean {
  const stillGone = (tx: Pick<Db, "select">) =>
    tx
      .select({ guildId: guildRemovals.guildId })
      .from(guildRemovals)
      .where(and(eq(guildRemovals.guildId, guildId), lte(guildRemovals.removedAt, cutoff)))
      .get() !== undefined;
  for (const table of guildTables(db)) {
    for (;;) {
      const deleted = db.transaction(
        (tx) => {
          if (!stillGone(tx)) return -1;
          return tx.run(
            sql`DELETE FROM ${sql.identifier(table)} WHERE rowid IN
                (SELECT rowid FROM ${sql.identifier(table)} WHERE guild_id = ${guildId} LIMIT ${PURGE_SLICE})`,
          ).changes;
        },
        { behavior: "immediate" },
      );
      if (deleted < 0) return false;
      if (deleted < PURGE_SLICE) break;
    }
  }
  return db.transaction(
    (tx) => {
      if (!stillGone(tx)) return false;
      tx.delete(guilds).where(eq(guilds.id, guildId)).run();
      tx.delete(guildRemovals).where(eq(guildRemovals.guildId, guildId)).run();
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Deletes the data of every server removed more than the grace period before `now`; returns how many. */
export function purgeRemovedGuilds(ctx: Ctx, now: Date): number {
  const cutoff = new Date(now.getTime() - REMOVAL_GRACE_DAYS * DAY_MS);
  const due = ctx.db
    .select({ guildId: guildRemovals.guildId })
    .from(guildRemovals)
    .where(lte(guildRemovals.removedAt, cutoff))
    .all();
  let purged = 0;
  for (const { guildId } of due) if (purgeGuild(ctx.db, guildId, cutoff)) purged += 1;
  return purged;
}

/** Purges at start and then once a day (checked on the minute tick, by the clock). */
export function startRemovalPurge(ctx: Pick<AppContext, "db" | "clock" | "log">): { stop(): Promise<void> } {
  let lastRun: number | undefined;
  const task = startMinuteTicker(
    "removed-guilds",
    async () => {
      const now = ctx.clock.now();
      if (lastRun !== undefined && now.getTime() - lastRun < DAY_MS) return;
      lastRun = now.getTime();
      const purged = purgeRemovedGuilds(ctx, now);
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
