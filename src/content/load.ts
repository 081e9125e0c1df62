import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { PACKAGE_ROOT } from "../package-root.js";
import {
  type Area,
  type Challenge,
  Challenges,
  type Resource,
  Resources,
  Taxonomy,
  type Topic,
  type WeeklyPrompt,
  WeeklyPrompts,
} from "./schema.js";

/** The JSON stays in src/ (the compiler does not copy it), found from the package root by compiled code too. */
export const DEFAULT_CONTENT_DIR = join(PACKAGE_ROOT, "src", "content", "data");

/** The shipped library as the build validated it (scripts/build.ts), keyed by the digest of the files it came from. */
export const CONTENT_SNAPSHOT = join(PACKAGE_ROOT, "dist", "content.json");

export interface Content {
  areas: readonly Area[];
  topics: readonly Topic[];
  resources: readonly Resource[];
  challenges: readonly Challenge[];
  prompts: readonly WeeklyPrompt[];
  /**
   * Items found by id but never drawn, listed or browsed: a server's retired items and the shipped ones its pool
   * leaves out (src/library). Members' history and stored days still name them.
   */
  archived?: { challenges: readonly Challenge[]; resources: readonly Resource[]; prompts: readonly WeeklyPrompt[] };
  /** Who suggested a server item, by item id, for the "suggested by" credit on its card. */
  credits?: ReadonlyMap<string, string>;
  /** The shipped library a server's library was composed from (src/library); absent on the shipped one itself. */
  shipped?: Content;
}

type Kind = "challenges" | "resources" | "prompts";
const indexes = new WeakMap<Content, Map<Kind, Map<string, unknown>>>();

function byId<K extends Kind>(content: Content, kind: K, id: string): Content[K][number] | undefined {
  let kinds = indexes.get(content);
  if (!kinds) {
    kinds = new Map();
    indexes.set(content, kinds);
  }
  let index = kinds.get(kind);
  if (!index) {
    index = new Map<string, unknown>();
    for (const item of [...(content.archived?.[kind] ?? []), ...content[kind]]) index.set(item.id, item);
    kinds.set(kind, index);
  }
  return index.get(id) as Content[K][number] | undefined;
}

