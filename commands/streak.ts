import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { memberToday } from "../src/challenges/daily.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { currentStreak } from "../src/streaks/engine.js";
import { heatmapStart, renderHeatmap } from "../src/streaks/heatmap.js";
import { activitySince, verifiedCount } from "../src/streaks/history.js";
import { HEATMAP_FILE, streakEmbed } from "../src/streaks/render.js";
import { readState } from "../src/streaks/store.js";

export default defineCommand({
  data: {
    name: "streak",
    description: "A member's current and longest streak, total, freezes and a 26-week heat-map",
    type: ApplicationCommandType.ChatInput,
    options: [
      { type: ApplicationCommandOptionType.User, name: "member", description: "Whose streak (yours if left out)" },
    ],
  },
  runIn: "guild",

  async execute(interaction, ctx) {
    const guildId = interaction.guildId;
    const target = interaction.options.getUser("member") ?? interaction.user;
    if (target.bot) throw new UserError("Bots don't keep streaks. Pick a member instead.");
    await interaction.deferReply();
    const today = memberToday(ctx, target.id, guildId);
    const state = readState(ctx.db, guildId, target.id);
    const current = currentStreak(state, ctx.clock.now().getTime(), today.zone);
    const { days, bridged } = activitySince(ctx.db, guildId, target.id, heatmapStart(today.date));
    const png = renderHeatmap(today.date, days, bridged);
    return respond(interaction, {
      embeds: [
        streakEmbed(
          { id: target.id, name: target.displayName },
          state,
          current,
          today,
          verifiedCount(ctx.db, guildId, target.id),
        ),
      ],
      files: [{ attachment: png, name: HEATMAP_FILE }],
    });
  },
});
