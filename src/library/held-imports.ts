/**
 * Import previews held for Apply. Each holds the whole file (up to 1 MiB), so an admin keeps at most one per server
 * (a new preview replaces the older), a preview expires after PREVIEW_TTL_MS, and expired ones are purged every
 * minute: no admin can fill the database with previews they never apply.
 */
import { and, eq, lt } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { libraryImports } from "../db/schema.js";
import { UserError } from "../errors.js";
import { startMinuteTicker } from "../jobs/minute-ticker.js";

export const PREVIEW_TTL_MS = 15 * 60_000;

/** Holds `body` as this admin's one preview in this server, replacing any older one; returns its id. */
export function holdImport(db: Db, guildId: string, userId: string, body: string, now: Date): number {
  return db.transaction(
    () => {
      db.delete(libraryImports)
        .where(and(eq(libraryImports.guildId, guildId), eq(libraryImports.userId, userId)))
        .run();
      return db
        .insert(libraryImports)
        .values({ guildId, userId, body, createdAt: now })
        .returning({ id: libraryImports.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
}

/**
 * The held file for Apply, removed so it applies once; call inside Apply's transaction. An expired preview is
 * refused (and left for the purge), so a late Apply changes nothing.
 */
export function takeHeldImport(db: Db, guildId: string, userId: string, importId: number, now: Date): string {
  const held = db
    .select()
    .from(libraryImports)
    .where(and(eq(libraryImports.id, importId), eq(libraryImports.guildId, guildId)))
    .get();
  if (!held || held.userId !== userId)
    throw new UserError(
      "This import was already applied, cancelled or replaced by a newer preview. Run `/library import` again.",
    );
  if (now.getTime() - held.createdAt.getTime() >= PREVIEW_TTL_MS)
    throw new UserError(
      `This preview expired (previews are kept ${PREVIEW_TTL_MS / 60_000} minutes) and nothing was written. Run \`/library import\` again.`,
    );
  db.delete(libraryImports).where(eq(libraryImports.id, importId)).run();
  return held.body;
}

/** Deletes every expired preview; returns how many. */
export function purgeExpiredImports(db: Db, now: Date): number {
  return db
    .delete(libraryImports)
    .where(lt(libraryImports.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS)))
    .run().changes;
}

/** The purge, at once and then every minute, until stopped. */
export function startImportPurge(ctx: Pick<AppContext, "db" | "clock" | "log">): { stop(): Promise<void> } {
  const task = startMinuteTicker(
    "import-previews",
    async () => {
      const purged = purgeExpiredImports(ctx.db, ctx.clock.now());
      if (purged > 0) ctx.log.info({ purged }, "expired import previews purged");
    },
    ctx.log,
  );
  return {
    stop: async () => {
      await task.stop();
    },
  };
}
