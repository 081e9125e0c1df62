/**
 * What the bot needs in a schedule's channel, checked against discord.js's cache of the guild (roles, the bot's
 * member and the channel's overwrites), so /config can name a problem before a post fails on it.
 */
import { type Guild, PermissionFlagsBits } from "discord.js";
import type { ScheduleRow } from "./store.js";

interface Requirement {
  flag: bigint;
  name: string;
  why: string;
}

/** What every post's channel needs (scheduled posts, the live board). */
export const POST_PERMISSIONS: readonly Requirement[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: "View Channel", why: "to see the channel" },
  { flag: PermissionFlagsBits.SendMessages, name: "Send Messages", why: "to post" },
  { flag: PermissionFlagsBits.EmbedLinks, name: "Embed Links", why: "posts are embeds" },
  {
    flag: PermissionFlagsBits.ReadMessageHistory,
    name: "Read Message History",
    why: "to check, after a restart in the middle of posting, whether a post already went out",
  },
];

const THREAD: Requirement[] = [
  { flag: PermissionFlagsBits.CreatePublicThreads, name: "Create Public Threads", why: "for the discussion thread" },
  {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: "Send Messages in Threads",
    why: "for the discussion thread",
  },
];

const CHARTS: Requirement[] = [
  { flag: PermissionFlagsBits.AttachFiles, name: "Attach Files", why: "the digest's charts are an image" },
];

type Schedule = Pick<ScheduleRow, "kind" | "channelId" | "thread" | "roleId">;

/** What Gradient lacks in a channel of `guild` of what `needed` lists, in words an admin can act on. */
export function missingIn(guild: Guild, channelId: string, needed: readonly Requirement[]): string[] {
  const channel = guild.channels.cache.get(channelId);
  if (!channel) return [`<#${channelId}> no longer exists, or Gradient cannot see it. Choose another channel.`];
  const me = guild.members.me;
  if (!me) return ["Gradient could not read its own roles in this server, so its permissions are unknown."];
  const permissions = channel.permissionsFor(me);
  return needed
    .filter((r) => !permissions.has(r.flag))
    .map((r) => `Gradient lacks **${r.name}** in <#${channel.id}> (${r.why}).`);
}

/** Problems with one schedule's channel and role, in words an admin can act on; empty when all is well. */
export function channelProblems(guild: Guild, schedule: Schedule): string[] {
  const needed = [
    ...POST_PERMISSIONS,
    ...(schedule.kind === "weekly" && schedule.thread ? THREAD : []),
    ...(schedule.kind === "digest" ? CHARTS : []),
  ];
  const problems = missingIn(guild, schedule.channelId, needed);
  const channel = guild.channels.cache.get(schedule.channelId);
  const me = guild.members.me;
  if (!channel || !me) return problems;
  const permissions = channel.permissionsFor(me);
  if (schedule.roleId) {
    const role = guild.roles.cache.get(schedule.roleId);
    if (!role)
      problems.push(`The role to ping (<@&${schedule.roleId}>) no longer exists; posts go out without a ping.`);
    else if (!role.mentionable && !permissions.has(PermissionFlagsBits.MentionEveryone))
      problems.push(
        `<@&${role.id}> is not mentionable and Gradient lacks **Mention @everyone, @here and All Roles** in <#${channel.id}>, so the ping will not notify anyone.`,
      );
  }
  return problems;
}
