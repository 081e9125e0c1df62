/**
 * `npm run content:check [dir]`: validates the content (schema, references, duplicates, coverage) and renders
 * every item through the bot's own renderers to check Discord's limits. Prints the counts as its last line;
 * on any problem prints each one, naming the item, and exits 1.
 */
import { ContentError, DEFAULT_CONTENT_DIR, loadContent } from "../src/content/load.js";
import { checkRenderedContent } from "../src/taxonomy/check.js";

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
if (problems.length > 0) fail(problems);
const c = content;
console.log(
  `areas=${c.areas.length} topics=${c.topics.length} resources=${c.resources.length} challenges=${c.challenges.length} prompts=${c.prompts.length}`,
);
