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

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * How tightly `query`'s characters appear in order in `text`: the query length over the shortest window of
 * `text` holding them all, so 1 means consecutive; 0 when they do not all appear in order.
 */
function subsequenceTightness(query: string, text: string): number {
  const q = [...query];
  const t = [...text];
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

/** 1 for a full match down to 0 for none; a bigger share of the name matched scores a little higher. */
export function fuzzyScore(query: string, candidate: string): number {
  const q = normalize(query);
  const c = normalize(candidate);
  if (q.length === 0 || c.length === 0) return 0;
  const qc = compact(q);
  const cc = compact(c);
  const coverage = Math.min(1, [...qc].length / [...cc].length);
  if (q === c || qc === cc) return 1;
  if (c.startsWith(q) || cc.startsWith(qc)) return 0.9 + 0.09 * coverage;
  const words = c.split(" ");
  if (words.some((w) => w.startsWith(q))) return 0.8 + 0.09 * coverage;
  if (cc.includes(qc)) return 0.7 + 0.09 * coverage;
  const queryWords = q.split(" ");
  if (queryWords.length > 1 && queryWords.every((qw) => words.some((w) => w.includes(qw)))) {
    return 0.6 + 0.09 * coverage;
  }
  const length = [...qc].length;
  if (length >= 3) {
    const tightness = subsequenceTightness(qc, cc);
    if (tightness > 0) return 0.3 + 0.25 * tightness * coverage;
  }
  if (length >= 4) {
    const allowed = length >= 8 ? 2 : 1;
    // Prefixes one shorter and one longer too, so a dropped or doubled letter counts as one typo.
    const prefixes = [cc, ...words].flatMap((w) =>
      [length - 1, length, length + 1].map((n) => [...w].slice(0, n).join("")),
    );
    const distance = Math.min(...prefixes.map((p) => editDistance(qc, p, allowed)));
    if (distance <= allowed) return 0.25 - 0.05 * distance;
  }
  return 0;
}
