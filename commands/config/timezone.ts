import type { AutocompleteInteraction } from "discord.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import { formatDuration } from "../../src/format.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { describePlanned, POST_KIND_LABELS, plannedPosts } from "../../src/schedule/status.js";
import { getSchedules } from "../../src/schedule/store.js";
import { canonicalTimeZone, suggestTimeZones } from "../../src/time/zones.js";
import { changeGuildTimezone } from "../../src/zone-change/index.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "timezone",
  description: "The server's time zone, used for post times and members without their own",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "zone",
      description: "An IANA time zone, like Europe/Berlin or America/New_York",
      required: true,
      autocomplete: true,
      max_length: 64,
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const guildId = interaction.guildId;
  const zone = canonicalTimeZone(options.zone);
  if (!zone)
    throw new UserError(
      `'${options.zone}' is not a time zone Gradient knows. Pick one from the suggestions, like Europe/Berlin. Nothing was changed.`,
    );
  const change = await changeGuildTimezone(ctx, guildId, zone, ctx.clock.now());
  const lines = [`This server's time zone is now **${zone}**.`];
  if (change.boardsReadyIn > 0)
    lines.push(
      `The leaderboards are being updated; this takes about ${formatDuration(Math.ceil(change.boardsReadyIn / 1000) * 1000)}.`,
    );
  for (const schedule of await getSchedules(ctx, guildId)) {
    const [next] = await plannedPosts(ctx, schedule, zone, 1);
    if (next) lines.push(`Next ${POST_KIND_LABELS[schedule.kind].toLowerCase()}: ${describePlanned(next, zone)}.`);
  }
  await respond(interaction, { content: lines.join("\n"), ephemeral: true });
}

export async function autocomplete(interaction: AutocompleteInteraction) {
  const zones = suggestTimeZones(interaction.options.getFocused());
  await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
}
