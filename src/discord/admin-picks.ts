/**
 * What an admin may hand Gradient: a role it grants, a role it pings, a channel it posts to. Gradient acts with its
 * own permissions, so without these checks a manager could make it do what they could not do themselves (grant a
 * powerful role, ping a role they can't mention, post where they can't write). Each rule names why it refuses.
 */
import { type GuildMember, PermissionFlagsBits, type PermissionsBitField, type Role } from "discord.js";

/** Permissions no role handed out for a streak may carry, with the names Discord's settings show. */
const POWERFUL: readonly { flag: bigint; name: string }[] = [
  { flag: PermissionFlagsBits.Administrator, name: "Administrator" },
  { flag: PermissionFlagsBits.ManageGuild, name: "Manage Server" },
  { flag: PermissionFlagsBits.ManageRoles, name: "Manage Roles" },
  { flag: PermissionFlagsBits.ManageChannels, name: "Manage Channels" },
  { flag: PermissionFlagsBits.BanMembers, name: "Ban Members" },
  { flag: PermissionFlagsBits.KickMembers, name: "Kick Members" },
  { flag: PermissionFlagsBits.ModerateMembers, name: "Timeout Members" },
  { flag: PermissionFlagsBits.ManageMessages, name: "Manage Messages" },
  { flag: PermissionFlagsBits.MentionEveryone, name: "Mention @everyone, @here and All Roles" },
];

type Permissions = Readonly<PermissionsBitField>;

/**
 * Why `admin` may not have Gradient grant `role` for a milestone, or null when they may. `admin` is the member as
 * the interaction sent them, resolved against discord.js's cache of the guild (their role ids, the guild's roles
 * with positions) and carrying `permissions`, their server-wide permissions from the interaction.
 */
export function milestoneRoleRefusal(admin: GuildMember, permissions: Permissions, role: Role): string | null {
  if (role.managed)
    return `<@&${role.id}> is managed by an integration (a bot's own role, or a subscription or booster role): Discord assigns it, nobody can grant it.`;
  const powerful = POWERFUL.filter((p) => role.permissions.has(p.flag, false)).map((p) => `**${p.name}**`);
  if (powerful.length > 0)
    return `<@&${role.id}> carries ${powerful.join(", ")}: a streak must not hand that out. Pick a role without moderation or management permissions.`;
  if (!permissions.has(PermissionFlagsBits.ManageRoles))
    return "You need **Manage Roles** to choose a role Gradient grants.";
  // "Above" is Discord's own rule for who may assign a role: the member's highest role sorts strictly above it (by
  // position, ties broken by id, as Role.comparePositionTo does; @everyone, position 0, when they have no role).
  // Administrator does not lift it, as in Discord; the server owner is above every role.
  if (admin.guild.ownerId !== admin.id && admin.roles.highest.comparePositionTo(role) <= 0)
    return `<@&${role.id}> is not below your highest role, so you could not grant it yourself.`;
  return null;
}

/**
 * Why an admin may not have Gradient ping `role`, or null when they may: they could mention it themselves, because
 * it is mentionable or they hold Mention @everyone (server-wide `permissions` from the interaction).
 */
export function pingRoleRefusal(role: { id: string; mentionable: boolean }, permissions: Permissions): string | null {
  if (role.mentionable || permissions.has(PermissionFlagsBits.MentionEveryone)) return null;
  return `<@&${role.id}> is not mentionable and you lack **Mention @everyone, @here and All Roles**, so you could not ping it yourself.`;
}

/**
 * Why an admin may not have Gradient post in `channel`, or null when they may. Discord resolves a channel option
 * with the invoking member's `permissions` in that channel; without them nothing says the admin could post there.
 */
export function postChannelRefusal(channel: { id: string; permissions: Permissions | null }): string | null {
  const can = channel.permissions;
  if (can?.has(PermissionFlagsBits.ViewChannel) && can.has(PermissionFlagsBits.SendMessages)) return null;
  return `You can't send messages in <#${channel.id}>, so Gradient won't post there for you.`;
}
