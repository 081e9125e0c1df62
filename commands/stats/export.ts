import { gzipSync } from "node:zlib";
import { MessageFlags } from "discord.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { displayName, restMemberNames } from "../../src/stats/discord.js";
import { buildStatsExport } from "../../src/stats/export.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "export",
  description: "This server's figures as two CSV files: one row per member, one per date",
});

/** The file as it is, or gzipped when it is over the size Discord takes from this interaction. */
function attachment(text: string, name: string, limit: number) {
  const plain = Buffer.from(text, "utf8");
  if (plain.length <= limit) return { attachment: plain, name };
  const packed = gzipSync(plain);
  if (packed.length > limit)
    throw new UserError(`The export's ${name} is larger than Discord lets Gradient attach here, even compressed.`);
  return { attachment: packed, name: `${name}.gz` };
}

export async function execute(interaction: GuildChatInput, ctx: HandlerContext) {
  // Listing the members of a large server takes many paced requests: far more than Discord's 3-second reply window.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const member = interaction.member;
  const own = "displayName" in member ? member.displayName : displayName(member);
  const result = await buildStatsExport(
    ctx,
    interaction.guildId,
    restMemberNames(interaction.client.rest),
    new Map([[interaction.user.id, own]]),
  );
  const lines = [
    `This server's figures: ${result.memberCount} members with a completion, ${result.dateCount} dates (in ${result.zone}).`,
  ];
  if (!result.namesListed)
    lines.push(
      "Discord did not list this server's members (Gradient's Server Members intent is off in the Developer Portal), so members are named by user id.",
    );
  return respond(interaction, {
    content: lines.join("\n"),
    files: [
      attachment(result.members, "gradient-members.csv", interaction.attachmentSizeLimit),
      attachment(result.dates, "gradient-dates.csv", interaction.attachmentSizeLimit),
    ],
    ephemeral: true,
  });
}
