/**
 * `npm run content:check [dir] [--targets]`: validates the content (schema, references, duplicates, coverage) and
 * renders every item through the bot's own renderers to check Discord's limits. The shipped library (no dir, or
 * `--targets`) is also held to its targets (scripts/content-targets.ts). Prints the counts as its last line of
 * output, problems or not; on any problem prints each one to stderr, naming the item, and exits 1.
 */
import { ContentError, DEFAULT_CONTENT_DIR, loadContent } from "../src/content/load.js";
import { checkRenderedContent } from "../src/taxonomy/check.js";
import { countsOf, formatCounts, targetProblems } from "./content-targets.js";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? DEFAULT_CONTENT_DIR;
const withTargets = dir === DEFAULT_CONTENT_DIR || args.includes("--targets");

function report(problems: string[]): void {
  if (problems.length === 0) return;
  console.error(`content has ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}

try {
  const content = loadContent(dir);
  report([...checkRenderedContent(content), ...(withTargets ? targetProblems(content) : [])]);
  console.log(formatCounts(countsOf(content)));
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  report(error.problems);
}
