import type { Interaction } from "discord.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { type Command, parseCustomId } from "./command.js";
import { respond } from "./respond.js";

export const GENERIC_APOLOGY =
  "Sorry, something went wrong on our side. It has been logged; please try again in a moment.";

/** The single entry for every interaction, with the single error path. */
export async function routeInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  ctx: AppContext,
): Promise<void> {
  let commandName = "unknown";
  try {
    if (interaction.isChatInputCommand()) {
      commandName = interaction.commandName;
      const command = commands.get(commandName);
      if (!command) throw new UserError("That command is not available any more. It may have been renamed or removed.");
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      commandName = interaction.commandName;
      const command = commands.get(commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
      const { command: name, args } = parseCustomId(interaction.customId);
      commandName = name;
      const command = commands.get(name);
      if (!command?.component)
        throw new UserError("This button is from an older version of Gradient and no longer works.");
      await command.component(interaction, ctx, args);
    }
  } catch (error) {
    await handleError(interaction, commandName, error, ctx);
  }
}

async function handleError(interaction: Interaction, command: string, error: unknown, ctx: AppContext): Promise<void> {
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
