import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { WEEKDAY_NAMES, WEEKDAYS } from "../../src/jobs/slots.js";
import { configureSchedule } from "../../src/schedule/store.js";
import { getGuildTimezone } from "../../src/settings/index.js";
import { timeOfDayFrom } from "../../src/time/input.js";
import { channelOption, confirmation, postableChannel, timeOption } from "./common.js";

/** Monday morning: the digest then covers the whole ISO week before. */
const DEFAULT_DAY = "mon";
const DEFAULT_TIME = "09:00";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "digest",
  description: "Post this server's figures for the past week once a week (`/config off` stops it)",
  options: [
    channelOption("Where the digest is posted"),
    {
      type: ApplicationCommandOptionType.String,
      name: "day",
      description: "Day of the week (default: Monday, covering Monday to Sunday before)",
      choices: WEEKDAYS.map((value, i) => ({ name: WEEKDAY_NAMES[i] ?? value, value })),
    },
    { ...timeOption(false), description: `24-hour time in the server's time zone (default ${DEFAULT_TIME})` },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const guildId = interaction.guildId;
  const channelId = postableChannel(options.channel);
  const time = timeOfDayFrom(options.time ?? DEFAULT_TIME);
  const weekday = WEEKDAYS.indexOf(options.day ?? DEFAULT_DAY) + 1;
  const schedule = await configureSchedule(
    ctx,
    {
      guildId,
      kind: "digest",
      channelId,
      weekday,
      time,
      thread: false,
      roleId: null,
      updatedBy: interaction.user.id,
    },
    ctx.clock.now(),
  );
  ctx.log.info(
    { guild: guildId, kind: "digest", channel: channelId, time, weekday, user: interaction.user.id },
    "schedule configured",
  );
  await respond(interaction, {
    content: await confirmation(ctx, interaction, schedule, await getGuildTimezone(ctx, guildId)),
    ephemeral: true,
  });
}
