import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { setSuggestionSettings } from "../../src/library/edit.js";
import { channelOption, postableChannel } from "./common.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "suggestions",
  description: "Where members' suggestions go for review, and who reviews them",
  options: [
    channelOption("The review channel"),
    {
      type: ApplicationCommandOptionType.Role,
      name: "reviewer-role",
      description: "Who may accept, edit or deny (default: members with Manage Server)",
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const guildId = interaction.guildId;
  const channelId = postableChannel(options.channel);
  const role = options["reviewer-role"];
  if (role && role.id === guildId)
    throw new UserError("Pick a reviewer role other than @everyone. Nothing was changed.");
  await setSuggestionSettings(ctx, guildId, channelId, role?.id ?? null);
  await respond(interaction, {
    content: `Suggestions now go to <#${channelId}>, reviewed by ${role ? `<@&${role.id}> and ` : ""}members with Manage Server. Members use \`/suggest\`.`,
    ephemeral: true,
  });
}
