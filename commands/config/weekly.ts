import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { WEEKDAY_NAMES, WEEKDAYS } from "../../src/jobs/slots.js";
import { configureSchedule } from "../../src/schedule/store.js";
import { getGuildTimezone } from "../../src/settings/index.js";
import { timeOfDayFrom } from "../../src/time/input.js";
import { channelOption, confirmation, postableChannel, timeOption } from "./common.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "weekly",
  description: "Post the weekly study prompt on one day of the week",
  options: [
    channelOption("Where the prompt is posted"),
    {
      type: ApplicationCommandOptionType.String,
      name: "day",
      description: "Day of the week",
      required: true,
      choices: WEEKDAYS.map((value, i) => ({ name: WEEKDAY_NAMES[i] ?? value, value })),
    },
    timeOption(),
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "thread",
      description: "Open a discussion thread on each prompt (default: yes)",
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "recap",
      description: "Add a recap of last week: completions, active members, milestones, top streaks",
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
  const time = timeOfDayFrom(options.time);
  const weekday = WEEKDAYS.indexOf(options.day) + 1;
  const schedule = await configureSchedule(
    ctx,
    {
      guildId,
      kind: "weekly",
      channelId,
      weekday,
      time,
      thread: options.thread ?? true,
      recap: options.recap ?? false,
      roleId: null,
      updatedBy: interaction.user.id,
    },
    ctx.clock.now(),
  );
  ctx.log.info(
    { guild: guildId, kind: "weekly", channel: channelId, time, weekday, user: interaction.user.id },
    "schedule configured",
  );
  await respond(interaction, {
    content: await confirmation(ctx, interaction, schedule, await getGuildTimezone(ctx, guildId)),
    ephemeral: true,
  });
}
