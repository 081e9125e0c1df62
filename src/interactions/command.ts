import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
} from "discord.js";
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { AppContext } from "../context.js";
import { LIMITS } from "../discord/limits.js";

export type ComponentInteraction = MessageComponentInteraction | ModalSubmitInteraction;

/**
 * One slash command: its registration JSON next to the code that answers it. Components (buttons, selects,
 * modals) whose custom_id starts with `<name>:` are routed to `component`.
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<unknown>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: AppContext): Promise<unknown>;
  component?(interaction: ComponentInteraction, ctx: AppContext, args: string[]): Promise<unknown>;
}

export function defineCommand<const T extends Command>(command: T): T {
  return command;
}

const SEPARATOR = ":";

/** Builds a custom_id routed back to `command`'s component handler with `parts` as its args. */
export function customId(command: string, ...parts: (string | number)[]): string {
  const id = [command, ...parts].join(SEPARATOR);
  if (id.length > LIMITS.customId) throw new Error(`custom_id '${id}' is longer than ${LIMITS.customId} characters`);
  return id;
}

export function parseCustomId(id: string): { command: string; args: string[] } {
  const [command = "", ...args] = id.split(SEPARATOR);
  return { command, args };
}
