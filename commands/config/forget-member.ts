/**
 * `/config forget-member`: a moderator deletes, on a member's request, what Gradient keeps about them in this server
 * (the member may have left, or cannot run `/privacy delete` themselves). The same deletion as `/privacy delete
 * scope:this-server`, after a confirm button; who asked and for whom are logged, by id.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { customIdCodec } from "../../src/discord/custom-id.js";
import { UserError } from "../../src/errors.js";
import type {
  ComponentInteraction,
  GuildChatInput,
  HandlerContext,
  SubcommandOptions,
} from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { STALE_CONTROL } from "../../src/interactions/router.js";
import { deleteMemberData, memberData } from "../../src/privacy/index.js";
import { deleteConfirmRow, forgetMemberConfirmMessage, forgetMemberDoneMessage } from "../../src/privacy/render.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "forget-member",
  description: "Delete what Gradient keeps about a member in this server, at their request (after a confirmation)",
  options: [{ type: ApplicationCommandOptionType.User, name: "member", description: "Whose data", required: true }],
});

export type ForgetControl = { action: "forget"; userId: string } | { action: "keep" };

const SNOWFLAKE = /^\d{17,20}$/;

/** `config:forget:<user id>` and `config:keep`: the buttons under the question. */
export const forgetIds = customIdCodec<ForgetControl>("config", {
  encode: (c) => (c.action === "keep" ? ["keep"] : ["forget", c.userId]),
  decode: ([action, userId, ...rest]) => {
    if (rest.length > 0) return null;
    if (action === "keep") return userId === undefined ? { action } : null;
    return action === "forget" && userId !== undefined && SNOWFLAKE.test(userId) ? { action, userId } : null;
  },
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  { member }: SubcommandOptions<typeof data>,
) {
  await respond(interaction, {
    content: forgetMemberConfirmMessage(member.id, (await memberData(ctx, interaction.guildId, member.id)).here),
    ephemeral: true,
    components: [
      deleteConfirmRow(
        "Delete their data here",
        forgetIds.build({ action: "forget", userId: member.id }),
        forgetIds.build({ action: "keep" }),
      ),
    ],
  });
}

export async function component(interaction: ComponentInteraction, ctx: HandlerContext, control: ForgetControl) {
  const guildId = interaction.guildId;
  if (!interaction.isButton() || guildId === null) throw new UserError(STALE_CONTROL);
  // The question is private to the moderator who asked; a forged press from anyone else still needs Manage Server.
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new UserError("Only members with **Manage Server** can delete another member's data. Nothing was deleted.");
  if (control.action === "keep")
    return interaction.update({ content: "Nothing was deleted.", components: [], allowedMentions: { parse: [] } });
  const outcome = await deleteMemberData(ctx, control.userId, { scope: "this-server", guildId });
  ctx.log.info(
    { guild: guildId, requestedBy: interaction.user.id, member: control.userId },
    "member data deleted by a moderator",
  );
  return interaction.update({
    content: forgetMemberDoneMessage(control.userId, outcome),
    components: [],
    allowedMentions: { parse: [] },
  });
}
