/**
 * The library for one guild: the shipped library and the server's own items, minus retired ones, per its pool.
 * Every feature that draws, lists or browses (the daily, /challenge random, /topics, /resource, the weekly
 * prompts) reads it through `libraryFor`; the router hands it to handlers as their `content`.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { Challenge, Resource, Topic, WeeklyPrompt } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { libraryItems, libraryRevisions, librarySettings } from "../db/schema.js";
import { DEFAULT_POOL, LOCAL_AREA, type Pool, type StoredKind } from "./schema.js";

type Ctx = Pick<AppContext, "db" | "content">;

export interface StoredItem {
  kind: StoredKind;
  id: string;
  body: string;
  retired: boolean;
  suggestedBy: string | null;
}

const prepare = (db: Db) => ({
  items: db
    .select({
      kind: libraryItems.kind,
      id: libraryItems.id,
      body: libraryItems.body,
      retiredAt: libraryItems.retiredAt,
      suggestedBy: libraryItems.suggestedBy,
    })
    .from(libraryItems)
    .where(eq(libraryItems.guildId, sql.placeholder("guildId")))
    .orderBy(libraryItems.id)
    .prepare(),
  settings: db
    .select()
    .from(librarySettings)
    .where(eq(librarySettings.guildId, sql.placeholder("guildId")))
    .prepare(),
  revision: db
    .select({ revision: libraryRevisions.revision })
    .from(libraryRevisions)
    .where(eq(libraryRevisions.guildId, sql.placeholder("guildId")))
    .prepare(),
  bump: db
    .insert(libraryRevisions)
    .values({ guildId: sql.placeholder("guildId"), revision: 1 })
    .onConflictDoUpdate({ target: libraryRevisions.guildId, set: { revision: sql`${libraryRevisions.revision} + 1` } })
    .prepare(),
});

const statementsFor = preparedPerDatabase(prepare);

/** Every item the server added, retired ones too, by id. */
export function storedItems(ctx: Pick<AppContext, "db">, guildId: string): StoredItem[] {
  return statementsFor(ctx.db)
    .items.all({ guildId })
    .map((r) => ({ kind: r.kind, id: r.id, body: r.body, retired: r.retiredAt !== null, suggestedBy: r.suggestedBy }));
}

export function storedItem(db: Db, guildId: string, id: string): StoredItem | undefined {
  const r = db
    .select()
    .from(libraryItems)
    .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.id, id)))
    .get();
  return r
    ? { kind: r.kind, id: r.id, body: r.body, retired: r.retiredAt !== null, suggestedBy: r.suggestedBy }
    : undefined;
}

export interface LibrarySettings {
  pool: Pool;
  suggestionsChannelId: string | null;
  reviewerRoleId: string | null;
  /** Why suggestions are paused (Discord refused the review channel), and since when; null while they work. */
  suggestionsPaused: { at: Date; reason: string } | null;
}

export function getLibrarySettings(ctx: Pick<AppContext, "db">, guildId: string): LibrarySettings {
  const row = statementsFor(ctx.db).settings.get({ guildId });
  return {
    pool: row ? { shipped: row.shipped, areas: row.areas ? row.areas.split(",") : null } : DEFAULT_POOL,
    suggestionsChannelId: row?.suggestionsChannelId ?? null,
    reviewerRoleId: row?.reviewerRoleId ?? null,
    suggestionsPaused: row?.suggestionsPausedAt
      ? { at: row.suggestionsPausedAt, reason: row.suggestionsPauseReason ?? "Discord refused the review channel." }
      : null,
  };
}

/** Writes the parts given, inside the caller's transaction (which calls `libraryChanged` when the pool changes). */
export function writeLibrarySettings(
  db: Db,
  guildId: string,
  change: { pool?: Pool; suggestionsChannelId?: string; reviewerRoleId?: string | null },
): void {
  const set: Partial<typeof librarySettings.$inferInsert> = {};
  if (change.pool) {
    set.shipped = change.pool.shipped;
    set.areas = change.pool.areas ? change.pool.areas.join(",") : null;
  }
  if (change.suggestionsChannelId !== undefined) {
    // Setting the review channel (again) is the fix for a paused one.
    set.suggestionsChannelId = change.suggestionsChannelId;
    set.suggestionsPausedAt = null;
    set.suggestionsPauseReason = null;
  }
  if (change.reviewerRoleId !== undefined) set.reviewerRoleId = change.reviewerRoleId;
  if (Object.keys(set).length === 0) return;
  db.insert(librarySettings)
    .values({ guildId, ...set })
    .onConflictDoUpdate({ target: librarySettings.guildId, set })
    .run();
}

