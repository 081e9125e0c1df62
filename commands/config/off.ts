import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { POST_KINDS } from "../../src/jobs/slots.js";
import { POST_KIND_LABELS } from "../../src/schedule/status.js";
import { removeSchedule } from "../../src/schedule/store.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "off",
  description: "Stop one kind of scheduled post (its history is kept)",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "kind",
      description: "Which posts to stop",
      required: true,
      choices: POST_KINDS.map((value) => ({ name: POST_KIND_LABELS[value], value })),
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  { kind }: SubcommandOptions<typeof data>,
) {
  const removed = await removeSchedule(ctx, interaction.guildId, kind);
  const label = POST_KIND_LABELS[kind];
  await respond(interaction, {
    content: removed ? `${label} turned off. Earlier posts stay where they are.` : `${label} was already off.`,
    ephemeral: true,
  });
}
