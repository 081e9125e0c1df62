import { basename, dirname, extname, join } from "node:path";
import * as z from "zod";
import { checkCommand } from "../discord/command-limits.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Command } from "./command.js";
import { importCommandFiles } from "./command-files.js";

export const COMMANDS_DIR = join(PACKAGE_ROOT, "commands");

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === "function", "must be a function");

const CommandModule = z.object({
  default: z.object({
    data: z.looseObject({ name: z.string(), description: z.string() }).superRefine((data, ctx) => {
      for (const message of checkCommand(data)) ctx.addIssue({ code: "custom", message });
    }),
    runIn: z.enum(["guild", "anywhere"]),
    execute: fn,
    autocomplete: fn.optional(),
    customIds: z.object({ command: z.string(), build: fn, parse: fn }).optional(),
    component: fn.optional(),
    cooldown: z.object({ uses: z.int().positive(), seconds: z.number().positive(), applies: fn.optional() }).optional(),
  }),
});

export class CommandLoadError extends Error {
  override name = "CommandLoadError";
}

/** The command a file under commands/ must declare: its name, or its folder's for a folder's index. */
const commandNameOf = (file: string) =>
  basename(file, extname(file)) === "index" && dirname(file) !== "."
    ? basename(dirname(file))
    : basename(file, extname(file));

/** Imports every module in `commands/`, validates its shape and limits, and keys it by name (refusing duplicates). */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
  const commands = new Map<string, Command>();
  const problems: string[] = [];
  for (const { file, module: mod } of await importCommandFiles(dir)) {
    const parsed = CommandModule.safeParse(mod);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join(".")} ${issue.message}`);
      continue;
    }
    const command = parsed.data.default as unknown as Command;
    const name = command.data.name;
    if (name !== commandNameOf(file))
      problems.push(`${file}: command '${name}' must live in ${name}.ts (or ${name}/index.ts)`);
    if (command.customIds && command.customIds.command !== name)
      problems.push(`${file}: its custom_ids are routed to '${command.customIds.command}', not '${name}'`);
    if (!command.customIds !== !command.component)
      problems.push(`${file}: a component handler and its custom_id codec come together`);
    if (commands.has(name)) problems.push(`${file}: a command named '${name}' is already loaded`);
    commands.set(name, command);
  }
  if (problems.length > 0) throw new CommandLoadError(`commands/ is invalid:\n  - ${problems.join("\n  - ")}`);
  return commands;
}
