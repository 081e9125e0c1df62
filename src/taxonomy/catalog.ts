import type { Content } from "../content/load.js";
import type { Area, Challenge, Level, Resource, Topic } from "../content/schema.js";

/** Lookups over the content by id, built once per (frozen) content object. */
export interface Catalog {
  readonly content: Content;
  area(id: string): Area | undefined;
  topic(id: string): Topic | undefined;
  resource(id: string): Resource | undefined;
  /** Topics of an area in the order the taxonomy lists them. */
  topicsOf(areaId: string): readonly Topic[];
  challengesOf(topicId: string): readonly Challenge[];
  /** Resources covering a topic, best first (see rankResources). */
  resourcesOf(topicId: string): readonly Resource[];
  challengeCountOfArea(areaId: string): number;
  resourceCountOfArea(areaId: string): number;
}

const LEVEL_ORDER: Record<Level, number> = { beginner: 0, intermediate: 1, advanced: 2 };

export function byLevel(a: { level: Level }, b: { level: Level }): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
}

/**
 * Orders a topic's resources best first: those made for the topic (it is their first topic), then those its
 * challenges and prompts cite most, then the more focused (fewer topics), then free before paid.
 */
export function rankResources(
  topicId: string,
  resources: readonly Resource[],
  citations: ReadonlyMap<string, number>,
): Resource[] {
  const key = (r: Resource) => [
    r.topics[0] === topicId ? 0 : 1,
    -(citations.get(r.id) ?? 0),
    r.topics.length,
    r.free ? 0 : 1,
  ];
  return [...resources].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.title.localeCompare(b.title);
  });
}

function group<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = map.get(key) ?? [];
      list.push(item);
      map.set(key, list);
    }
  }
  return map;
}

function buildCatalog(content: Content): Catalog {
  const areas = new Map(content.areas.map((a) => [a.id, a]));
  const topics = new Map(content.topics.map((t) => [t.id, t]));
  const resources = new Map(content.resources.map((r) => [r.id, r]));
  const topicsByArea = group(content.topics, (t) => [t.area]);
  const challengesByTopic = group(content.challenges, (c) => [c.topic]);
  for (const list of challengesByTopic.values()) list.sort(byLevel);
  const resourcesByTopic = group(content.resources, (r) => r.topics);
  const citations = new Map<string, Map<string, number>>();
  const cite = (topicId: string, resourceIds: readonly string[]) => {
    const counts = citations.get(topicId) ?? new Map<string, number>();
    for (const id of resourceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    citations.set(topicId, counts);
  };
  for (const c of content.challenges) cite(c.topic, c.resources);
  for (const p of content.prompts) cite(p.theme, p.resources);
  const ranked = new Map(
    [...resourcesByTopic].map(([topicId, list]) => [
      topicId,
      rankResources(topicId, list, citations.get(topicId) ?? new Map()),
    ]),
  );
  const areaOfTopic = (id: string) => topics.get(id)?.area;
  const challengeCounts = new Map<string, number>();
  for (const c of content.challenges) {
    const area = areaOfTopic(c.topic);
    if (area) challengeCounts.set(area, (challengeCounts.get(area) ?? 0) + 1);
  }
  const resourceCounts = new Map<string, number>();
  for (const r of content.resources) {
    for (const area of new Set(r.topics.map(areaOfTopic))) {
      if (area) resourceCounts.set(area, (resourceCounts.get(area) ?? 0) + 1);
    }
  }
  return {
    content,
    area: (id) => areas.get(id),
    topic: (id) => topics.get(id),
    resource: (id) => resources.get(id),
    topicsOf: (id) => topicsByArea.get(id) ?? [],
    challengesOf: (id) => challengesByTopic.get(id) ?? [],
    resourcesOf: (id) => ranked.get(id) ?? [],
    challengeCountOfArea: (id) => challengeCounts.get(id) ?? 0,
    resourceCountOfArea: (id) => resourceCounts.get(id) ?? 0,
  };
}

const catalogs = new WeakMap<Content, Catalog>();

/** The catalog of `content`, built on first use and reused after (content is frozen at load). */
export function catalogOf(content: Content): Catalog {
  let catalog = catalogs.get(content);
  if (!catalog) {
    catalog = buildCatalog(content);
    catalogs.set(content, catalog);
  }
  return catalog;
}
