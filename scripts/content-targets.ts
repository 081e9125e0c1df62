/**
 * The shipped library's targets (issue 22, "Library v3"): how big it must be and what every topic must have.
 * `npm run content:check` holds the shipped library to them; a test library in a temp dir is checked against
 * them directly (test/content.test.ts), so each rule is tested on a library made to break it.
 */
import type { Content } from "../src/content/load.js";
import { LEVELS } from "../src/content/schema.js";

/** A challenge this short (setup included) fits a busy day. */
export const SHORT_MINUTES = 30;

export const TARGETS = {
  challenges: 500,
  answers: 260,
  resources: 520,
  prompts: 115,
  topics: 70,
  /** Share of all challenges that take SHORT_MINUTES or less. */
  shortShare: 0.45,
  challengesPerTopic: 6,
  promptsPerTopic: 1,
} as const;

export interface Counts {
  areas: number;
  topics: number;
  resources: number;
  challenges: number;
  answers: number;
  short: number;
  hints: number;
  prompts: number;
}

export function countsOf(c: Pick<Content, "areas" | "topics" | "resources" | "challenges" | "prompts">): Counts {
  return {
    areas: c.areas.length,
    topics: c.topics.length,
    resources: c.resources.length,
    challenges: c.challenges.length,
    answers: c.challenges.filter((x) => x.answer).length,
    short: c.challenges.filter((x) => x.minutes <= SHORT_MINUTES).length,
    hints: c.challenges.filter((x) => x.hints.length > 0).length,
    prompts: c.prompts.length,
  };
}

/** "areas=13 topics=70 ...": the line content:check ends with. */
export const formatCounts = (counts: Counts) =>
  Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");

/** Sizes below their targets, one line each. */
export function sizeProblems(counts: Counts): string[] {
  const problems: string[] = [];
  const below = (name: keyof Counts, min: number, what = `${min}`) => {
    if (counts[name] < min) problems.push(`${name}=${counts[name]} is below the target of ${what}`);
  };
  below("challenges", TARGETS.challenges);
  below("answers", TARGETS.answers);
  below("resources", TARGETS.resources);
  below("prompts", TARGETS.prompts);
  below("topics", TARGETS.topics);
  const shortMin = Math.ceil(counts.challenges * TARGETS.shortShare);
  below("short", shortMin, `${shortMin} (${TARGETS.shortShare * 100}% of ${counts.challenges} challenges)`);
  below("hints", counts.challenges, `${counts.challenges} (every challenge)`);
  return problems;
}

/** What every topic must have: enough challenges, a short one at each level, and a weekly prompt of its own. */
export function topicProblems(c: Pick<Content, "topics" | "challenges" | "prompts">): string[] {
  const problems: string[] = [];
  for (const topic of c.topics) {
    const challenges = c.challenges.filter((x) => x.topic === topic.id);
    if (challenges.length < TARGETS.challengesPerTopic)
      problems.push(
        `topic '${topic.id}' has ${challenges.length} challenge(s); every topic needs at least ${TARGETS.challengesPerTopic}`,
      );
    for (const level of LEVELS)
      if (!challenges.some((x) => x.level === level && x.minutes <= SHORT_MINUTES))
        problems.push(`topic '${topic.id}' has no ${level} challenge of ${SHORT_MINUTES} minutes or less`);
    const prompts = c.prompts.filter((p) => p.theme === topic.id).length;
    if (prompts < TARGETS.promptsPerTopic) problems.push(`topic '${topic.id}' has no weekly prompt of its own`);
  }
  return problems;
}

/** Every target the shipped library is held to, as problems naming what falls short. */
export const targetProblems = (c: Content): string[] => [...sizeProblems(countsOf(c)), ...topicProblems(c)];
