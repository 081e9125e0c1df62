import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those whose name contains an argument) and lets each
 * print its own side-by-side figures. Benchmarks are programs, not tests: they report, they do not assert.
 */
const dir = fileURLToPath(new URL("./", import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ") || "bench/*.bench.ts"}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n## ${file}`);
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== "function") throw new Error(`${file} must export an async run()`);
  await mod.run();
}
