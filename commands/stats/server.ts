import { MessageFlags } from "discord.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { findChallenge } from "../../src/content/load.js";
import { subcommand } from "../../src/discord/command-json.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { libraryFor } from "../../src/library/store.js";
import { reportImage } from "../../src/stats/charts.js";
import { REPORT_FILE, reportAltText, reportEmbed, reportHeading } from "../../src/stats/render.js";
import { buildServerReport, REPORT_DAYS, type ReportDays } from "../../src/stats/report.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "server",
  description: "Charts and figures: activity, members coming back, streaks, reminders, dailies",
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: "days",
      description: "The period, ending today (default: 30 days)",
      choices: REPORT_DAYS.map((days) => ({ name: `${days} days`, value: days })),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "public",
      description: "Show it to the channel instead of only to you (default: no)",
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const days = (options.days ?? 30) as ReportDays;
  const visible = options.public ?? false;
  // Reading a big server's log and drawing the charts can outlast Discord's 3-second reply window.
  await interaction.deferReply(visible ? {} : { flags: MessageFlags.Ephemeral });
  const report = await buildServerReport(ctx, interaction.guildId, { days });
  const library = await libraryFor(ctx, interaction.guildId);
  const title = (id: string) => findChallenge(library, id)?.title ?? id;
  const png = reportImage(report, title, reportHeading(report));
  return respond(interaction, {
    embeds: [{ ...reportEmbed(report, title), image: { url: `attachment://${REPORT_FILE}` } }],
    files: [{ attachment: png, name: REPORT_FILE, description: reportAltText(report) }],
    ephemeral: !visible,
  });
}
