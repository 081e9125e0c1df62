/**
 * A small fuzzy scorer for autocomplete: how well what a member typed matches a name, from 0 (no match) to 1
 * (the same name). Tiers, best first: the same name; a prefix of the name; a prefix of one of its words; a
 * substring; every typed word found in some word; the typed letters in order (a subsequence); a prefix within
 * one or two typos. Case, accents, punctuation and spacing are ignored ("PyTorch" matches "py-torch").
 */

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const compact = (text: string): string => text.replaceAll(" ", "");

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps) over UTF-16 units, stopping early once
 * it must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let beforePrevious = new Uint16Array(width);
  let previous = new Uint16Array(width);
  let current = new Uint16Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] as number;
}

/**
 * How tightly `query`'s characters appear in order in `text`: the query length over the shortest window of
 * `text` holding them all, so 1 means consecutive; 0 when they do not all appear in order.
 */
function subsequenceTightness(q: readonly string[], t: readonly string[]): number {
  let best = 0;
  for (let start = 0; start < t.length; start++) {
    if (t[start] !== q[0]) continue;
    let qi = 0;
    let end = start;
    for (; end < t.length && qi < q.length; end++) if (t[end] === q[qi]) qi++;
    if (qi < q.length) break;
    best = Math.max(best, q.length / (end - start));
  }
  return best;
}

/** Longer input adds nothing to a match against names of a few words, and would only cost time. */
const MAX_QUERY = 100;

/** A text in the forms the scorer compares; prepare names once and reuse them for every keystroke. */
export interface Prepared {
  text: string;
  /** Without spaces. */
  compact: string;
  compactChars: readonly string[];
  words: readonly string[];
}

export function prepare(text: string): Prepared {
  const normal = normalize(text);
  const compactText = compact(normal);
  return { text: normal, compact: compactText, compactChars: [...compactText], words: normal.split(" ") };
}

export function prepareQuery(query: string): Prepared {
  return prepare([...normalize(query)].slice(0, MAX_QUERY).join(""));
}

/** 1 for a full match down to 0 for none; a bigger share of the name matched scores a little higher. */
export function fuzzyScore(query: string, candidate: string): number {
  return scorePrepared(prepareQuery(query), prepare(candidate));
}

export function scorePrepared(query: Prepared, candidate: Prepared): number {
  const { text: q, compact: qc, compactChars: qChars } = query;
  const { text: c, compact: cc, compactChars: cChars, words } = candidate;
  if (q.length === 0 || c.length === 0) return 0;
  const coverage = Math.min(1, qChars.length / cChars.length);
  if (q === c || qc === cc) return 1;
  if (c.startsWith(q) || cc.startsWith(qc)) return 0.9 + 0.09 * coverage;
  if (words.some((w) => w.startsWith(q))) return 0.8 + 0.09 * coverage;
  if (cc.includes(qc)) return 0.7 + 0.09 * coverage;
  const queryWords = query.words;
  if (queryWords.length > 1 && queryWords.every((qw) => words.some((w) => w.includes(qw)))) {
    return 0.6 + 0.09 * coverage;
  }
  const length = qChars.length;
  if (length >= 3) {
    const tightness = subsequenceTightness(qChars, cChars);
    if (tightness > 0) return 0.3 + 0.25 * tightness * coverage;
  }
  if (length >= 4) {
    const allowed = length >= 8 ? 2 : 1;
    // Prefixes one shorter and one longer too, so a dropped or doubled letter counts as one typo.
    let distance = allowed + 1;
    const prefixes = new Set<string>();
    for (const w of [cc, ...words]) {
      for (const n of [length - 1, length, length + 1]) prefixes.add(w.slice(0, n));
    }
    for (const prefix of prefixes) distance = Math.min(distance, editDistance(qc, prefix, allowed));
    if (distance <= allowed) return 0.25 - 0.05 * distance;
  }
  return 0;
}
