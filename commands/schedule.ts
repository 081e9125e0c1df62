import { ApplicationCommandOptionType, ApplicationCommandType, MessageFlags } from "discord-api-types/v10";
import { UserError } from "../src/errors.js";
import { COLOURS } from "../src/format.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { POST_KINDS, type PostKind } from "../src/jobs/slots.js";
import { describePlanned, type PlannedPost, POST_KIND_LABELS, plannedPosts } from "../src/schedule/status.js";
import { getSchedule, getSchedules } from "../src/schedule/store.js";
import { getGuildTimezone } from "../src/settings/index.js";

const PERIOD_WORD: Record<PostKind, string> = {
  weekly: "this week's prompt",
  daily: "today's challenge",
  digest: "this week's digest",
};

export default defineCommand({
  data: {
    name: "schedule",
    description: "See the coming scheduled posts, or post this period's one now (server managers)",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "preview",
        description: "The next scheduled posts, in the server's time zone",
        options: [
          {
            type: ApplicationCommandOptionType.Integer,
            name: "count",
            description: "How many (1 to 25, default 5)",
            min_value: 1,
            max_value: 25,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "post-now",
        description: "Post this period's post now; it counts as this period's scheduled post",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "kind",
            description: "Which post",
            required: true,
            choices: POST_KINDS.map((value) => ({ name: POST_KIND_LABELS[value], value })),
          },
        ],
      },
    ],
  },

  runIn: "guild",
  managersOnly: true,

  async execute(interaction, ctx, args) {
    const guildId = interaction.guildId;
    const zone = await getGuildTimezone(ctx, guildId);

    if (args.subcommand === "preview") {
      const count = args.options.count ?? 5;
      if (count < 1 || count > 25) throw new UserError("Pick a count between 1 and 25.");
      const schedules = await getSchedules(ctx, guildId);
      if (schedules.length === 0)
        throw new UserError(
          "Nothing is scheduled. Set up posts with `/config weekly`, `/config daily` or `/config digest`.",
        );
      const posts: PlannedPost[] = (await Promise.all(schedules.map((s) => plannedPosts(ctx, s, zone, count))))
        .flat()
        .sort((a, b) => a.slot.due.getTime() - b.slot.due.getTime())
        .slice(0, count);
      const paused = schedules
        .filter((s) => s.pausedAt)
        .map((s) => `${POST_KIND_LABELS[s.kind]} is paused; see \`/config show\`.`);
      const lines = posts.map((p) => `**${POST_KIND_LABELS[p.kind]}**: ${describePlanned(p, zone)}`);
      await respond(interaction, {
        embeds: [
          {
            color: COLOURS.brand,
            title: `The next ${posts.length === 1 ? "post" : `${posts.length} posts`} (${zone})`,
            description: [...paused, ...lines].join("\n") || "Nothing is coming up.",
          },
        ],
        ephemeral: true,
      });
      return;
    }

    const { kind } = args.options;
    if (!(await getSchedule(ctx, guildId, kind)))
      throw new UserError(
        `The ${POST_KIND_LABELS[kind].toLowerCase()} is not set up. Set it up with \`/config ${kind}\` first.`,
      );
    // Posting waits its turn behind any fan-out in progress, which can take longer than Discord's 3 s.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await ctx.schedule.postNow(guildId, kind);
    const link = (channelId: string, messageId: string) =>
      `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
    switch (outcome.status) {
      case "sent":
        await respond(interaction, {
          content: `Posted ${PERIOD_WORD[kind]}: ${link(outcome.channelId, outcome.messageId)}\nIt counts as this period's post, so the scheduled one will not repeat it.${outcome.note ? `\nNote: ${outcome.note}` : ""}`,
        });
        return;
      case "skipped": {
        const { slot } = outcome;
        const where = slot.messageId ? `: ${link(slot.channelId, slot.messageId)}` : ".";
        await respond(interaction, {
          content: `${PERIOD_WORD[kind][0]?.toUpperCase()}${PERIOD_WORD[kind].slice(1)} is already posted${where}`,
        });
        return;
      }
      case "paused":
      case "failed":
        throw new UserError(`Could not post ${PERIOD_WORD[kind]}. ${outcome.reason}`);
      case "unknown":
        throw new UserError(
          `Discord did not confirm the post (${outcome.reason}). Gradient checks the channel and retries within a few minutes, without posting twice.`,
        );
      case "stopped":
        throw new UserError("Gradient is restarting. Try again in a minute.");
    }
  },
});
