import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface CommandFile {
  file: string;
  module: unknown;
}

/**
 * Imports every command module in `dir`, in name order. The build (scripts/build.ts) replaces this module with one
 * that has commands/ bundled in, so a compiled start reads no folder and imports no file for its commands.
 */
export async function importCommandFiles(dir: string): Promise<CommandFile[]> {
  const files = readdirSync(dir)
    .filter((f) => [".ts", ".js", ".mjs"].includes(extname(f)) && !f.endsWith(".d.ts") && !f.includes(".test."))
    .sort();
  const modules: CommandFile[] = [];
  for (const file of files) modules.push({ file, module: await import(pathToFileURL(join(dir, file)).href) });
  return modules;
}
