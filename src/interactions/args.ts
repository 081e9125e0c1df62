import type { Attachment, CacheType, CommandInteractionOption, User } from "discord.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { UserError } from "../errors.js";
import { truncate } from "../format.js";

/**
 * An option as registered, read as a literal type: the typed arguments below are derived from it, so renaming an
 * option (or its type, its `required`, its choices) in the command's JSON changes what its handler is given.
 */
export interface OptionJSON {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
  readonly options?: readonly OptionJSON[];
}

type T = typeof ApplicationCommandOptionType;
type Resolved<C extends CacheType> = CommandInteractionOption<C>;

/** What one option's value is, by its registered type; a registered `choices` narrows it to their values. */
type ValueOf<O extends OptionJSON, C extends CacheType> = O extends {
  choices: readonly { value: infer V }[];
}
  ? V
  : O["type"] extends T["String"]
    ? string
    : O["type"] extends T["Integer"] | T["Number"]
      ? number
      : O["type"] extends T["Boolean"]
        ? boolean
        : O["type"] extends T["User"]
          ? User
          : O["type"] extends T["Channel"]
            ? NonNullable<Resolved<C>["channel"]>
            : O["type"] extends T["Role"]
              ? NonNullable<Resolved<C>["role"]>
              : O["type"] extends T["Mentionable"]
                ? User | NonNullable<Resolved<C>["role"]>
                : O["type"] extends T["Attachment"]
                  ? Attachment
                  : never;

type Group = T["Subcommand"] | T["SubcommandGroup"];

/**
 * The values of a list of (non-subcommand) options, by name: a required one is always there (`Complete`), any other
 * may be null. While a member is still typing (autocomplete) nothing is complete.
 */
export type OptionValues<
  Os extends readonly OptionJSON[] | undefined,
  C extends CacheType = CacheType,
  Complete extends boolean = true,
> = {
  -readonly [O in NonNullable<Os>[number] as O["name"]]: Complete extends true
    ? O extends { required: true }
      ? ValueOf<O, C>
      : ValueOf<O, C> | null
    : ValueOf<O, C> | null;
};

type SubcommandArgs<O extends OptionJSON, C extends CacheType, Complete extends boolean> = O extends {
  type: T["Subcommand"];
}
  ? { subcommand: O["name"]; options: OptionValues<O["options"], C, Complete> }
  : never;

type GroupArgs<O extends OptionJSON, C extends CacheType, Complete extends boolean> = O extends {
  type: T["SubcommandGroup"];
}
  ? NonNullable<O["options"]>[number] extends infer S extends OptionJSON
    ? S extends OptionJSON
      ? { group: O["name"]; subcommand: S["name"]; options: OptionValues<S["options"], C, Complete> }
      : never
    : never
  : never;

type Registered = { readonly options?: readonly OptionJSON[] };

/**
 * A command's arguments, derived from its registration JSON: the option values by name, or for a command with
 * subcommands (and groups) a union discriminated by `subcommand` (and `group`) carrying that subcommand's values.
 */
export type Args<D extends Registered, C extends CacheType = CacheType, Complete extends boolean = true> = NonNullable<
  D["options"]
>[number] extends never
  ? Record<string, never>
  : Extract<NonNullable<D["options"]>[number], { type: Group }> extends never
    ? OptionValues<D["options"], C, Complete>
    :
        | SubcommandArgs<NonNullable<D["options"]>[number], C, Complete>
        | GroupArgs<NonNullable<D["options"]>[number], C, Complete>;

type Interaction = { options: { readonly data: readonly CommandInteractionOption[] } };

/**
 * Reads the interaction's options against the command's registered JSON. Discord sends only registered choices and
 * every required option; anything else (an outdated client or registration, a forged payload) is refused here,
 * privately, before any domain code runs.
 */
export function readArgs<D extends Registered, C extends CacheType>(data: D, interaction: Interaction): Args<D, C> {
  return read(data, interaction, true) as Args<D, C>;
}

/**
 * The same while a member is typing (autocomplete): what is filled in so far, anything missing or not (yet) one of
 * the choices read as null, never refused.
 */
export function readPartialArgs<D extends Registered, C extends CacheType>(
  data: D,
  interaction: Interaction,
): Args<D, C, false> {
  return read(data, interaction, false) as Args<D, C, false>;
}

function read(data: Registered, interaction: Interaction, complete: boolean): unknown {
  const registered = data.options ?? [];
  const sent = interaction.options.data;
  const top = sent[0];
  if (!registered.some((o) => isGroup(o.type))) return readValues(registered, sent, complete);
  const group = top?.type === ApplicationCommandOptionType.SubcommandGroup ? top : undefined;
  const sub = group ? group.options?.[0] : top;
  const declaredGroup = group ? registered.find((o) => o.name === group.name) : undefined;
  const declared = (declaredGroup?.options ?? registered).find(
    (o) => o.name === sub?.name && o.type === ApplicationCommandOptionType.Subcommand,
  );
  if (!sub || !declared || (group && !declaredGroup))
    throw new UserError("That part of the command is not available any more. Run it again from the list.");
  const options = readValues(declared.options ?? [], sub.options ?? [], complete);
  return group ? { group: group.name, subcommand: sub.name, options } : { subcommand: sub.name, options };
}

function isGroup(type: ApplicationCommandOptionType): boolean {
  return type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;
}

function readValues(registered: readonly OptionJSON[], sent: readonly CommandInteractionOption[], complete: boolean) {
  const values: Record<string, unknown> = {};
  for (const option of registered) {
    const given = sent.find((o) => o.name === option.name && o.type === option.type);
    const value = given ? sentValue(given) : null;
    const chosen = value === null || !option.choices || option.choices.some((c) => c.value === value);
    if (!complete) {
      values[option.name] = chosen ? value : null;
      continue;
    }
    if (value === null && option.required)
      throw new UserError(
        option.choices
          ? `Pick a \`${option.name}\` from the list. Nothing was changed.`
          : `Give \`${option.name}\`. Nothing was changed.`,
      );
    if (!chosen)
      throw new UserError(
        `"${truncate(String(value), 40)}" is not one of the choices for \`${option.name}\`. Pick one from the list. Nothing was changed.`,
      );
    values[option.name] = value;
  }
  return values;
}

function sentValue(option: CommandInteractionOption): unknown {
  switch (option.type) {
    case ApplicationCommandOptionType.User:
      return option.user ?? null;
    case ApplicationCommandOptionType.Channel:
      return option.channel ?? null;
    case ApplicationCommandOptionType.Role:
      return option.role ?? null;
    case ApplicationCommandOptionType.Mentionable:
      return option.user ?? option.role ?? null;
    case ApplicationCommandOptionType.Attachment:
      return option.attachment ?? null;
    default:
      return option.value ?? null;
  }
}
