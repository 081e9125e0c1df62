/** What /config show says about reminders, rest days and milestone roles, with the fix for each problem found. */
import { type Guild, PermissionFlagsBits } from "discord.js";
import type { AppContext } from "../context.js";
import { plural } from "../format.js";
import { getEngagementSettings } from "../settings/index.js";
import { type MilestoneRoleRow, milestoneRolesOf } from "./store.js";

type Ctx = Pick<AppContext, "store">;

/** Problems with granting `role`, checked against discord.js's cache of the guild (its roles and the bot's). */
export function roleProblems(guild: Guild, role: Pick<MilestoneRoleRow, "roleId" | "days">): string[] {
  const found = guild.roles.cache.get(role.roleId);
  if (!found)
    return [
      `The ${role.days}-day role <@&${role.roleId}> no longer exists. Choose another with \`/config milestone-role\`.`,
    ];
  const me = guild.members.me;
  if (!me)
    return ["Gradient could not read its own roles in this server, so it cannot tell whether it may grant roles."];
  const problems: string[] = [];
  if (!me.permissions.has(PermissionFlagsBits.ManageRoles))
    problems.push(`Gradient lacks **Manage Roles**, needed to grant <@&${found.id}> at ${role.days} days.`);
  if (found.position >= me.roles.highest.position)
    problems.push(
      `<@&${found.id}> is above (or level with) Gradient's highest role, so Discord won't let it grant it: drag Gradient's role above it in Server Settings, Roles.`,
    );
  return problems;
}

export interface SettingsSection {
  fields: { name: string; value: string }[];
  problems: string[];
}

export async function engagementSection(ctx: Ctx, guildId: string, guild: Guild | null): Promise<SettingsSection> {
  const settings = await getEngagementSettings(ctx, guildId);
  const problems: string[] = [];
  const reminders =
    settings.reminderMode === "channel" && settings.reminderChannelId
      ? `In <#${settings.reminderChannelId}>: one message a minute naming the members due (Gradient needs View Channel and Send Messages there). Change with \`/config reminders\`.`
      : "By direct message (members set theirs with `/remind at`). `/config reminders mode:channel` posts them in a channel instead.";
  const paused = settings.reminderMode === "channel" ? settings.reminderPausedAt : null;
  const pauseReason = settings.reminderPauseReason ?? "Discord refused a reminder.";
  if (paused) problems.push(`Channel reminders are paused: ${pauseReason}`);
  const roles = await milestoneRolesOf(ctx, guildId);
  const roleLines = roles.map((role) => {
    if (role.problem) problems.push(`Milestone role at ${role.days} days: ${role.problem}`);
    else if (guild) problems.push(...roleProblems(guild, role).map((p) => `Milestone role: ${p}`));
    return `${plural(role.days, "day")}: <@&${role.roleId}>${role.problem ? " (⚠️ paused, see problems)" : ""}`;
  });
  return {
    fields: [
      {
        name: "Reminders",
        value: paused
          ? `${reminders}\n⏸️ **Paused** since <t:${Math.floor(paused.getTime() / 1000)}:f>: ${pauseReason}`
          : reminders,
      },
      {
        name: "Rest days",
        value: `${plural(settings.restDaysPerYear, "rest day")} a year per member (\`/config rest\`).`,
      },
      {
        name: "Milestone roles",
        value:
          roleLines.length > 0
            ? `${roleLines.join("\n")}\nMembers keep a milestone role after a streak ends. Gradient needs **Manage Roles** and its own role above each.`
            : "None. `/config milestone-role days:7 role:@role` grants a role when a streak first reaches 7 days.",
      },
    ],
    problems,
  };
}