/**
 * The shipped library under `content`, which may already be a server's library (handlers get theirs as `content`):
 * composing always starts from the shipped one, never from a composition.
 */
export const shippedOf = (content: Content): Content => content.shipped ?? content;

const caches = new WeakMap<Db, Map<string, { base: Content; revision: number; library: Content }>>();

/**
 * Marks a guild's library as changed: every write to its items or pool calls this inside its own transaction, so
 * the mark commits (or rolls back) with the write, and every process sharing the database re-composes on its next
 * `libraryFor`, this one included.
 */
export function libraryChanged(db: Db, guildId: string): void {
  statementsFor(db).bump.run({ guildId });
}

/** The library for this guild, composed on first use and kept while its revision in the database stays the same. */
export function libraryFor(ctx: Ctx, guildId: string): Content {
  let byGuild = caches.get(ctx.db);
  if (!byGuild) {
    byGuild = new Map();
    caches.set(ctx.db, byGuild);
  }
  const base = shippedOf(ctx.content);
  const statements = statementsFor(ctx.db);
  // Read before the items: a write landing in between leaves an older revision cached, so the next call recomposes.
  const revision = statements.revision.get({ guildId })?.revision ?? 0;
  const cached = byGuild.get(guildId);
  if (cached && cached.base === base && cached.revision === revision) return cached.library;
  const library = composeLibrary(base, storedItems(ctx, guildId), getLibrarySettings(ctx, guildId).pool);
  byGuild.set(guildId, { base, revision, library });
  return library;
}

/**
 * `ctx` with the guild's library as its content: what everything done for one guild runs with, handlers (the
 * router), scheduled posts and reminders alike, so the daily they name is the one the server's pool draws.
 */
export function withLibraryOf<C extends Ctx>(ctx: C, guildId: string): C {
  return { ...ctx, content: libraryFor(ctx, guildId) };
}

/**
 * Shipped ⊕ the server's items. Drawable: shipped items if the pool includes them, and the server's active items,
 * within the pool's areas (challenges and prompts; resources and topics are browsable whatever the pool).
 * Everything else stays findable by id through `archived`. A server with nothing of its own shares the shipped
 * object, and with it every cache built on it.
 */
export function composeLibrary(base: Content, items: readonly StoredItem[], pool: Pool): Content {
  if (items.length === 0 && pool.shipped && pool.areas === null) return base;
  const own = {
    topic: [] as Topic[],
    challenge: [] as Challenge[],
    resource: [] as Resource[],
    prompt: [] as WeeklyPrompt[],
  };
  const retired = new Set<string>();
  const credits = new Map<string, string>();
  for (const item of items) {
    (own[item.kind] as unknown[]).push(JSON.parse(item.body));
    if (item.retired) retired.add(item.id);
    if (item.suggestedBy) credits.set(item.id, item.suggestedBy);
  }
  const active = <T extends { id: string }>(list: T[]) => list.filter((x) => !retired.has(x.id));
  const topics = [...base.topics, ...own.topic];
  const areaOf = new Map<string, string>(topics.map((t) => [t.id, t.area]));
  for (const a of [...base.areas, LOCAL_AREA]) areaOf.set(a.id, a.id);
  const inPool = (topicOrArea: string) => pool.areas === null || pool.areas.includes(areaOf.get(topicOrArea) ?? "");
  const challenges = [...(pool.shipped ? base.challenges : []), ...active(own.challenge)].filter((c) =>
    inPool(c.topic),
  );
  const prompts = [...(pool.shipped ? base.prompts : []), ...active(own.prompt)].filter((p) => inPool(p.theme));
  return Object.freeze({
    areas: own.topic.length > 0 ? [...base.areas, LOCAL_AREA] : base.areas,
    topics,
    resources: [...base.resources, ...active(own.resource)],
    challenges,
    prompts,
    archived: {
      challenges: [...base.challenges, ...own.challenge],
      resources: own.resource,
      prompts: [...base.prompts, ...own.prompt],
    },
    credits,
    shipped: base,
  });
}
