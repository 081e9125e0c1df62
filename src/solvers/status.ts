/** What /config show and /config solvers say about the solvers' room: where, what it needs, and why it paused. */
import { type Guild, PermissionFlagsBits } from "discord.js";
import type { AppContext } from "../context.js";
import { ts } from "../format.js";
import { ROOM_NEEDS } from "./room.js";
import { getRoom } from "./store.js";

const NEEDED = [
  { flag: PermissionFlagsBits.ViewChannel, name: "View Channel", why: "to see the channel" },
  { flag: PermissionFlagsBits.CreatePrivateThreads, name: "Create Private Threads", why: "to open each daily's room" },
  {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: "Send Messages in Threads",
    why: "to post its opening message and add each solver",
  },
] as const;

/** What Gradient lacks in the room's channel, read from discord.js's cache of the guild, with the fix. */
export function roomProblems(guild: Guild, channelId: string): string[] {
  const channel = guild.channels.cache.get(channelId);
  if (!channel)
    return [`<#${channelId}> no longer exists, or Gradient cannot see it. Choose another with \`/config solvers\`.`];
  const me = guild.members.me;
  if (!me) return ["Gradient could not read its own roles in this server, so its permissions are unknown."];
  const permissions = channel.permissionsFor(me);
  return NEEDED.filter((r) => !permissions.has(r.flag)).map(
    (r) =>
      `Gradient lacks **${r.name}** in <#${channelId}> (${r.why}): grant it in the channel's settings, Permissions, then run \`/config solvers\` again.`,
  );
}

export interface RoomSection {
  field: { name: string; value: string };
  problems: string[];
}

export async function roomSection(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  guild: Guild | null,
): Promise<RoomSection> {
  const room = await getRoom(ctx, guildId);
  if (!room)
    return {
      field: {
        name: "Solvers' room",
        value: "off (`/config solvers channel:` opens a private thread per daily for the members who solved it)",
      },
      problems: [],
    };
  const problems: string[] = [];
  if (room.pausedAt) problems.push(`The solvers' room is paused: ${room.pauseReason ?? "Discord refused it."}`);
  else if (guild) problems.push(...roomProblems(guild, room.channelId).map((p) => `Solvers' room: ${p}`));
  const lines = [
    `Private threads in <#${room.channelId}>, one per date and track, for the members who solved that daily. Gradient needs ${ROOM_NEEDS} there; members with Manage Threads see every private thread.`,
    ...(room.pausedAt
      ? [`⏸️ **Paused** since ${ts(room.pausedAt, "f")}: ${room.pauseReason ?? "Discord refused it."}`]
      : []),
  ];
  return { field: { name: "Solvers' room", value: lines.join("\n") }, problems };
}
