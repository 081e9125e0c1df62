import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface CommandFile {
  /** The module's path under the commands folder: `name.ts`, or `name/index.ts` for a command split by subcommand. */
  file: string;
  module: unknown;
}

const MODULE_EXTENSIONS = [".ts", ".js", ".mjs"];
const isModule = (file: string) =>
  MODULE_EXTENSIONS.includes(extname(file)) && !file.endsWith(".d.ts") && !file.includes(".test.");

/**
 * The command modules in `dir`, in name order: each module file, and each folder's `index` module (a command with
 * one file per subcommand keeps them beside its index; only the index is the command).
 */
export function commandEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isFile()) return isModule(entry.name) ? [entry.name] : [];
      if (!entry.isDirectory()) return [];
      const index = MODULE_EXTENSIONS.map((ext) => `${entry.name}/index${ext}`).find((f) => existsSync(join(dir, f)));
      return index ? [index] : [];
    })
    .sort();
}

/**
 * Imports every command module in `dir`. The build (scripts/build.ts) replaces this module with one that has
 * commands/ bundled in, so a compiled start reads no folder and imports no file for its commands.
 */
export async function importCommandFiles(dir: string): Promise<CommandFile[]> {
  const modules: CommandFile[] = [];
  for (const file of commandEntries(dir))
    modules.push({ file, module: await import(pathToFileURL(join(dir, file)).href) });
  return modules;
}
