/**
 * Every write to a server's library: add (from a modal or an accepted suggestion), retire, restore, the pool, and
 * import, each in one immediate transaction that writes nothing when any check fails. Export is the inverse of
 * import: importing a server's export into it changes nothing, into another server reproduces the library.
 */
import { and, eq } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { AppContext } from "../context.js";
import { libraryImports, libraryItems } from "../db/schema.js";
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
import { holdImport, takeHeldImport } from "./held-imports.js";
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
  getLibrarySettings,
  libraryChanged,
  libraryFor,
  type StoredItem,
  shippedOf,
  storedItem,
  storedItems,
  writeLibrarySettings,
} from "./store.js";

type Ctx = Pick<AppContext, "db" | "content" | "clock">;

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
 * Validates a new item (a modal's fields, without an id), gives it an id and writes it, marking the library
 * changed; inside the caller's transaction. Over a limit or naming something unknown: a UserError naming the
 * field, nothing written.
 */
export function insertNewItem(
  ctx: Ctx,
  guildId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
  suggestedBy: string | null,
): ServerItem {
  const stored = storedItems(ctx, guildId);
  const ids = new Set(stored.map((s) => s.id));
  const id = newItemId(String(draft.title ?? ""), (candidate) => ids.has(candidate));
  const parsed = ITEM_SCHEMAS[kind].safeParse({ ...draft, id });
  if (!parsed.success)
    throw new UserError(`Not added:\n${issueLines(`${kind} '${id}'`, parsed.error.issues, draft).join("\n")}`);
  const own = parsedStored(stored);
  own.set(id, { kind, item: parsed.data });
  const problems = [...referenceProblems(shippedOf(ctx.content), own), ...countProblems(own)];
  if (problems.length > 0) throw new UserError(`Not added:\n${problems.join("\n")}`);
  ctx.db
    .insert(libraryItems)
    .values({ guildId, kind, id, body: JSON.stringify(parsed.data), suggestedBy, updatedAt: ctx.clock.now() })
    .run();
  libraryChanged(ctx.db, guildId);
  return parsed.data;
}

export function addItem(ctx: Ctx, guildId: string, kind: ItemKind, draft: Record<string, unknown>): ServerItem {
  return ctx.db.transaction(() => insertNewItem(ctx, guildId, kind, draft, null), { behavior: "immediate" });
}

/** Retires (hides from new draws) or restores one of the server's items; history keeps showing it either way. */
export function setRetired(ctx: Ctx, guildId: string, id: string, retired: boolean): StoredItem & { was: boolean } {
  return ctx.db.transaction(
    () => {
      const item = storedItem(ctx.db, guildId, id);
      if (!item) {
        const { challenges, resources, prompts } = shippedOf(ctx.content);
        const shipped = [challenges, resources, prompts].some((l) => l.some((x) => x.id === id));
        throw new UserError(
          shipped
            ? `'${id}' is a shipped item; to leave shipped items out of draws use \`/config pool\`.`
            : `This server has no item '${id.slice(0, 60)}'. \`/library list\` shows its items.`,
        );
      }
      if (item.kind === "topic") throw new UserError("Topics are not retired; retire their challenges instead.");
      if (item.retired !== retired) {
        ctx.db
          .update(libraryItems)
          .set({ retiredAt: retired ? ctx.clock.now() : null, updatedAt: ctx.clock.now() })
          .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.id, id)))
          .run();
        libraryChanged(ctx.db, guildId);
      }
      return { ...item, was: item.retired, retired };
    },
    { behavior: "immediate" },
  );
}

/** Changes the parts of the pool given, and gives back the server's library as the new pool makes it. */
export function setPool(ctx: Ctx, guildId: string, change: Partial<Pool>): { pool: Pool; library: Content } {
  const pool = ctx.db.transaction(
    () => {
      const current = getLibrarySettings(ctx, guildId).pool;
      const pool = {
        shipped: change.shipped ?? current.shipped,
        areas: change.areas === undefined ? current.areas : change.areas,
      };
      const problems = poolProblems(shippedOf(ctx.content), pool);
      if (problems.length > 0) throw new UserError(`${problems.join("\n")}. Nothing was changed.`);
      writeLibrarySettings(ctx.db, guildId, { pool });
      libraryChanged(ctx.db, guildId);
      return pool;
    },
    { behavior: "immediate" },
  );
  return { pool, library: libraryFor(ctx, guildId) };
}

