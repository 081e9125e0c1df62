import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { getGuildTimezone } from "../src/settings/index.js";
import { boardOn, readBoardAt } from "../src/streaks/boards.js";
import { boardEmbed } from "../src/streaks/render.js";
import { localDate } from "../src/time/index.js";

export default defineCommand({
  data: {
    name: "leaderboard",
    description: "This server's top 10 and your own rank",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "board",
        description: "Which board (current streak if left out)",
        choices: [
          { name: "Current streak", value: "current" },
          { name: "Longest streak", value: "longest" },
          { name: "Completions this month", value: "month" },
          { name: "Daily challenges this week (starts over on Monday)", value: "week" },
        ],
      },
    ],
  },
  runIn: "guild",

  async execute(interaction, ctx, args) {
    const guildId = interaction.guildId;
    const kind = args.board ?? "current";
    const now = ctx.clock.now();
    const zone = await getGuildTimezone(ctx, guildId);
    const date = localDate(now, zone);
    const board = boardOn(kind, date);
    const view = await readBoardAt(ctx, guildId, board, interaction.user.id, now);
    return respond(interaction, { embeds: [boardEmbed(kind, board, view, interaction.user.id, { date, zone })] });
  },
});
