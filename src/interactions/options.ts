import type { ChatInputCommandInteraction } from "discord.js";
import { UserError } from "../errors.js";
import { truncate } from "../format.js";

/**
 * A string option registered with `choices`, typed as one of them. Discord only sends registered choices; anything
 * else comes from an outdated client or registration and is refused before it reaches domain code.
 */
export function choiceOption<const T extends string>(
  interaction: Pick<ChatInputCommandInteraction, "options">,
  name: string,
  choices: readonly T[],
): T | null {
  const value = interaction.options.getString(name);
  if (value === null) return null;
  if (!(choices as readonly string[]).includes(value))
    throw new UserError(
      `"${truncate(value, 40)}" is not one of the choices for \`${name}\`. Pick one from the list. Nothing was changed.`,
    );
  return value as T;
}

export function requiredChoice<const T extends string>(
  interaction: Pick<ChatInputCommandInteraction, "options">,
  name: string,
  choices: readonly T[],
): T {
  const value = choiceOption(interaction, name, choices);
  if (value === null) throw new UserError(`Pick a \`${name}\` from the list. Nothing was changed.`);
  return value;
}
