import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { describeDailyRules, TRACK_LABELS } from "../../src/challenges/render.js";
import { DEFAULT_ALLOWS, getDailyRules, TRACKS } from "../../src/challenges/rules.js";
import { REQUIREMENTS, type Requirement } from "../../src/content/schema.js";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import { REQUIREMENT_LABELS } from "../../src/format.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { changesDaily, configureDaily, type DailyChange } from "../../src/schedule/daily-config.js";
import { getGuildTimezone } from "../../src/settings/index.js";
import { timeOfDayFrom } from "../../src/time/input.js";
import { channelOption, confirmation, pingableRole, postableChannel, timeOption } from "./common.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "daily",
  description: "The daily challenge: its post, its default level and what it may need",
  options: [
    channelOption("Where the challenge is posted (with time: sets up the post)", false),
    timeOption(false),
    { type: ApplicationCommandOptionType.Role, name: "role", description: "A role to ping with each post" },
    {
      type: ApplicationCommandOptionType.String,
      name: "level",
      description: "The track members follow unless they choose their own (default: all levels)",
      choices: TRACKS.map((track) => ({ name: TRACK_LABELS[track], value: track })),
    },
    // What the daily may need, by requirement: one switch each.
    ...REQUIREMENTS.map((r) => ({
      type: ApplicationCommandOptionType.Boolean as const,
      name: `allow-${r}` as const,
      description: `May the daily need ${REQUIREMENT_LABELS[r].replace(/^\S+\s/, "")}? (default: ${DEFAULT_ALLOWS.has(r) ? "yes" : "no"})`,
    })),
  ],
});

type Options = SubcommandOptions<typeof data>;

/** The daily's post, set up with channel and time together (a role left out pings no one); null when none is given. */
function postFrom(interaction: GuildChatInput, options: Options): DailyChange["post"] {
  const { channel, time, role } = options;
  if (channel === null && time === null && role === null) return null;
  if (channel === null || time === null)
    throw new UserError(
      "To set up the daily post, give both `channel` and `time` (and `role` if it should ping one). Nothing was changed.",
    );
  const roleId = pingableRole(role, interaction);
  return {
    channelId: postableChannel(channel),
    time: timeOfDayFrom(time),
    weekday: null,
    thread: false,
    roleId,
    updatedBy: interaction.user.id,
  };
}

/** The level and the allow-* switches change only what they name. */
export async function execute(interaction: GuildChatInput, ctx: HandlerContext, options: Options) {
  const guildId = interaction.guildId;
  const allows: Partial<Record<Requirement, boolean>> = {};
  for (const r of REQUIREMENTS) {
    const allowed = options[`allow-${r}`];
    if (allowed !== null) allows[r] = allowed;
  }
  const change: DailyChange = { post: postFrom(interaction, options), track: options.level, allows };
  if (!changesDaily(change)) {
    await respond(interaction, {
      content: `${describeDailyRules(await getDailyRules(ctx, guildId))}\nChange them with the options of \`/config daily\`; give \`channel\` and \`time\` to post the daily every day.`,
      ephemeral: true,
    });
    return;
  }
  const result = await configureDaily(ctx, guildId, change, ctx.clock.now());
  ctx.log.info(
    {
      guild: guildId,
      rules: [...(change.track ? ["track"] : []), ...(Object.keys(allows).length > 0 ? ["allows"] : [])],
      post: change.post !== null,
      user: interaction.user.id,
    },
    "daily configured",
  );
  const lines = result.schedule
    ? [await confirmation(ctx, interaction, result.schedule, await getGuildTimezone(ctx, guildId))]
    : [
        "Daily challenge rules saved. They apply from the next day whose challenge is not chosen yet; past days stay as they were.",
      ];
  lines.push("", describeDailyRules(result.rules));
  await respond(interaction, { content: lines.join("\n"), ephemeral: true });
}
