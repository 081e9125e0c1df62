/**
 * Import previews held for Apply. Each holds the whole file (up to 1 MiB), so an admin keeps at most one per server
 * (a new preview replaces the older), a preview expires after PREVIEW_TTL_MS, and expired ones are purged every
 * minute: no admin can fill the database with previews they never apply.
 */
import { and, eq, lt } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { startMinuteTicker } from "../jobs/minute-ticker.js";

export const PREVIEW_TTL_MS = 15 * 60_000;

/** Holds `body` as this admin's one preview in this server, replacing any older one; returns its id. */
export function* holdImportIn(s: Session, guildId: string, userId: string, body: string, now: Date): Gen<number> {
  const { libraryImports } = s.t;
  yield* run(
    s.db.delete(libraryImports).where(and(eq(libraryImports.guildId, guildId), eq(libraryImports.userId, userId))),
  );
  const held = yield* get(
    s.db.insert(libraryImports).values({ guildId, userId, body, createdAt: now }).returning({ id: libraryImports.id }),
  );
  return (held as { id: number }).id;
}

export function holdImport(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  body: string,
  now: Date,
): Promise<number> {
  return ctx.store.write(holdImportIn, guildId, userId, body, now);
}

/**
 * The held file for Apply, removed so it applies once; call inside Apply's transaction. An expired preview is
 * refused (and left for the purge), so a late Apply changes nothing.
 */
export function* takeHeldImportIn(
  s: Session,
  guildId: string,
  userId: string,
  importId: number,
  now: Date,
): Gen<string> {
  const { libraryImports } = s.t;
  const held = yield* get(
    s.db
      .select()
      .from(libraryImports)
      .where(and(eq(libraryImports.id, importId), eq(libraryImports.guildId, guildId))),
  );
  if (!held || held.userId !== userId)
    throw new UserError(
      "This import was already applied, cancelled or replaced by a newer preview. Run `/library import` again.",
    );
  if (now.getTime() - held.createdAt.getTime() >= PREVIEW_TTL_MS)
    throw new UserError(
      `This preview expired (previews are kept ${PREVIEW_TTL_MS / 60_000} minutes) and nothing was written. Run \`/library import\` again.`,
    );
  yield* run(s.db.delete(libraryImports).where(eq(libraryImports.id, importId)));
  return held.body;
}

/** Deletes every expired preview; returns how many. */
export function* purgeExpiredImportsIn(s: Session, now: Date): Gen<number> {
  const { libraryImports } = s.t;
  return (yield* run(
    s.db.delete(libraryImports).where(lt(libraryImports.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS))),
  )).changes;
}

/** The purge, at once and then every minute, until stopped. */
export function startImportPurge(ctx: Pick<AppContext, "store" | "clock" | "log">): { stop(): Promise<void> } {
  const task = startMinuteTicker(
    "import-previews",
    async () => {
      const purged = await ctx.store.write(purgeExpiredImportsIn, ctx.clock.now());
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
