import type { Content } from "../content/load.js";
import type { Area, Topic } from "../content/schema.js";
import { LIMITS } from "../discord/limits.js";
import { truncate } from "../format.js";
import { catalogOf } from "./catalog.js";
import { normalize, type Prepared, prepare, prepareQuery, scorePrepared } from "./fuzzy.js";

export interface Choice {
  name: string;
  value: string;
}

/** Below this a match is noise (a loose subsequence or a typo in a long name) and is not offered. */
const MIN_SCORE = 0.2;
/** Aliases rank just below an equally good match on the real name. */
const ALIAS_WEIGHT = 0.97;

interface Scored<T> {
  item: T;
  score: number;
  /** The alias that matched, when it beat the name. */
  alias?: string;
}

interface PreparedTopic {
  topic: Topic;
  names: Prepared[];
  aliases: { alias: string; prepared: Prepared }[];
}

interface PreparedArea {
  area: Area;
  names: Prepared[];
}

const preparedCache = new WeakMap<Content, { topics: PreparedTopic[]; areas: PreparedArea[] }>();

/** Names and aliases in the scorer's forms, once per content, so a keystroke only prepares the query. */
function preparedOf(content: Content) {
  let p = preparedCache.get(content);
  if (!p) {
    p = {
      topics: content.topics.map((topic) => ({
        topic,
        names: [prepare(topic.name), prepare(topic.id)],
        aliases: topic.aliases.map((alias) => ({ alias, prepared: prepare(alias) })),
      })),
      areas: content.areas.map((area) => ({ area, names: [prepare(area.name), prepare(area.id)] })),
    };
    preparedCache.set(content, p);
  }
  return p;
}

const bestOf = (query: Prepared, names: readonly Prepared[]) =>
  names.reduce((best, name) => Math.max(best, scorePrepared(query, name)), 0);

function scoreTopic(query: Prepared, candidate: PreparedTopic): Scored<Topic> {
  let best: Scored<Topic> = { item: candidate.topic, score: bestOf(query, candidate.names) };
  for (const { alias, prepared } of candidate.aliases) {
    const score = scorePrepared(query, prepared) * ALIAS_WEIGHT;
    if (score > best.score) best = { item: candidate.topic, score, alias };
  }
  return best;
}

/** Good enough matches, best first; equal scores keep content order. */
function ranked<T>(scored: Scored<T>[]): Scored<T>[] {
  return scored.filter((s) => s.score >= MIN_SCORE).sort((a, b) => b.score - a.score);
}

const choiceName = (text: string) => truncate(text, LIMITS.choiceText);

/**
 * Topics matching what a member typed, best first, as at most 25 autocomplete choices whose values are topic
 * ids. An empty query lists the taxonomy in order.
 */
export function suggestTopics(content: Content, query: string, limit: number = LIMITS.choices): Choice[] {
  const catalog = catalogOf(content);
  const q = prepareQuery(query);
  const matches: Scored<Topic>[] = q.text
    ? ranked(preparedOf(content).topics.map((t) => scoreTopic(q, t)))
    : content.topics.map((item) => ({ item, score: 1 }));
  return matches.slice(0, Math.min(limit, LIMITS.choices)).map((s) => {
    const area = catalog.area(s.item.area);
    const alias = s.alias ? ` (${s.alias})` : "";
    return { name: choiceName(`${s.item.name}${alias}${area ? ` · ${area.name}` : ""}`), value: s.item.id };
  });
}

/** Areas matching what a member typed, best first; values are area ids. */
export function suggestAreas(content: Content, query: string, limit: number = LIMITS.choices): Choice[] {
  const q = prepareQuery(query);
  const scored = preparedOf(content).areas.map(({ area, names }) => ({
    item: area,
    score: q.text ? bestOf(q, names) : 1,
  }));
  return ranked(scored)
    .slice(0, Math.min(limit, LIMITS.choices))
    .map((s) => ({ name: choiceName(`${s.item.emoji} ${s.item.name}`), value: s.item.id }));
}

/**
 * The topic a member meant: an id (what autocomplete sends), or a name or alias typed in full. Anything else
 * is undefined, with the closest topics as suggestions.
 */
export function resolveTopic(content: Content, input: string): { topic?: Topic; suggestions: string[] } {
  const catalog = catalogOf(content);
  const byId = catalog.topic(input.trim());
  if (byId) return { topic: byId, suggestions: [] };
  const typed = normalize(input);
  const named = content.topics.find((t) => normalize(t.name) === typed);
  if (named) return { topic: named, suggestions: [] };
  // An alias may be shared ("dynamic programming" is both an algorithm topic and an RL one): only a unique one resolves.
  const aliased = content.topics.filter((t) => t.aliases.some((a) => normalize(a) === typed));
  if (aliased.length === 1) return { topic: aliased[0], suggestions: [] };
  if (aliased.length > 1) return { suggestions: aliased.map((t) => t.name) };
  const suggestions = suggestTopics(content, input, 3).map((c) => catalog.topic(c.value)?.name ?? c.value);
  return { suggestions };
}

/** Like resolveTopic, for areas: an id, or a name typed in full. */
export function resolveArea(content: Content, input: string): { area?: Area; suggestions: string[] } {
  const catalog = catalogOf(content);
  const byId = catalog.area(input.trim());
  if (byId) return { area: byId, suggestions: [] };
  const typed = normalize(input);
  const exact = content.areas.find((a) => normalize(a.name) === typed);
  if (exact) return { area: exact, suggestions: [] };
  const suggestions = suggestAreas(content, input, 3).map((c) => catalog.area(c.value)?.name ?? c.value);
  return { suggestions };
}
