/** What several `/config` subcommands share: the channel and time options, and the confirmation of a post. */
import {
  type APIApplicationCommandChannelOption,
  type ApplicationCommandOptionAllowedChannelType,
  ApplicationCommandOptionType,
  ChannelType,
} from "discord-api-types/v10";
import type { AppContext } from "../../src/context.js";
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

/** The channel's id, if posts can go there (Discord offers only those; an outdated client may not). */
export function postableChannel(channel: { id: string; type: ChannelType }): string {
  if (!POSTABLE_CHANNELS.includes(channel.type as ApplicationCommandOptionAllowedChannelType))
    throw new UserError(
      `<#${channel.id}> is not a text channel. Pick a text or announcement channel. Nothing was changed.`,
    );
  return channel.id;
}

/** A role to ping with each post: never @everyone. */
export function pingableRole(role: { id: string } | null, guildId: string): string | null {
  if (role && role.id === guildId)
    throw new UserError("Gradient does not ping @everyone. Pick a role members can join instead. Nothing was changed.");
  return role?.id ?? null;
}

/** The confirmation after a change: what is set, when it runs next, and anything that will stop it. */
export function confirmation(ctx: AppContext, interaction: GuildChatInput, schedule: ScheduleRow, zone: string) {
  const [next] = plannedPosts(ctx, schedule, zone, 1);
  const lines = [`${POST_KIND_LABELS[schedule.kind]} saved.`];
  if (next) lines.push(`Next post: ${describePlanned(next, zone)} (${zone}).`);
  const problems = interaction.guild ? channelProblems(interaction.guild, schedule) : [];
  if (problems.length > 0) lines.push("", "Fix these first, or posts will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}
