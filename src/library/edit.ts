/**
 * Every write to a server's library: add (from a modal or an accepted suggestion), retire, restore, the pool, and
 * import, each in one immediate transaction that writes nothing when any check fails. Export is the inverse of
 * import: importing a server's export into it changes nothing, into another server reproduces the library.
 */
import { and, eq } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { AppContext } from "../context.js";
import { type Gen, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { plural } from "../format.js";
import {
  countProblems,
  issueLines,
  label,
  parsedStored,
  poolProblems,
  referenceProblems,
  STORED_KINDS,
} from "./checks.js";
import { holdImport, takeHeldImportIn } from "./held-imports.js";
import {
  FILE_FORMAT,
  FILE_VERSION,
  ITEM_SCHEMAS,
  type ItemKind,
  LIST_OF,
  type LibraryFile,
  LibraryFileFrame,
  LOCAL_PREFIX,
  type Pool,
  type ServerItem,
  type StoredKind,
} from "./schema.js";
import {
  libraryChangedIn,
  libraryFor,
  librarySettingsIn,
  type StoredItem,
  shippedOf,
  storedItemIn,
  storedItemsIn,
  writeLibrarySettingsIn,
} from "./store.js";

type Ctx = Pick<AppContext, "store" | "content" | "clock">;

/** A new slug from a title, in the server's namespace, not yet taken in `taken`. */
export function newItemId(title: string, taken: (id: string) => boolean): string {
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const stem = `${LOCAL_PREFIX}${words || "item"}`.slice(0, 54).replace(/-+$/, "");
  let id = stem;
  for (let n = 2; taken(id); n++) id = `${stem}-${n}`;
  return id;
}

/**
 * Writes an item whose id the caller checked against the items it read in this transaction. Were another
 * transaction to add the same id meanwhile (PostgreSQL runs writes side by side), ON CONFLICT DO NOTHING makes that
 * a serialization failure, retried whole (the retry sees the item and takes another id, or finds the suggestion
 * decided), where a plain insert would fail with a unique violation.
 */
function* insertItemIn(s: Session, item: Session["t"]["libraryItems"]["$inferInsert"]): Gen<void> {
  const { changes } = yield* run(s.db.insert(s.t.libraryItems).values(item).onConflictDoNothing());
  if (changes === 0) throw new Error(`library item ${item.id} appeared inside its own transaction`);
}

/**
 * Validates a new item (a modal's fields, without an id), gives it an id and writes it, marking the library
 * changed; inside the caller's transaction. Over a limit or naming something unknown: a UserError naming the
 * field, nothing written. `content` is the shipped library (or a composition over it).
 */
export function* insertNewItemIn(
  s: Session,
  content: Content,
  now: Date,
  guildId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
  suggestedBy: string | null,
): Gen<ServerItem> {
  const stored = yield* storedItemsIn(s, guildId);
  const ids = new Set(stored.map((item) => item.id));
  const id = newItemId(String(draft.title ?? ""), (candidate) => ids.has(candidate));
  const parsed = ITEM_SCHEMAS[kind].safeParse({ ...draft, id });
  if (!parsed.success)
    throw new UserError(`Not added:\n${issueLines(`${kind} '${id}'`, parsed.error.issues, draft).join("\n")}`);
  const own = parsedStored(stored);
  own.set(id, { kind, item: parsed.data });
  const problems = [...referenceProblems(shippedOf(content), own), ...countProblems(own)];
  if (problems.length > 0) throw new UserError(`Not added:\n${problems.join("\n")}`);
  yield* insertItemIn(s, { guildId, kind, id, body: JSON.stringify(parsed.data), suggestedBy, updatedAt: now });
  yield* libraryChangedIn(s, guildId);
  return parsed.data;
}

export function addItem(
  ctx: Ctx,
  guildId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
): Promise<ServerItem> {
  return ctx.store.write(insertNewItemIn, ctx.content, ctx.clock.now(), guildId, kind, draft, null);
}

export function* setRetiredIn(
  s: Session,
  content: Content,
  now: Date,
  guildId: string,
  id: string,
  retired: boolean,
): Gen<StoredItem & { was: boolean }> {
  const item = yield* storedItemIn(s, guildId, id);
  if (!item) {
    const { challenges, resources, prompts } = shippedOf(content);
    const shipped = [challenges, resources, prompts].some((l) => l.some((x) => x.id === id));
    throw new UserError(
      shipped
        ? `'${id}' is a shipped item; to leave shipped items out of draws use \`/config pool\`.`
        : `This server has no item '${id.slice(0, 60)}'. \`/library list\` shows its items.`,
    );
  }
  if (item.kind === "topic") throw new UserError("Topics are not retired; retire their challenges instead.");
  if (item.retired !== retired) {
    yield* run(
      s.db
        .update(s.t.libraryItems)
        .set({ retiredAt: retired ? now : null, updatedAt: now })
        .where(and(eq(s.t.libraryItems.guildId, guildId), eq(s.t.libraryItems.id, id))),
    );
    yield* libraryChangedIn(s, guildId);
  }
  return { ...item, was: item.retired, retired };
}

/** Retires (hides from new draws) or restores one of the server's items; history keeps showing it either way. */
export function setRetired(
  ctx: Ctx,
  guildId: string,
  id: string,
  retired: boolean,
): Promise<StoredItem & { was: boolean }> {
  return ctx.store.write(setRetiredIn, ctx.content, ctx.clock.now(), guildId, id, retired);
}

function* setPoolIn(s: Session, content: Content, guildId: string, change: Partial<Pool>): Gen<Pool> {
  const current = (yield* librarySettingsIn(s, guildId)).pool;
  const pool = {
    shipped: change.shipped ?? current.shipped,
    areas: change.areas === undefined ? current.areas : change.areas,
  };
  const problems = poolProblems(shippedOf(content), pool);
  if (problems.length > 0) throw new UserError(`${problems.join("\n")}. Nothing was changed.`);
  yield* writeLibrarySettingsIn(s, guildId, { pool });
  yield* libraryChangedIn(s, guildId);
  return pool;
}

/** Changes the parts of the pool given, and gives back the server's library as the new pool makes it. */
export async function setPool(
  ctx: Ctx,
  guildId: string,
  change: Partial<Pool>,
): Promise<{ pool: Pool; library: Content }> {
  const pool = await ctx.store.write(setPoolIn, ctx.content, guildId, change);
  return { pool, library: await libraryFor(ctx, guildId) };
}

export function setSuggestionSettings(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  channelId: string,
  reviewerRoleId: string | null,
): Promise<void> {
  return ctx.store.write(writeLibrarySettingsIn, guildId, { suggestionsChannelId: channelId, reviewerRoleId });
}

// ---- export and import --------------------------------------------------------------------------------------

function* exportIn(s: Session, guildId: string): Gen<LibraryFile> {
  const items = yield* storedItemsIn(s, guildId);
  const of = (kind: StoredKind) => items.filter((i) => i.kind === kind).map((i) => JSON.parse(i.body));
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    topics: of("topic"),
    challenges: of("challenge"),
    resources: of("resource"),
    prompts: of("prompt"),
    retired: items.filter((i) => i.retired).map((i) => i.id),
    pool: (yield* librarySettingsIn(s, guildId)).pool,
  };
}

