import type { APIApplicationCommandBasicOption } from "discord-api-types/v10";

/**
 * A list of slash-command options declared apart from its command, kept as literal types (names, types, `required`,
 * choices) so the handler's arguments can still be derived from it; a plain annotation would widen them to strings.
 */
export const optionList = <const O extends APIApplicationCommandBasicOption[]>(options: O): O => options;
