/**
 * The library for one guild: the shipped library and the server's own items, minus retired ones, per its pool.
 * Every feature that draws, lists or browses (the daily, /challenge random, /topics, /resource, the weekly
 * prompts) reads it through `libraryFor`; the router hands it to handlers as their `content`.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { Challenge, Resource, Topic, WeeklyPrompt } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { librarySettings } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { DEFAULT_POOL, LOCAL_AREA, type Pool, type StoredKind } from "./schema.js";

type Ctx = Pick<AppContext, "store" | "content">;

export interface StoredItem {
  kind: StoredKind;
  id: string;
  body: string;
  retired: boolean;
  suggestedBy: string | null;
}

const statements = preparedPerSession(({ db, t }) => ({
  items: db
    .select({
      kind: t.libraryItems.kind,
      id: t.libraryItems.id,
      body: t.libraryItems.body,
      retiredAt: t.libraryItems.retiredAt,
      suggestedBy: t.libraryItems.suggestedBy,
    })
    .from(t.libraryItems)
    .where(eq(t.libraryItems.guildId, sql.placeholder("guildId")))
    .orderBy(t.libraryItems.id)
    .prepare(),
  settings: db
    .select()
    .from(t.librarySettings)
    .where(eq(t.librarySettings.guildId, sql.placeholder("guildId")))
    .prepare(),
  revision: db
    .select({ revision: t.libraryRevisions.revision })
    .from(t.libraryRevisions)
    .where(eq(t.libraryRevisions.guildId, sql.placeholder("guildId")))
    .prepare(),
  // One upsert on the guild's key: concurrent writers each add one, on either engine.
  bump: db
    .insert(t.libraryRevisions)
    .values({ guildId: sql.placeholder("guildId"), revision: 1 })
    .onConflictDoUpdate({
      target: t.libraryRevisions.guildId,
      set: { revision: sql`${t.libraryRevisions.revision} + 1` },
    })
    .prepare(),
}));

/** Every item the server added, retired ones too, by id. */
export function* storedItemsIn(s: Session, guildId: string): Gen<StoredItem[]> {
  return (yield* all(statements(s).items, { guildId })).map((r) => ({
    kind: r.kind,
    id: r.id,
    body: r.body,
    retired: r.retiredAt !== null,
    suggestedBy: r.suggestedBy,
  }));
}

export function storedItems(ctx: Pick<AppContext, "store">, guildId: string): Promise<StoredItem[]> {
  return ctx.store.read(storedItemsIn, guildId);
}

export function* storedItemIn(s: Session, guildId: string, id: string): Gen<StoredItem | undefined> {
  const r = yield* get(
    s.db
      .select()
      .from(s.t.libraryItems)
      .where(and(eq(s.t.libraryItems.guildId, guildId), eq(s.t.libraryItems.id, id))),
  );
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

export function* librarySettingsIn(s: Session, guildId: string): Gen<LibrarySettings> {
  const row = yield* get(statements(s).settings, { guildId });
  return {
    pool: row ? { shipped: row.shipped, areas: row.areas ? row.areas.split(",") : null } : DEFAULT_POOL,
    suggestionsChannelId: row?.suggestionsChannelId ?? null,
    reviewerRoleId: row?.reviewerRoleId ?? null,
    suggestionsPaused: row?.suggestionsPausedAt
      ? { at: row.suggestionsPausedAt, reason: row.suggestionsPauseReason ?? "Discord refused the review channel." }
      : null,
  };
}

export function getLibrarySettings(ctx: Pick<AppContext, "store">, guildId: string): Promise<LibrarySettings> {
  return ctx.store.read(librarySettingsIn, guildId);
}

/** Writes the parts given, inside the caller's transaction (which calls `libraryChangedIn` when the pool changes). */
export function* writeLibrarySettingsIn(
  s: Session,
  guildId: string,
  change: { pool?: Pool; suggestionsChannelId?: string; reviewerRoleId?: string | null },
): Gen<void> {
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
  yield* run(
    s.db
      .insert(s.t.librarySettings)
      .values({ guildId, ...set })
      .onConflictDoUpdate({ target: s.t.librarySettings.guildId, set }),
  );
}

/**
 * The shipped library under `content`, which may already be a server's library (handlers get theirs as `content`):
 * composing always starts from the shipped one, never from a composition.
 */
export const shippedOf = (content: Content): Content => content.shipped ?? content;

/**
 * Composed libraries by session database: each belongs to one store (SQLite's connection; PostgreSQL's pool, or one
 * of its connections inside a write), so two databases in one process never share a guild's entry.
 */
const caches = new WeakMap<object, Map<string, { base: Content; revision: number; library: Content }>>();

/**
 * Marks a guild's library as changed: every write to its items or pool calls this inside its own transaction, so
 * the mark commits (or rolls back) with the write, and every process sharing the database re-composes on its next
 * `libraryFor`, this one included.
 */
export function* libraryChangedIn(s: Session, guildId: string): Gen<void> {
  yield* run(statements(s).bump, { guildId });
}

/**
 * The library for this guild over `content`'s shipped one, composed on first use and kept while its revision in the
 * database stays the same.
 */
export function* libraryIn(s: Session, content: Content, guildId: string): Gen<Content> {
  let byGuild = caches.get(s.db);
  if (!byGuild) {
    byGuild = new Map();
    caches.set(s.db, byGuild);
  }
  const base = shippedOf(content);
  // Read before the items: a write landing in between leaves an older revision cached, so the next call recomposes.
  const revision = (yield* get(statements(s).revision, { guildId }))?.revision ?? 0;
  const cached = byGuild.get(guildId);
  if (cached && cached.base === base && cached.revision === revision) return cached.library;
  const library = composeLibrary(base, yield* storedItemsIn(s, guildId), (yield* librarySettingsIn(s, guildId)).pool);
  byGuild.set(guildId, { base, revision, library });
  return library;
}

/** The library for this guild, composed on first use and kept while its revision in the database stays the same. */
export function libraryFor(ctx: Ctx, guildId: string): Promise<Content> {
  return ctx.store.read(libraryIn, ctx.content, guildId);
}

/**
 * `ctx` with the guild's library as its content: what everything done for one guild runs with, handlers (the
 * router), scheduled posts and reminders alike, so the daily they name is the one the server's pool draws.
 */
export async function withLibraryOf<C extends Ctx>(ctx: C, guildId: string): Promise<C> {
  return { ...ctx, content: await libraryFor(ctx, guildId) };
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
