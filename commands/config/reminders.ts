import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { channelProblems } from "../../src/schedule/permissions.js";
import { setEngagementSettings } from "../../src/settings/index.js";
import { channelOption, postableChannel } from "./common.js";

const REMINDER_MODES = ["dm", "channel"] as const;

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "reminders",
  description: "How members' reminders (/remind) are delivered: by DM, or named in one channel",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "mode",
      description: "By direct message, or in a channel",
      required: true,
      choices: REMINDER_MODES.map((value) => ({ name: value === "dm" ? "direct message" : "channel", value })),
    },
    channelOption("The channel for mode:channel", false),
  ],
});

async function configureReminders(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
): Promise<string> {
  if (options.mode === "dm") {
    await setEngagementSettings(ctx, interaction.guildId, { reminderMode: "dm", reminderChannelId: null });
    return "Reminders now come by direct message.";
  }
  if (!options.channel) throw new UserError("Pick the `channel` reminders are posted in. Nothing was changed.");
  const channelId = postableChannel(options.channel);
  await setEngagementSettings(ctx, interaction.guildId, { reminderMode: "channel", reminderChannelId: channelId });
  const problems = interaction.guild
    ? channelProblems(interaction.guild, { kind: "daily", channelId, thread: false, roleId: null })
    : [];
  const lines = [`Reminders now go to <#${channelId}>: one message a minute naming the members due then.`];
  if (problems.length > 0) lines.push("", "Fix these first, or reminders will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  await respond(interaction, { content: await configureReminders(interaction, ctx, options), ephemeral: true });
}
