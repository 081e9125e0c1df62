/** Discord's limits on a command registration, as PUT to /applications/{app}/commands (table: limits.ts). */
import { checkString, isObject, type Json, LIMITS, len } from "./limits.js";
import { checkAutocompleteChoices } from "./message-limits.js";

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function checkOptions(problems: string[], options: unknown, where: string): number {
  if (options === undefined) return 0;
  if (!Array.isArray(options)) {
    problems.push(`${where} must be an array`);
    return 0;
  }
  if (options.length > LIMITS.options)
    problems.push(`${where} has ${options.length} options; the limit is ${LIMITS.options}`);
  let characters = 0;
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((option: unknown, i: number) => {
    const at = `${where}[${i}]`;
    if (!isObject(option)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const name = String(option.name);
    if (!NAME.test(name) || name !== name.toLowerCase())
      problems.push(`${at}.name '${name}' is not a valid lower-case name`);
    if (names.has(name)) problems.push(`${at}.name '${name}' is repeated`);
    names.add(name);
    characters +=
      len(option.name) +
      checkString(problems, `${at}.description`, option.description, LIMITS.commandDescription, true);
    const isGroup = option.type === 1 || option.type === 2;
    if (!isGroup) {
      if (option.required === true && seenOptional) problems.push(`${at} is required but follows an optional option`);
      if (option.required !== true) seenOptional = true;
    }
    if (option.choices !== undefined) {
      if (option.autocomplete === true) problems.push(`${at} cannot have both choices and autocomplete`);
      if (!Array.isArray(option.choices) || option.choices.length > LIMITS.choices) {
        problems.push(`${at}.choices must be an array of at most ${LIMITS.choices}`);
      } else {
        problems.push(...checkAutocompleteChoices(option.choices, `${at}.choices`));
        for (const choice of option.choices as Json[]) characters += len(choice.name) + len(String(choice.value));
      }
    }
    if (isGroup) characters += checkOptions(problems, option.options, `${at}.options`);
  });
  return characters;
}

/** A command registration body, as PUT to /applications/{app}/commands. */
export function checkCommand(command: unknown): string[] {
  if (!isObject(command)) return ["command must be an object"];
  const problems: string[] = [];
  const name = String(command.name);
  const where = `command '${name}'`;
  const chatInput = command.type === undefined || command.type === 1;
  if (!NAME.test(name) || (chatInput && name !== name.toLowerCase())) problems.push(`${where} has an invalid name`);
  let characters = len(command.name);
  if (chatInput)
    characters += checkString(problems, `${where}.description`, command.description, LIMITS.commandDescription, true);
  characters += checkOptions(problems, command.options, `${where}.options`);
  if (characters > LIMITS.commandTotal)
    problems.push(`${where} has ${characters} characters in all; the limit is ${LIMITS.commandTotal}`);
  if (command.default_member_permissions !== undefined && command.default_member_permissions !== null) {
    if (!/^\d+$/.test(String(command.default_member_permissions)))
      problems.push(`${where}.default_member_permissions must be a bit set string`);
  }
  return problems;
}

export function checkCommandList(commands: unknown): string[] {
  if (!Array.isArray(commands)) return ["command list must be an array"];
  const problems = commands.flatMap((c) => checkCommand(c));
  if (commands.length > 100) problems.push(`${commands.length} commands; the limit is 100`);
  const names = commands.map((c) => `${String((c as Json).type ?? 1)}:${String((c as Json).name)}`);
  if (new Set(names).size !== names.length) problems.push("two commands share a name");
  return problems;
}
