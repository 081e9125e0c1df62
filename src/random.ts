/**
 * Where randomness comes from: a function returning a float in [0, 1), like Math.random. Code that picks at
 * random takes one explicitly so tests can pass a seeded source and get the same picks every run.
 */
export type Random = () => number;

export const mathRandom: Random = Math.random;

/** A small, fast, seeded generator (mulberry32); good enough for picks, not for secrets. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An index in [0, n) drawn from `random`; n must be at least 1. */
export function randomIndex(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
