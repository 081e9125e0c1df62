import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { type PrivacyScope, privacyIds } from "../src/privacy/custom-ids.js";
import { type DeleteScope, deleteMemberData, memberData } from "../src/privacy/index.js";
import {
  deleteConfirmRow,
  privacyConfirmMessage,
  privacyDeletedMessage,
  privacyShowMessage,
} from "../src/privacy/render.js";

/** Where a deletion applies; "this server" has no meaning in a DM. */
function deleteTarget(scope: PrivacyScope, guildId: string | null): DeleteScope {
  if (scope === "everywhere") return { scope };
  if (guildId === null)
    throw new UserError('In a DM there is no "this server": use `scope:everywhere`, or run it inside the server.');
  return { scope, guildId };
}

export default defineCommand({
  data: {
    name: privacyIds.command,
    description: "See what Gradient keeps about you, or delete it",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "show",
        description: "What Gradient keeps about you, and for how long",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "delete",
        description: "Delete everything Gradient keeps about you, after a confirmation",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "scope",
            description: "In this server only, or in every server and your time zone",
            required: true,
            choices: [
              { name: "this server", value: "this-server" },
              { name: "everywhere", value: "everywhere" },
            ],
          },
        ],
      },
    ],
  },
  // Anywhere: deleting everything must not need a server the member may have left.
  runIn: "anywhere",

  async execute(interaction, ctx, args) {
    const userId = interaction.user.id;
    const data = await memberData(ctx, interaction.guildId, userId);
    if (args.subcommand === "show") return respond(interaction, { content: privacyShowMessage(data), ephemeral: true });
    const { scope } = args.options;
    deleteTarget(scope, interaction.guildId);
    return respond(interaction, {
      content: privacyConfirmMessage(scope, data),
      ephemeral: true,
      components: [
        deleteConfirmRow(
          scope === "this-server" ? "Delete my data in this server" : "Delete my data everywhere",
          privacyIds.build({ action: "confirm", scope }),
          privacyIds.build({ action: "cancel" }),
        ),
      ],
    });
  },

  customIds: privacyIds,
  async component(interaction, ctx, control) {
    if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
    if (control.action === "cancel")
      return interaction.update({ content: "Nothing was deleted.", components: [], allowedMentions: { parse: [] } });
    const outcome = await deleteMemberData(ctx, interaction.user.id, deleteTarget(control.scope, interaction.guildId));
    return interaction.update({
      content: privacyDeletedMessage(outcome),
      components: [],
      allowedMentions: { parse: [] },
    });
  },
});
