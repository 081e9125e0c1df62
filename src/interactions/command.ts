import type {
  AutocompleteInteraction,
  CacheType,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
} from "discord.js";
import {
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { AppContext } from "../context.js";
import type { CustomIdCodec } from "../discord/custom-id.js";
import type { OffNotices } from "../reminders/notices.js";
import type { MemberPresence } from "../reminders/presence.js";
import type { Scheduler } from "../schedule/scheduler.js";
import { type Args, type OptionJSON, type OptionValues, readArgs, readPartialArgs } from "./args.js";
import type { Cooldown, Cooldowns } from "./cooldowns.js";

/**
 * What a handler may use beyond the domain's context: the command list (for /about), posting now, the members'
 * cooldowns, and the notices the router owes a member after their command.
 */
export interface HandlerContext extends AppContext {
  commands: readonly { name: string; description: string }[];
  schedule: Pick<Scheduler, "postNow">;
  cooldowns: Cooldowns;
  offNotices: OffNotices;
  /** Told of every member's own command or component in a server, which proves they are still in it. */
  presence: MemberPresence;
}

/** Where a command runs: "guild" commands are registered for servers only, and the router refuses them elsewhere. */
export type RunIn = "guild" | "anywhere";

/** Inside a server, discord.js types guildId as a string: guild-only handlers get that narrowing for free. */
type Scope<R extends RunIn> = R extends "guild" ? "cached" | "raw" : CacheType;

export type ComponentInteraction<C extends CacheType = CacheType> =
  | MessageComponentInteraction<C>
  | ModalSubmitInteraction<C>;

/** The interaction a guild-only command's handler receives. */
export type GuildChatInput = ChatInputCommandInteraction<"cached" | "raw">;

export type CommandData = Omit<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  "contexts" | "default_member_permissions"
>;

/** The interaction a command's handler receives where it runs `R`. */
export type ChatInputIn<R extends RunIn> = ChatInputCommandInteraction<Scope<R>>;

/** The arguments a command registered as `D` and run in `R` is given, read from its own JSON (see args.ts). */
export type ArgsOf<D extends CommandData, R extends RunIn = "guild"> = Args<D, Scope<R>>;

/** The values a subcommand declared as `S` (in its own file, see `subcommand`) is given. */
export type SubcommandOptions<
  S extends { readonly options?: readonly OptionJSON[] },
  R extends RunIn = "guild",
> = OptionValues<S["options"], Scope<R>>;

/** What is filled in so far while a member types into an autocompleted option. */
export type PartialArgsOf<D extends CommandData, R extends RunIn = "guild"> = Args<D, Scope<R>, false>;

/**
 * One slash command, declared in one file: its registration JSON, where it runs and who may use it, next to the
 * code that answers it. The handler is given the options typed from that JSON, so renaming one is a type error.
 * Components (buttons, selects, modals) whose custom_id its codec parses are routed to `component` with the
 * parsed value.
 */
export interface CommandDefinition<V, R extends RunIn, D extends CommandData = CommandData> {
  data: D;
  runIn: R;
  /** Server managers only by default; admins can grant it to roles under Server Settings, Integrations. */
  managersOnly?: boolean;
  /** How often one member may run it, when a run does real work; checked once, by the router. */
  cooldown?: Omit<Cooldown, "applies"> & {
    /** Only these invocations count and are limited, judged by what was given; all when absent. */
    applies?(args: PartialArgsOf<D, R>): boolean;
  };
  execute(interaction: ChatInputIn<R>, ctx: HandlerContext, args: ArgsOf<D, R>): Promise<unknown>;
  autocomplete?(
    interaction: AutocompleteInteraction<Scope<R>>,
    ctx: HandlerContext,
    args: PartialArgsOf<D, R>,
  ): Promise<unknown>;
  customIds?: CustomIdCodec<V>;
  component?(interaction: ComponentInteraction<Scope<R>>, ctx: HandlerContext, value: V): Promise<unknown>;
}

export interface Command<V = unknown, R extends RunIn = RunIn>
  extends Omit<CommandDefinition<V, R>, "execute" | "autocomplete" | "cooldown"> {
  /** The JSON registered with Discord, `contexts` and `default_member_permissions` derived from the declaration. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputIn<R>, ctx: HandlerContext): Promise<unknown>;
  autocomplete?(interaction: AutocompleteInteraction<Scope<R>>, ctx: HandlerContext): Promise<unknown>;
  cooldown?: Cooldown;
}

const MANAGE_GUILD = String(PermissionFlagsBits.ManageGuild);

export function defineCommand<const D extends CommandData, V = never, R extends RunIn = RunIn>(
  definition: CommandDefinition<V, R, D>,
): Command<V, R> {
  const { autocomplete, cooldown } = definition;
  const applies = cooldown?.applies;
  return {
    ...definition,
    execute: (interaction, ctx) => definition.execute(interaction, ctx, readArgs(definition.data, interaction)),
    autocomplete: autocomplete
      ? (interaction, ctx) => autocomplete(interaction, ctx, readPartialArgs(definition.data, interaction))
      : undefined,
    cooldown: cooldown && {
      ...cooldown,
      applies: applies ? (interaction) => applies(readPartialArgs(definition.data, interaction)) : undefined,
    },
    data: {
      ...definition.data,
      contexts:
        definition.runIn === "guild"
          ? [InteractionContextType.Guild]
          : [InteractionContextType.Guild, InteractionContextType.BotDM],
      ...(definition.managersOnly ? { default_member_permissions: MANAGE_GUILD } : {}),
    },
  };
}
