import type { ChatInputCommandInteraction, Interaction } from "discord.js";
import { MessageFlags } from "discord.js";
import { isBusy, retryWhileBusy, StoreBusyError } from "../db/busy.js";
import { commandOfCustomId } from "../discord/custom-id.js";
import { UserError } from "../errors.js";
import { withLibraryOf } from "../library/store.js";
import type { Command, HandlerContext } from "./command.js";
import { respond } from "./respond.js";

export const GENERIC_APOLOGY =
  "Sorry, something went wrong on our side. It has been logged; please try again in a moment.";
export const GUILD_ONLY = "This command works only inside a server.";
/** The one answer to a control whose custom_id no command parses: forged, or from an older version of Gradient. */
export const STALE_CONTROL =
  "This button or menu is from an older version of Gradient and no longer works. Run the command again for a fresh one.";

/**
 * How long after an interaction arrives its handler may be retried because another process held the database's
 * write lock: the answer must still reach Discord within its 3 s.
 */
export const WRITE_WINDOW_MS = 2_300;

export type Outcome = "ok" | "user_error" | "busy" | "error";

/**
 * The single entry for every interaction, with the single error path. A handler whose write met the lock
 * before it answered anything is run again on a timer (each use case writes in one transaction, so the failed
 * attempt kept nothing); once the window is spent the member is told the database is busy.
 */
export async function routeInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  app: HandlerContext,
): Promise<Outcome> {
  const guildId = interaction.guildId;
  let ctx = app;
  const answered = () => interaction.isRepliable() && (interaction.deferred || interaction.replied);
  try {
    await retryWhileBusy(
      async () => {
        // Inside a server, every handler sees that server's library (shipped and its own items, per its pool).
        ctx = guildId ? await withLibraryOf(app, guildId) : app;
        await dispatch(interaction, commands, ctx);
      },
      {
        budgetMs: interaction.isAutocomplete() ? 0 : WRITE_WINDOW_MS,
        canRetry: () => !answered(),
      },
    );
    return "ok";
  } catch (error) {
    // A write that met the lock after the handler had answered (or deferred) cannot be retried: say so.
    const shown = isBusy(error) ? new StoreBusyError() : error;
    await handleError(interaction, commandNameOf(interaction), shown, ctx);
    return shown instanceof StoreBusyError ? "busy" : shown instanceof UserError ? "user_error" : "error";
  } finally {
    noteSeen(interaction, ctx);
  }
}

/**
 * A member's own command or component in a server shows they are still in it (reminders ask Discord otherwise).
 * After the answer, so it never delays one; a failure here only means a later lookup.
 */
function noteSeen(interaction: Interaction, ctx: HandlerContext): void {
  if (!interaction.guildId || interaction.isAutocomplete()) return;
  try {
    ctx.presence.seen(interaction.guildId, interaction.user.id);
  } catch (error) {
    ctx.log.warn({ err: error, guild: interaction.guildId, user: interaction.user.id }, "could not note a member seen");
  }
}

/** The command an interaction belongs to, for logs and metrics. */
export function commandNameOf(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return commandOfCustomId(interaction.customId);
  return "unknown";
}

async function dispatch(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  ctx: HandlerContext,
): Promise<void> {
  const command = commands.get(commandNameOf(interaction));
  if (interaction.isChatInputCommand()) {
    if (!command) throw new UserError("That command is not available any more. It may have been renamed or removed.");
    refuseOutsideGuild(command, interaction);
    const cooldown = command.cooldown?.applies?.(interaction) === false ? undefined : command.cooldown;
    const askedAt = ctx.clock.now().getTime();
    if (cooldown) ctx.cooldowns.check(command.data.name, interaction.user.id, cooldown, askedAt);
    await command.execute(interaction, ctx);
    if (cooldown) ctx.cooldowns.record(command.data.name, interaction.user.id, cooldown, askedAt);
    await tellRemindersOff(interaction, ctx);
  } else if (interaction.isAutocomplete()) {
    if (!command?.autocomplete || (command.runIn === "guild" && !interaction.inGuild())) {
      await interaction.respond([]);
      return;
    }
    await command.autocomplete(interaction, ctx);
  } else if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
    const value = command?.customIds?.parse(interaction.customId) ?? null;
    if (!command?.component || value === null) throw new UserError(STALE_CONTROL);
    refuseOutsideGuild(command, interaction);
    await command.component(interaction, ctx, value);
  }
}

/**
 * A reminder Discord would not deliver (the member closed DMs) was turned off; the member hears it privately,
 * once, after the next command they use.
 */
async function tellRemindersOff(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  let content: string | null;
  try {
    content = ctx.offNotices.take(interaction.user.id, (id) => interaction.client.guilds.cache.get(id)?.name);
  } catch (error) {
    // The member's command already worked and was answered: a lock held elsewhere must not turn it into "database
    // busy". Taking the notice is one statement that kept nothing, so it stays owed for their next command.
    if (isBusy(error)) return;
    throw error;
  }
  if (content === null || !(interaction.replied || interaction.deferred)) return;
  await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** Guild-only is declared on the command (`runIn`) and checked here, once, with one wording. */
function refuseOutsideGuild(command: Command, interaction: { inGuild(): boolean }): void {
  if (command.runIn === "guild" && !interaction.inGuild()) throw new UserError(GUILD_ONLY);
}

async function handleError(
  interaction: Interaction,
  command: string,
  error: unknown,
  ctx: Pick<HandlerContext, "log">,
): Promise<void> {
  const where = { command, guild: interaction.guildId, user: interaction.user.id, interaction: interaction.id };
  if (!(error instanceof UserError)) ctx.log.error({ err: error, ...where }, "interaction failed");
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  if (!interaction.isRepliable()) return;
  const content = error instanceof UserError ? error.message : GENERIC_APOLOGY;
  try {
    if (interaction.deferred && !interaction.replied) {
      // A deferred public reply cannot become ephemeral: replace it and say the rest privately.
      await interaction.editReply({ content, embeds: [], components: [], files: [], allowedMentions: { parse: [] } });
    } else {
      await respond(interaction, { content, ephemeral: true });
    }
  } catch (replyError) {
    ctx.log.warn({ err: replyError, ...where }, "could not tell the member about a failure");
  }
}