export function exportLibrary(ctx: Pick<AppContext, "store">, guildId: string): Promise<LibraryFile> {
  return ctx.store.read(exportIn, guildId);
}

export const exportText = (file: LibraryFile) => `${JSON.stringify(file, null, 2)}\n`;

export interface ImportPlan {
  problems: string[];
  added: string[];
  changed: string[];
  unchanged: string[];
  poolChanged: boolean;
  writes: { kind: StoredKind; id: string; body: string; retired: boolean; exists: boolean; wasRetired: boolean }[];
  pool: Pool | null;
}

/**
 * What importing `text` into the guild would do, and every problem, against the library as it is now (over
 * `content`'s shipped library).
 */
function* planImportIn(s: Session, content: Content, guildId: string, text: string): Gen<ImportPlan> {
  const plan: ImportPlan = {
    problems: [],
    added: [],
    changed: [],
    unchanged: [],
    poolChanged: false,
    writes: [],
    pool: null,
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    plan.problems.push(`The file is not valid JSON: ${(error as Error).message}`);
    return plan;
  }
  const frame = LibraryFileFrame.safeParse(json);
  if (!frame.success) {
    plan.problems.push(...issueLines("file", frame.error.issues, json));
    return plan;
  }
  const file = frame.data;
  const stored = yield* storedItemsIn(s, guildId);
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const own = parsedStored(stored);
  const incoming = new Map<string, { kind: StoredKind; item: ServerItem }>();
  for (const kind of STORED_KINDS) {
    file[LIST_OF[kind]].forEach((raw, index) => {
      const id = raw && typeof raw === "object" && "id" in raw ? raw.id : undefined;
      const where = label(kind, id, index);
      const parsed = ITEM_SCHEMAS[kind].safeParse(raw);
      if (!parsed.success) {
        plan.problems.push(...issueLines(where, parsed.error.issues, raw));
        return;
      }
      const item = parsed.data as ServerItem;
      const other = incoming.get(item.id) ?? (storedById.get(item.id)?.kind !== kind ? own.get(item.id) : undefined);
      if (other) {
        plan.problems.push(`${where}: the id is already a ${other.kind}'s; ids are unique within a server`);
        return;
      }
      incoming.set(item.id, { kind, item });
    });
  }
  for (const id of file.retired)
    if (!incoming.has(id)) plan.problems.push(`retired: '${id}' is not an item of this file`);
  for (const [id, entry] of incoming) own.set(id, entry);
  plan.problems.push(
    ...referenceProblems(shippedOf(content), own),
    ...countProblems(own),
    ...poolProblems(shippedOf(content), file.pool),
  );
  if (plan.problems.length > 0) return plan;
  const retired = new Set(file.retired);
  for (const [id, { kind, item }] of incoming) {
    const body = JSON.stringify(item);
    const before = storedById.get(id);
    const write = {
      kind,
      id,
      body,
      retired: retired.has(id),
      exists: before !== undefined,
      wasRetired: before?.retired ?? false,
    };
    if (!before) plan.added.push(id);
    else if (before.body === body && before.retired === write.retired) {
      plan.unchanged.push(id);
      continue;
    } else plan.changed.push(id);
    plan.writes.push(write);
  }
  const current = (yield* librarySettingsIn(s, guildId)).pool;
  plan.poolChanged = JSON.stringify(current) !== JSON.stringify(file.pool);
  plan.pool = file.pool;
  return plan;
}

