/**
 * `npm run content:check [dir]`: validates the content (schema, references, duplicates, coverage) and renders
 * every item through the bot's own renderers to check Discord's limits. Prints the counts as its last line;
 * on any problem prints each one, naming the item, and exits 1.
 */
import { ContentError, DEFAULT_CONTENT_DIR, loadContent } from "../src/content/load.js";
import { LEVELS } from "../src/content/schema.js";
import { checkRenderedContent } from "../src/taxonomy/check.js";

const SHORT_MINUTES = 30;

/** Every topic has a challenge of 30 minutes or less, setup included, at each level. */
function shortAtEveryLevel(c: ReturnType<typeof loadContent>): string[] {
  const have = new Set(c.challenges.filter((x) => x.minutes <= SHORT_MINUTES).map((x) => `${x.topic}|${x.level}`));
  return c.topics.flatMap((t) =>
    LEVELS.filter((l) => !have.has(`${t.id}|${l}`)).map(
      (l) => `topic '${t.id}' has no ${l} challenge of ${SHORT_MINUTES} minutes or less`,
    ),
  );
}

const dir = process.argv[2] ?? DEFAULT_CONTENT_DIR;

function fail(problems: string[]): never {
  console.error(`content has ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

let content: ReturnType<typeof loadContent>;
try {
  content = loadContent(dir);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  fail(error.problems);
}
const problems = checkRenderedContent(content);
const c = content;
const counts = {
  areas: c.areas.length,
  topics: c.topics.length,
  resources: c.resources.length,
  challenges: c.challenges.length,
  answers: c.challenges.filter((x) => x.answer).length,
  short: c.challenges.filter((x) => x.minutes <= SHORT_MINUTES).length,
  hints: c.challenges.filter((x) => (x.hints?.length ?? 0) > 0).length,
  prompts: c.prompts.length,
};
// The shipped library's targets (a daily habit: issue "A daily that fits a day"); a test library passes a dir.
if (dir === DEFAULT_CONTENT_DIR) {
  const below = (name: keyof typeof counts, min: number) => {
    if (counts[name] < min) problems.push(`${name}=${counts[name]} is below the target of ${min}`);
  };
  below("challenges", 320);
  below("answers", 120);
  below("resources", 420);
  below("prompts", 90);
  below("topics", 66);
  below("short", Math.ceil(counts.challenges * 0.4));
  below("hints", counts.challenges);
  problems.push(...shortAtEveryLevel(c));
}
if (problems.length > 0) fail(problems);
console.log(
  Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(" "),
);
