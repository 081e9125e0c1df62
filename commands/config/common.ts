/** What several `/config` subcommands share: the channel and time options, and the confirmation of a post. */

import { PermissionsBitField } from "discord.js";
import {
  type APIApplicationCommandChannelOption,
  type ApplicationCommandOptionAllowedChannelType,
  ApplicationCommandOptionType,
  ChannelType,
} from "discord-api-types/v10";
import type { AppContext } from "../../src/context.js";
import { pingRoleRefusal, postChannelRefusal } from "../../src/discord/admin-picks.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput } from "../../src/interactions/command.js";
import { channelProblems } from "../../src/schedule/permissions.js";
import { describePlanned, POST_KIND_LABELS, plannedPosts } from "../../src/schedule/status.js";
import type { ScheduleRow } from "../../src/schedule/store.js";

const POSTABLE_CHANNELS: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
];

const channel = (description: string) =>
  ({
    type: ApplicationCommandOptionType.Channel,
    name: "channel",
    description,
    channel_types: POSTABLE_CHANNELS,
  }) as const satisfies Omit<APIApplicationCommandChannelOption, "required">;

const time = {
  type: ApplicationCommandOptionType.String,
  name: "time",
  description: "24-hour time in the server's time zone, like 09:00 or 18:30",
  min_length: 4,
  max_length: 5,
} as const;

/** A channel posts can go to; required unless `required` is false. */
export function channelOption(description: string): ReturnType<typeof channel> & { required: true };
export function channelOption(description: string, required: false): ReturnType<typeof channel> & { required: false };
export function channelOption(description: string, required = true) {
  return { ...channel(description), required };
}

/** A time of day in the server's zone; required unless `required` is false. */
export function timeOption(): typeof time & { required: true };
export function timeOption(required: false): typeof time & { required: false };
export function timeOption(required = true) {
  return { ...time, required };
}

/** A resolved channel option: discord.js's channel (permissions parsed), or the API's where the guild isn't cached. */
type ResolvedChannel = { id: string; type: ChannelType; permissions: Readonly<PermissionsBitField> | string | null };

/**
 * The channel's id, if posts can go there (Discord offers only those; an outdated client may not) and the admin
 * picking it could send messages there themselves.
 */
export function postableChannel(channel: ResolvedChannel): string {
  if (!POSTABLE_CHANNELS.includes(channel.type as ApplicationCommandOptionAllowedChannelType))
    throw new UserError(
      `<#${channel.id}> is not a text channel. Pick a text or announcement channel. Nothing was changed.`,
    );
  const permissions =
    typeof channel.permissions === "string"
      ? new PermissionsBitField(BigInt(channel.permissions)).freeze()
      : channel.permissions;
  const refusal = postChannelRefusal({ id: channel.id, permissions });
  if (refusal) throw new UserError(`${refusal} Pick a channel you can post in. Nothing was changed.`);
  return channel.id;
}

/** A role to ping with each post: never @everyone, and only one the admin could mention themselves. */
export function pingableRole(
  role: { id: string; mentionable: boolean } | null,
  interaction: Pick<GuildChatInput, "guildId" | "memberPermissions">,
): string | null {
  if (!role) return null;
  if (role.id === interaction.guildId)
    throw new UserError("Gradient does not ping @everyone. Pick a role members can join instead. Nothing was changed.");
  const refusal = pingRoleRefusal(role, interaction.memberPermissions);
  if (refusal) throw new UserError(`${refusal} Nothing was changed.`);
  return role.id;
}

/** The confirmation after a change: what is set, when it runs next, and anything that will stop it. */
export async function confirmation(
  ctx: AppContext,
  interaction: GuildChatInput,
  schedule: ScheduleRow,
  zone: string,
): Promise<string> {
  const [next] = await plannedPosts(ctx, schedule, zone, 1);
  const lines = [`${POST_KIND_LABELS[schedule.kind]} saved.`];
  if (next) lines.push(`Next post: ${describePlanned(next, zone)} (${zone}).`);
  const problems = interaction.guild ? channelProblems(interaction.guild, schedule) : [];
  if (problems.length > 0) lines.push("", "Fix these first, or posts will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}
