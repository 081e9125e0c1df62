import type { Content } from "../content/load.js";
import type { Level, Resource, ResourceKind } from "../content/schema.js";
import { UserError } from "../errors.js";
import { RESOURCE_KIND_LABELS, truncate } from "../format.js";
import { catalogOf } from "./catalog.js";
import { resolveTopic } from "./suggest.js";

/** What /resource was asked for; an absent field means "any". */
export interface ResourceFilters {
  topic?: string;
  kind?: ResourceKind;
  level?: Level;
  free?: boolean;
}

export function matchesFilters(resource: Resource, filters: ResourceFilters): boolean {
  return (
    (filters.topic === undefined || resource.topics.includes(filters.topic)) &&
    (filters.kind === undefined || resource.kind === filters.kind) &&
    (filters.level === undefined || resource.level === filters.level) &&
    (filters.free === undefined || resource.free === filters.free)
  );
}

/** The resources matching `filters`, in content order (a stable pool for picking). */
export function resourcePool(content: Content, filters: ResourceFilters): Resource[] {
  const candidates = filters.topic ? catalogOf(content).resourcesOf(filters.topic) : content.resources;
  const pool = candidates.filter((r) => matchesFilters(r, filters));
  const order = new Map(content.resources.map((r, i) => [r.id, i]));
  return pool.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** "topic Transformers · kind paper · level advanced · free only", or "every resource" with no filters. */
export function describeFilters(content: Content, filters: ResourceFilters): string {
  const parts: string[] = [];
  if (filters.topic) parts.push(`topic ${catalogOf(content).topic(filters.topic)?.name ?? filters.topic}`);
  if (filters.kind) parts.push(`kind ${RESOURCE_KIND_LABELS[filters.kind].toLowerCase()}`);
  if (filters.level) parts.push(`level ${filters.level}`);
  if (filters.free !== undefined) parts.push(filters.free ? "free only" : "paid only");
  return parts.length > 0 ? parts.join(" · ") : "every resource";
}

const FILTER_NAMES = ["topic", "kind", "level", "free"] as const;
type FilterName = (typeof FILTER_NAMES)[number];

/**
 * When nothing matches: for each filter set, how many resources would match without it, best first, so the
 * member learns which filter to drop. Filters whose removal still matches nothing are left out.
 */
export function loosenings(content: Content, filters: ResourceFilters): { drop: FilterName; matches: number }[] {
  return FILTER_NAMES.filter((name) => filters[name] !== undefined)
    .map((drop) => {
      const rest: ResourceFilters = { ...filters };
      delete rest[drop];
      return { drop, matches: resourcePool(content, rest).length };
    })
    .filter((l) => l.matches > 0)
    .sort((a, b) => b.matches - a.matches);
}

/**
 * The filters from /resource's options. The topic may be an id (what autocomplete sends) or a name typed in
 * full; anything unknown is a UserError that names the closest topics.
 */
export function filtersFromOptions(
  content: Content,
  options: {
    topic: string | null;
    kind: ResourceKind | null;
    level: Level | null;
    free: boolean | null;
  },
): ResourceFilters {
  const filters: ResourceFilters = {};
  if (options.topic) {
    const { topic, suggestions } = resolveTopic(content, options.topic);
    if (!topic) {
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
      throw new UserError(
        `There is no topic called "${truncate(options.topic, 100)}".${hint} Pick one from the list as you type.`,
      );
    }
    filters.topic = topic.id;
  }
  if (options.kind) filters.kind = options.kind;
  if (options.level) filters.level = options.level;
  if (options.free !== null) filters.free = options.free;
  return filters;
}

/** What to tell a member whose filters match nothing: which filter to drop, with how many it would match. */
export function noMatchMessage(content: Content, filters: ResourceFilters): string {
  const options = loosenings(content, filters).map(
    (l) => `drop the ${l.drop} filter (${l.matches} ${l.matches === 1 ? "match" : "matches"})`,
  );
  const advice =
    options.length > 0
      ? `Try loosening them: ${options.join(", or ")}.`
      : "Try fewer filters, or none for a pick from the whole library.";
  return `No resource matches ${describeFilters(content, filters)}. ${advice}`;
}

// custom_id codes: one character each, so a button carrying every filter stays far below 100 characters.
const KIND_CODES: Record<ResourceKind, string> = {
  book: "b",
  course: "c",
  paper: "p",
  article: "a",
  practice: "x",
  documentation: "d",
  video: "v",
  community: "m",
  certification: "e",
};
const LEVEL_CODES: Record<Level, string> = { beginner: "b", intermediate: "i", advanced: "a" };
const ANY = "-";

const decodeWith = <T extends string>(codes: Record<T, string>, code: string | undefined): T | undefined | null => {
  if (code === ANY) return undefined;
  const found = (Object.keys(codes) as T[]).find((key) => codes[key] === code);
  return found ?? null;
};

/** The filters as custom_id parts: topic id (or "-"), kind code, level code, free as y/n/-. */
export function encodeFilters(filters: ResourceFilters): string[] {
  return [
    filters.topic ?? ANY,
    filters.kind ? KIND_CODES[filters.kind] : ANY,
    filters.level ? LEVEL_CODES[filters.level] : ANY,
    filters.free === undefined ? ANY : filters.free ? "y" : "n",
  ];
}

/** The inverse of encodeFilters; null when the parts are not something encodeFilters makes. */
export function decodeFilters(parts: readonly string[]): ResourceFilters | null {
  if (parts.length !== 4) return null;
  const [topic, kindCode, levelCode, freeCode] = parts;
  const kind = decodeWith(KIND_CODES, kindCode);
  const level = decodeWith(LEVEL_CODES, levelCode);
  if (kind === null || level === null || !topic) return null;
  if (freeCode !== ANY && freeCode !== "y" && freeCode !== "n") return null;
  const filters: ResourceFilters = {};
  if (topic !== ANY) filters.topic = topic;
  if (kind) filters.kind = kind;
  if (level) filters.level = level;
  if (freeCode !== ANY) filters.free = freeCode === "y";
  return filters;
}
