import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { milestoneRoleRefusal } from "../../src/discord/admin-picks.js";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { roleProblems } from "../../src/milestones/status.js";
import { clearMilestoneRole, setMilestoneRole } from "../../src/milestones/store.js";
import { MILESTONES } from "../../src/streaks/engine.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "milestone-role",
  description: "A role granted when a member's streak first reaches a milestone (kept if it later ends)",
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: "days",
      description: "The milestone",
      required: true,
      choices: MILESTONES.map((days) => ({ name: `${days} days`, value: days })),
    },
    { type: ApplicationCommandOptionType.Role, name: "role", description: "The role to grant" },
    { type: ApplicationCommandOptionType.Boolean, name: "clear", description: "Stop granting a role here" },
  ],
});

async function configureMilestoneRole(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  { days, role, clear }: SubcommandOptions<typeof data>,
): Promise<string> {
  if (clear) {
    const cleared = await clearMilestoneRole(ctx, interaction.guildId, days);
    return cleared
      ? `No role is granted at ${days} days any more; members keep the ones they have.`
      : `No role was set for ${days} days.`;
  }
  if (!role) throw new UserError("Pick the `role` to grant, or use `clear:True`. Nothing was changed.");
  if (role.id === interaction.guildId)
    throw new UserError("@everyone can't be granted. Pick another role. Nothing was changed.");
  refuseUngrantable(interaction, role.id);
  await setMilestoneRole(ctx, interaction.guildId, days, role.id, ctx.clock.now());
  const problems = interaction.guild ? roleProblems(interaction.guild, { roleId: role.id, days }) : [];
  const lines = [
    `Members whose streak reaches ${days} days from now on get <@&${role.id}>, and keep it if the streak later ends.`,
  ];
  if (problems.length > 0) lines.push("", "Fix these first, or the grant will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

/** The admin may only pick a role they could grant themselves, and never a powerful one (see admin-picks.ts). */
function refuseUngrantable(interaction: GuildChatInput, roleId: string) {
  const role = interaction.inCachedGuild() ? interaction.guild.roles.cache.get(roleId) : undefined;
  if (!interaction.inCachedGuild() || !role)
    throw new UserError(
      "Gradient can't see this server's roles right now, so it can't check that role. Try again in a minute. Nothing was changed.",
    );
  const refusal = milestoneRoleRefusal(interaction.member, interaction.memberPermissions, role);
  if (refusal) throw new UserError(`${refusal} Nothing was changed.`);
}

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  await respond(interaction, { content: await configureMilestoneRole(interaction, ctx, options), ephemeral: true });
}
