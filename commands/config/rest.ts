import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { MAX_REST_DAYS_PER_YEAR, setEngagementSettings } from "../../src/settings/index.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "rest",
  description: "How many rest days a year each member may plan with /streak rest",
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: "days-per-year",
      description: `0 to ${MAX_REST_DAYS_PER_YEAR} (default 14)`,
      required: true,
      min_value: 0,
      max_value: MAX_REST_DAYS_PER_YEAR,
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const days = options["days-per-year"];
  await setEngagementSettings(ctx, interaction.guildId, { restDaysPerYear: days });
  await respond(interaction, {
    content: `Members may now plan ${days} rest day${days === 1 ? "" : "s"} a year with \`/streak rest\`. Days already planned stay.`,
    ephemeral: true,
  });
}