/** Checks the file and holds it for Apply; nothing is held when it has a problem. */
export async function previewImport(
  ctx: Ctx,
  guildId: string,
  userId: string,
  text: string,
): Promise<{ plan: ImportPlan; importId: number | null }> {
  const plan = await ctx.store.read(planImportIn, ctx.content, guildId, text);
  if (plan.problems.length > 0 || (plan.writes.length === 0 && !plan.poolChanged)) return { plan, importId: null };
  return { plan, importId: await holdImport(ctx, guildId, userId, text, ctx.clock.now()) };
}

function* applyImportIn(
  s: Session,
  content: Content,
  now: Date,
  guildId: string,
  userId: string,
  importId: number,
): Gen<ImportPlan> {
  const body = yield* takeHeldImportIn(s, guildId, userId, importId, now);
  const plan = yield* planImportIn(s, content, guildId, body);
  if (plan.problems.length > 0)
    throw new UserError(
      `The library changed since the preview and the file no longer applies (${plural(plan.problems.length, "problem")}). Nothing was written; run \`/library import\` again.`,
    );
  const { libraryItems } = s.t;
  for (const w of plan.writes) {
    const retiredAt = w.retired ? now : null;
    if (!w.exists) yield* insertItemIn(s, { guildId, kind: w.kind, id: w.id, body: w.body, retiredAt, updatedAt: now });
    else
      yield* run(
        s.db
          .update(libraryItems)
          .set({ body: w.body, updatedAt: now, ...(w.retired === w.wasRetired ? {} : { retiredAt }) })
          .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.id, w.id))),
      );
  }
  if (plan.pool && plan.poolChanged) yield* writeLibrarySettingsIn(s, guildId, { pool: plan.pool });
  yield* libraryChangedIn(s, guildId);
  return plan;
}

/** Applies a previewed import in one transaction, re-checked against the library as it is now. */
export function applyImport(ctx: Ctx, guildId: string, userId: string, importId: number): Promise<ImportPlan> {
  return ctx.store.write(applyImportIn, ctx.content, ctx.clock.now(), guildId, userId, importId);
}

export function cancelImport(ctx: Pick<AppContext, "store">, guildId: string, importId: number): Promise<void> {
  return ctx.store.write(function* (s) {
    const { libraryImports } = s.t;
    yield* run(
      s.db.delete(libraryImports).where(and(eq(libraryImports.id, importId), eq(libraryImports.guildId, guildId))),
    );
  });
}