/** A challenge by id, drawable or archived: what history, stored days and old buttons look up. */
export const findChallenge = (content: Content, id: string): Challenge | undefined => byId(content, "challenges", id);
export const findResource = (content: Content, id: string): Resource | undefined => byId(content, "resources", id);
export const findPrompt = (content: Content, id: string): WeeklyPrompt | undefined => byId(content, "prompts", id);

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`content has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, file: string, problems: string[]): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    problems.push(`${file} at ${where}: ${issue.message}${describeItem(value, issue.path)}`);
  }
  return undefined;
}

/** Names the offending item by id, so a writer can find it without counting array indices. */
function describeItem(value: unknown, path: PropertyKey[]): string {
  let node: unknown = value;
  let id: string | undefined;
  for (const key of path) {
    if (node === null || typeof node !== "object") break;
    node = (node as Record<PropertyKey, unknown>)[key];
    if (node && typeof node === "object" && "id" in node && typeof node.id === "string") id = node.id;
  }
  return id ? ` (item '${id}')` : "";
}

function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(dir, name));
}

/** sha256 over the path (relative to `dir`) and bytes of every file under `dir`, whichever of them loadContent reads. */
function contentDigest(dir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
  for (const name of files)
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(dir, name)))
      .update("\0");
  return hash.digest("hex");
}

interface Snapshot {
  digest: string;
  content: Content;
}

/** Validates the library in `dir` and records it, with its files' digest, for loadShippedContent. */
export function writeContentSnapshot(dir = DEFAULT_CONTENT_DIR, file = CONTENT_SNAPSHOT): Content {
  const content = loadContent(dir);
  const snapshot: Snapshot = { digest: contentDigest(dir), content };
  writeFileSync(file, JSON.stringify(snapshot));
  return content;
}

/**
 * The library for a start: the build's snapshot while the files still match it, so the shipped library is
 * validated once rather than at every start (the schemas cost a start about as much as loading discord.js's
 * gateway code); validated afresh, as loadContent does, once anyone has edited a file since the build.
 */
export function loadShippedContent(dir = DEFAULT_CONTENT_DIR, file = CONTENT_SNAPSHOT): Content {
  if (existsSync(file)) {
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
    if (snapshot.digest === contentDigest(dir)) return deepFreeze(snapshot.content);
  }
  return loadContent(dir);
}

/** Reads and validates every content file; throws a ContentError naming each problem. */
export function loadContent(dir = DEFAULT_CONTENT_DIR): Content {
  const problems: string[] = [];
  const taxonomyFile = join(dir, "taxonomy.json");
  const taxonomy = parse(Taxonomy, readJson(taxonomyFile, problems), taxonomyFile, problems);
  const resources = jsonFilesIn(join(dir, "resources")).flatMap(
    (file) => parse(Resources.element.array(), readJson(file, problems), file, problems) ?? [],
  );
  const challenges = jsonFilesIn(join(dir, "challenges")).flatMap(
    (file) => parse(Challenges, readJson(file, problems), file, problems) ?? [],
  );
  const promptsFile = join(dir, "prompts.json");
  const prompts = parse(WeeklyPrompts, readJson(promptsFile, problems), promptsFile, problems) ?? [];
  if (problems.length > 0 || !taxonomy) throw new ContentError(problems);
  const content: Content = { areas: taxonomy.areas, topics: taxonomy.topics, resources, challenges, prompts };
  problems.push(...crossCheck(content));
  if (problems.length > 0) throw new ContentError(problems);
  return deepFreeze(content);
}

function duplicates(kind: string, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) out.push(`duplicate ${kind} '${value}'`);
    seen.add(key);
  }
  return out;
}

/** Reference integrity, uniqueness and coverage rules that a per-item schema cannot express. */
export function crossCheck(content: Content): string[] {
  const problems: string[] = [];
  const { areas, topics, resources, challenges, prompts } = content;
  const areaIds = new Set(areas.map((a) => a.id));
  const topicIds = new Set(topics.map((t) => t.id));
  const resourceIds = new Set(resources.map((r) => r.id));
  const unique: [string, string[]][] = [
    ["id", [...areas, ...topics].map((x) => x.id)],
    ["area name", areas.map((a) => a.name)],
    ["topic name", topics.map((t) => t.name)],
    ["resource id", resources.map((r) => r.id)],
    ["resource url", resources.map((r) => normaliseUrl(r.url))],
    ["challenge id", challenges.map((c) => c.id)],
    ["challenge title", challenges.map((c) => c.title)],
    ["prompt id", prompts.map((p) => p.id)],
    ["prompt title", prompts.map((p) => p.title)],
  ];
  for (const [what, values] of unique) problems.push(...duplicates(what, values));
  // A server's own items live in their own namespace (src/library); shipped ids never enter it.
  for (const item of [...areas, ...topics, ...resources, ...challenges, ...prompts])
    if (item.id === "local" || item.id.startsWith("local-"))
      problems.push(`'${item.id}' is in the namespace kept for servers' own items ('local' and 'local-...')`);
  for (const topic of topics) {
    if (!areaIds.has(topic.area)) problems.push(`topic '${topic.id}' names unknown area '${topic.area}'`);
  }
  for (const resource of resources) {
    for (const t of resource.topics) {
      if (!topicIds.has(t)) problems.push(`resource '${resource.id}' names unknown topic '${t}'`);
    }
  }
  for (const challenge of challenges) {
    if (!topicIds.has(challenge.topic)) {
      problems.push(`challenge '${challenge.id}' names unknown topic '${challenge.topic}'`);
    }
    for (const r of challenge.resources) {
      if (!resourceIds.has(r)) problems.push(`challenge '${challenge.id}' names unknown resource '${r}'`);
    }
  }
  for (const prompt of prompts) {
    if (!topicIds.has(prompt.theme) && !areaIds.has(prompt.theme)) {
      problems.push(`prompt '${prompt.id}' names unknown theme '${prompt.theme}'`);
    }
    for (const r of prompt.resources) {
      if (!resourceIds.has(r)) problems.push(`prompt '${prompt.id}' names unknown resource '${r}'`);
    }
  }
  const topicArea = new Map(topics.map((t) => [t.id, t.area]));
  for (const topic of topics) {
    const count = challenges.filter((c) => c.topic === topic.id).length;
    if (count < 3) problems.push(`topic '${topic.id}' has ${count} challenge(s); every topic needs at least 3`);
    if (!resources.some((r) => r.topics.includes(topic.id))) {
      problems.push(`topic '${topic.id}' has no resource`);
    }
  }
  for (const area of areas) {
    for (const level of ["beginner", "intermediate", "advanced"] as const) {
      const has = challenges.some((c) => c.level === level && topicArea.get(c.topic) === area.id);
      if (!has) problems.push(`area '${area.id}' has no ${level} challenge`);
    }
  }
  if (challenges.length < 180) problems.push(`only ${challenges.length} challenges; at least 180 are needed`);
  return problems;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Two links to the same page compare equal: scheme, `www.`, host case and a trailing slash make no difference. */
export function normaliseUrl(url: string): string {
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  return `${host}${u.port ? `:${u.port}` : ""}${u.pathname.replace(/\/+$/, "")}${u.search}`;
}
