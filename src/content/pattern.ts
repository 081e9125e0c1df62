/**
 * Answer patterns: regular expressions a server's admin writes (and the shipped library's), run against what members
 * type. They go through RE2 (the re2js port), whose matching time is linear in the input whatever the pattern, never
 * through the backtracking RegExp, where `(a+)+$` against forty characters holds the one event loop every server
 * shares. RE2 has no backreferences and no lookaround, so a pattern using them is refused, naming the construct.
 */
import { RE2JS, RE2JSException } from "re2js";

/**
 * Linear time is not cheap time: a program's size multiplies every step, and `\p{L}{1000}` repeated compiles to
 * thousands of instructions that take a second to build and run. An answer pattern needs a few dozen.
 */
export const MAX_PATTERN_SIZE = 250;

export type AnswerPattern = { ok: true; matches(text: string): boolean } | { ok: false; reason: string };

const cache = new Map<string, AnswerPattern>();
const CACHE_LIMIT = 500;

/** The pattern compiled for whole-answer, case-insensitive matching, or why it cannot be used. Cached by text. */
export function answerPattern(pattern: string): AnswerPattern {
  const known = cache.get(pattern);
  if (known) return known;
  const compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): AnswerPattern {
  const tooLarge = {
    ok: false,
    reason: `is too large once its repeats are expanded (at most ${MAX_PATTERN_SIZE} steps): use fewer or smaller {n} counts`,
  } as const;
  // Refused before compiling: building a huge program is itself the slow part.
  if (expandedSize(pattern) > MAX_PATTERN_SIZE) return tooLarge;
  try {
    const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (re.programSize() > MAX_PATTERN_SIZE) return tooLarge;
    return { ok: true, matches: (text) => re.testExact(text) };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return { ok: false, reason: unsupported(pattern) ?? `is not a regular expression RE2 reads (${error.message})` };
  }
}

/** The construct RE2 lacks, named for the admin, when the pattern uses one. */
function unsupported(pattern: string): string | undefined {
  const constructs: [RegExp, string][] = [
    [/\\[1-9]|\\k<|\(\?P=/, "a backreference (\\1, \\k<name>)"],
    [/\(\?<[=!]/, "a lookbehind ((?<= or (?<!)"],
    [/\(\?[=!]/, "a lookahead ((?= or (?!)"],
    [/\(\?>/, "an atomic group ((?>)"],
    [/[*+?}][+]/, "a possessive quantifier (*+, ++)"],
  ];
  const found = constructs.find(([shape]) => shape.test(pattern.replace(/\\\\/g, "")));
  return found && `uses ${found[1]}, which the linear-time engine does not support: rewrite it without`;
}

/**
 * An upper estimate of the compiled program's size, read from the text alone: each atom counts one, a group its
 * contents, and `{m,n}` multiplies what it repeats by the larger count (nested repeats multiply).
 */
export function expandedSize(pattern: string): number {
  const groups: number[] = [0];
  let last = 0;
  const add = (size: number) => {
    groups[groups.length - 1] = (groups.at(-1) ?? 0) + size;
    last = size;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const braced = /^[pPx]\{[^}]*\}/.exec(pattern.slice(i + 1));
      i += braced ? braced[0].length : 1;
      add(1);
    } else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      i = j;
      add(1);
    } else if (c === "(") {
      groups.push(0);
      const flags = /^\?(?:P?<[^>]*>|[a-zA-Z-]*:?)/.exec(pattern.slice(i + 1));
      if (flags) i += flags[0].length;
    } else if (c === ")") {
      const inner = groups.length > 1 ? (groups.pop() ?? 0) : 0;
      add(inner + 1);
    } else if (c === "{") {
      const counts = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (!counts) add(1);
      else {
        const times = Math.max(Number(counts[1]), Number(counts[2] || counts[1]), 1);
        groups[groups.length - 1] = (groups.at(-1) ?? 0) + last * (times - 1);
        last *= times;
        i += counts[0].length - 1;
      }
    } else add(1);
  }
  return groups.reduce((sum, size) => sum + size, 0);
}
