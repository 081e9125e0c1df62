import type { APIApplicationCommandBasicOption, APIApplicationCommandSubcommandOption } from "discord-api-types/v10";

/**
 * A list of slash-command options declared apart from its command, kept as literal types (names, types, `required`,
 * choices) so the handler's arguments can still be derived from it; a plain annotation would widen them to strings.
 */
export const optionList = <const O extends APIApplicationCommandBasicOption[]>(options: O): O => options;

/** A subcommand declared in its own file, kept as literal types for the same reason. */
export const subcommand = <const S extends APIApplicationCommandSubcommandOption>(declaration: S): S => declaration;
