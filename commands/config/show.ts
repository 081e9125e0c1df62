import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { ts } from "../../src/format.js";
import type { GuildChatInput, HandlerContext } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { describePool } from "../../src/library/render.js";
import { getLibrarySettings } from "../../src/library/store.js";
import { liveBoardSection } from "../../src/live-board/status.js";
import { engagementSection } from "../../src/milestones/status.js";
import { describeSettings } from "../../src/schedule/status.js";
import { roomSection } from "../../src/solvers/status.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "show",
  description: "Every setting, the next post times in the server's zone, and any problem found",
});

export async function execute(interaction: GuildChatInput, ctx: HandlerContext) {
  const guildId = interaction.guildId;
  const more = await engagementSection(ctx, guildId, interaction.guild);
  const library = await getLibrarySettings(ctx, guildId);
  const paused = library.suggestionsPaused;
  if (paused) more.problems.push(`Suggestions are paused: ${paused.reason}`);
  const live = await liveBoardSection(ctx, guildId, interaction.guild);
  more.fields.push(live.field);
  more.problems.push(...live.problems);
  const room = await roomSection(ctx, guildId, interaction.guild);
  more.problems.push(...room.problems);
  const settings = await describeSettings(ctx, guildId, interaction.guild, more);
  const fields = [
    ...(settings.fields ?? []).slice(0, 22),
    { name: "Library pool", value: describePool(library.pool, ctx.content) },
    {
      name: "Suggestions",
      value: library.suggestionsChannelId
        ? [
            `to <#${library.suggestionsChannelId}> (members' problem reports too), reviewed by ${library.reviewerRoleId ? `<@&${library.reviewerRoleId}> and ` : ""}members with Manage Server. Gradient needs View Channel, Send Messages and Embed Links there.`,
            ...(paused ? [`⏸️ **Paused** since ${ts(paused.at, "f")}: ${paused.reason}`] : []),
          ].join("\n")
        : "off (`/config suggestions` turns them on; problem reports are kept for `/library reports` meanwhile)",
    },
    room.field,
  ];
  await respond(interaction, { embeds: [{ ...settings, fields }], ephemeral: true });
}