export function setSuggestionSettings(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  channelId: string,
  reviewerRoleId: string | null,
): void {
  writeLibrarySettings(ctx.db, guildId, { suggestionsChannelId: channelId, reviewerRoleId });
}

// ---- export and import --------------------------------------------------------------------------------------

export function exportLibrary(ctx: Pick<AppContext, "db">, guildId: string): LibraryFile {
  const items = storedItems(ctx, guildId);
  const of = (kind: StoredKind) => items.filter((i) => i.kind === kind).map((i) => JSON.parse(i.body));
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    topics: of("topic"),
    challenges: of("challenge"),
    resources: of("resource"),
    prompts: of("prompt"),
    retired: items.filter((i) => i.retired).map((i) => i.id),
    pool: getLibrarySettings(ctx, guildId).pool,
  };
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

/** What importing `text` into the guild would do, and every problem, against the library as it is now. */
export function planImport(ctx: Pick<AppContext, "db" | "content">, guildId: string, text: string): ImportPlan {
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
  const stored = storedItems(ctx, guildId);
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
    ...referenceProblems(shippedOf(ctx.content), own),
    ...countProblems(own),
    ...poolProblems(shippedOf(ctx.content), file.pool),
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
  const current = getLibrarySettings(ctx, guildId).pool;
  plan.poolChanged = JSON.stringify(current) !== JSON.stringify(file.pool);
  plan.pool = file.pool;
  return plan;
}

/** Checks the file and holds it for Apply; nothing is held when it has a problem. */
export function previewImport(
  ctx: Ctx,
  guildId: string,
  userId: string,
  text: string,
): { plan: ImportPlan; importId: number | null } {
  const plan = planImport(ctx, guildId, text);
  if (plan.problems.length > 0 || (plan.writes.length === 0 && !plan.poolChanged)) return { plan, importId: null };
  return { plan, importId: holdImport(ctx.db, guildId, userId, text, ctx.clock.now()) };
}

/** Applies a previewed import in one transaction, re-checked against the library as it is now. */
export function applyImport(ctx: Ctx, guildId: string, userId: string, importId: number): ImportPlan {
  return ctx.db.transaction(
    () => {
      const body = takeHeldImport(ctx.db, guildId, userId, importId, ctx.clock.now());
      const plan = planImport(ctx, guildId, body);
      if (plan.problems.length > 0)
        throw new UserError(
          `The library changed since the preview and the file no longer applies (${plural(plan.problems.length, "problem")}). Nothing was written; run \`/library import\` again.`,
        );
      const now = ctx.clock.now();
      for (const w of plan.writes) {
        const retiredAt = w.retired ? now : null;
        if (!w.exists)
          ctx.db
            .insert(libraryItems)
            .values({ guildId, kind: w.kind, id: w.id, body: w.body, retiredAt, updatedAt: now })
            .run();
        else
          ctx.db
            .update(libraryItems)
            .set({ body: w.body, updatedAt: now, ...(w.retired === w.wasRetired ? {} : { retiredAt }) })
            .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.id, w.id)))
            .run();
      }
      if (plan.pool && plan.poolChanged) writeLibrarySettings(ctx.db, guildId, { pool: plan.pool });
      libraryChanged(ctx.db, guildId);
      return plan;
    },
    { behavior: "immediate" },
  );
}

export function cancelImport(ctx: Pick<AppContext, "db">, guildId: string, importId: number): void {
  ctx.db
    .delete(libraryImports)
    .where(and(eq(libraryImports.id, importId), eq(libraryImports.guildId, guildId)))
    .run();
}
