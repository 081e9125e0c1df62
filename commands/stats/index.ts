/** `/stats`: the registration assembled from one file per subcommand, and the dispatch to them. */
import { ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand } from "../../src/interactions/command.js";
import * as exportFigures from "./export.js";
import * as server from "./server.js";

export default defineCommand({
  data: {
    name: "stats",
    description: "How the server is doing: activity, members coming back, streaks, reminders (managers)",
    type: ApplicationCommandType.ChatInput,
    options: [server.data, exportFigures.data],
  },

  runIn: "guild",
  managersOnly: true,
  // Each reads the whole of a big server's log on the shared stats readers: a few a minute is plenty for a person.
  cooldown: { uses: 3, seconds: 60 },

  async execute(interaction, ctx, args) {
    switch (args.subcommand) {
      case "server":
        return server.execute(interaction, ctx, args.options);
      case "export":
        return exportFigures.execute(interaction, ctx);
    }
  },
});
