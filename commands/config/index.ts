/** `/config`: the registration assembled from one file per subcommand, and the dispatch to them. */
import { ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand } from "../../src/interactions/command.js";
import * as board from "./board.js";
import * as daily from "./daily.js";
import * as digest from "./digest.js";
import * as forgetMember from "./forget-member.js";
import * as milestoneRole from "./milestone-role.js";
import * as off from "./off.js";
import * as pool from "./pool.js";
import * as reminders from "./reminders.js";
import * as rest from "./rest.js";
import * as show from "./show.js";
import * as solvers from "./solvers.js";
import * as suggestions from "./suggestions.js";
import * as timezone from "./timezone.js";
import * as weekly from "./weekly.js";

export default defineCommand({
  data: {
    name: "config",
    description: "Gradient's settings for this server: zone, posts, reminders, rest days, roles (managers)",
    type: ApplicationCommandType.ChatInput,
    options: [
      show.data,
      timezone.data,
      weekly.data,
      daily.data,
      digest.data,
      pool.data,
      suggestions.data,
      solvers.data,
      reminders.data,
      rest.data,
      milestoneRole.data,
      off.data,
      forgetMember.data,
      board.data,
    ],
  },

  runIn: "guild",
  managersOnly: true,

  async execute(interaction, ctx, args) {
    switch (args.subcommand) {
      case "show":
        return show.execute(interaction, ctx);
      case "timezone":
        return timezone.execute(interaction, ctx, args.options);
      case "weekly":
        return weekly.execute(interaction, ctx, args.options);
      case "daily":
        return daily.execute(interaction, ctx, args.options);
      case "digest":
        return digest.execute(interaction, ctx, args.options);
      case "pool":
        return pool.execute(interaction, ctx, args.options);
      case "suggestions":
        return suggestions.execute(interaction, ctx, args.options);
      case "solvers":
        return solvers.execute(interaction, ctx, args.options);
      case "reminders":
        return reminders.execute(interaction, ctx, args.options);
      case "rest":
        return rest.execute(interaction, ctx, args.options);
      case "milestone-role":
        return milestoneRole.execute(interaction, ctx, args.options);
      case "off":
        return off.execute(interaction, ctx, args.options);
      case "forget-member":
        return forgetMember.execute(interaction, ctx, args.options);
      case "board":
        return board.execute(interaction, ctx, args.options);
    }
  },

  customIds: forgetMember.forgetIds,
  component: forgetMember.component,

  async autocomplete(interaction, _ctx, args) {
    // Only the zone is autocompleted.
    if (args.subcommand === "timezone") await timezone.autocomplete(interaction);
    else await interaction.respond([]);
  },
});
