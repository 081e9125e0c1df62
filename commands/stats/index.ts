/** `/stats`: a server's figures for its managers, one file per subcommand. */
import { ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand } from "../../src/interactions/command.js";
import * as exportFigures from "./export.js";

export default defineCommand({
  data: {
    name: "stats",
    description: "How this server studies: figures for its managers",
    type: ApplicationCommandType.ChatInput,
    options: [exportFigures.data],
  },

  runIn: "guild",
  managersOnly: true,

  async execute(interaction, ctx, args) {
    switch (args.subcommand) {
      case "export":
        return exportFigures.execute(interaction, ctx);
    }
  },
});
