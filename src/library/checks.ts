/** The checks every write to a server's library makes: what an item names, how many there are, and zod's findings. */
import type { z } from "zod";
import type { Content } from "../content/load.js";
import { LIST_OF, LOCAL_AREA, MAX_ITEMS_PER_KIND, type Pool, type ServerItem, type StoredKind } from "./schema.js";
import type { StoredItem } from "./store.js";

export const STORED_KINDS: readonly StoredKind[] = ["topic", "challenge", "resource", "prompt"];

/** One problem line per zod issue, naming the item and the field. */
export function issueLines(where: string, issues: readonly z.core.$ZodIssue[], raw?: unknown): string[] {
  const at = (path: readonly PropertyKey[]) =>
    path.reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined),
      raw,
    );
  return issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "";
    let what = issue.message;
    if (issue.code === "invalid_type" && issue.input === undefined) what = "is missing";
    else if (issue.code === "too_big" && issue.origin === "string")
      what = `has ${String(at(issue.path) ?? "").length} characters; at most ${String(issue.maximum)}`;
    else if (issue.code === "too_big" && issue.origin === "array")
      what = `has too many entries; at most ${String(issue.maximum)}`;
    else if (issue.code === "unrecognized_keys")
      what = `has fields a ${where.split(" ")[0]} does not have: ${issue.keys.join(", ")}`;
    return `${where}${field ? `, ${field}` : ""}: ${what}`;
  });
}

export const label = (kind: StoredKind, id: unknown, index: number) =>
  typeof id === "string" && id.length > 0 ? `${kind} '${id.slice(0, 60)}'` : `${kind} #${index + 1}`;

/** What an item may name: topics, areas and resources of the shipped library and of the server (`own`). */
export function referenceProblems(
  base: Content,
  own: ReadonlyMap<string, { kind: StoredKind; item: ServerItem }>,
): string[] {
  const topics = new Set(base.topics.map((t) => t.id));
  const areas = new Set([...base.areas.map((a) => a.id), LOCAL_AREA.id]);
  const resources = new Set(base.resources.map((r) => r.id));
  for (const [id, { kind }] of own) {
    if (kind === "topic") topics.add(id);
    if (kind === "resource") resources.add(id);
  }
  const problems: string[] = [];
  for (const [id, { kind, item }] of own) {
    const where = `${kind} '${id}'`;
    const names = (field: string, ids: readonly string[], known: ReadonlySet<string>, what: string) => {
      for (const ref of ids) if (!known.has(ref)) problems.push(`${where}, ${field}: unknown ${what} '${ref}'`);
    };
    if (kind === "challenge" && "doneWhen" in item) {
      names("topic", [item.topic], topics, "topic");
      names("resources", item.resources, resources, "resource");
    } else if (kind === "resource" && "url" in item) names("topics", item.topics, topics, "topic");
    else if (kind === "prompt" && "theme" in item) {
      if (!topics.has(item.theme) && !areas.has(item.theme))
        problems.push(`${where}, theme: unknown topic or area '${item.theme}'`);
      names("resources", item.resources, resources, "resource");
    }
  }
  return problems;
}

export function poolProblems(base: Content, pool: Pool): string[] {
  const areas = new Set([...base.areas.map((a) => a.id), LOCAL_AREA.id]);
  return (pool.areas ?? []).filter((a) => !areas.has(a)).map((a) => `pool, areas: unknown area '${a}'`);
}

export function countProblems(own: ReadonlyMap<string, { kind: StoredKind }>): string[] {
  const counts = new Map<StoredKind, number>();
  for (const { kind } of own.values()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > MAX_ITEMS_PER_KIND)
    .map(([kind, n]) => `${LIST_OF[kind]}: the server would have ${n}; at most ${MAX_ITEMS_PER_KIND} per kind`);
}

export const parsedStored = (items: readonly StoredItem[]) =>
  new Map(items.map((s) => [s.id, { kind: s.kind, item: JSON.parse(s.body) as ServerItem }]));
