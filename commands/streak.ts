import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { memberToday } from "../src/challenges/daily.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { MAX_REST_DAYS_PER_YEAR } from "../src/settings/index.js";
import { heatmapStart, renderHeatmap } from "../src/streaks/heatmap.js";
import { activitySince, verifiedCount } from "../src/streaks/history.js";
import { HEATMAP_FILE, streakEmbed } from "../src/streaks/render.js";
import { restCancelledMessage, restPlannedMessage } from "../src/streaks/rest-messages.js";
import { cancelRest, planRest } from "../src/streaks/rest-plan.js";
import { shownStreak } from "../src/streaks/store.js";

export default defineCommand({
  data: {
    name: "streak",
    description: "A member's streak and 26-week heat-map, or planning your rest days",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "show",
        description: "Current, longest, total, freezes and a 26-week heat-map",
        options: [
          { type: ApplicationCommandOptionType.User, name: "member", description: "Whose streak (yours if left out)" },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "rest",
        description: "Plan rest days, which neither break nor extend your streak (or cancel the planned ones)",
        options: [
          {
            type: ApplicationCommandOptionType.Integer,
            name: "days",
            description: "How many days in a row",
            min_value: 1,
            max_value: MAX_REST_DAYS_PER_YEAR,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: "from",
            description: "The first rest day, YYYY-MM-DD (today if left out)",
            min_length: 10,
            max_length: 10,
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "cancel",
            description: "Drop your planned rest days from today on",
          },
        ],
      },
    ],
  },
  runIn: "guild",
  // Drawing the heat-map is the work worth bounding.
  cooldown: { uses: 5, seconds: 60, applies: (args) => args.subcommand === "show" },

  async execute(interaction, ctx, args) {
    const guildId = interaction.guildId;
    const userId = interaction.user.id;
    if (args.subcommand === "rest") {
      const { cancel, days, from } = args.options;
      if (cancel)
        return respond(interaction, {
          content: restCancelledMessage(await cancelRest(ctx, guildId, userId)),
          ephemeral: true,
        });
      if (days === null) throw new UserError("Say how many rest days with `days`, or use `cancel:True`.");
      const plan = await planRest(ctx, guildId, userId, days, from);
      return respond(interaction, { content: restPlannedMessage(plan), ephemeral: true });
    }
    const target = args.options.member ?? interaction.user;
    if (target.bot) throw new UserError("Bots don't keep streaks. Pick a member instead.");
    await interaction.deferReply();
    const today = await memberToday(ctx, guildId, target.id);
    const { state, current } = await shownStreak(ctx, guildId, target.id, ctx.clock.now().getTime(), today.zone);
    const { days, bridged, rest } = await activitySince(ctx, guildId, target.id, heatmapStart(today.date));
    const png = renderHeatmap(today.date, days, bridged, rest);
    return respond(interaction, {
      embeds: [
        streakEmbed(
          { id: target.id, name: target.displayName },
          state,
          current,
          today,
          await verifiedCount(ctx, guildId, target.id),
          target.id === userId,
        ),
      ],
      files: [{ attachment: png, name: HEATMAP_FILE }],
    });
  },
});
