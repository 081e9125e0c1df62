import { MessageFlags } from "discord.js";
import {
  type APIApplicationCommandChannelOption,
  type ApplicationCommandOptionAllowedChannelType,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
} from "discord-api-types/v10";
import { describeDailyRules, TRACK_LABELS } from "../src/challenges/render.js";
import { type DailyRules, DEFAULT_ALLOWS, getDailyRules, TRACKS } from "../src/challenges/rules.js";
import { REQUIREMENTS, type Requirement } from "../src/content/schema.js";
import type { AppContext } from "../src/context.js";
import { UserError } from "../src/errors.js";
import { plural, REQUIREMENT_LABELS } from "../src/format.js";
import { defineCommand, type GuildChatInput, type HandlerContext } from "../src/interactions/command.js";
import { choiceOption, requiredChoice } from "../src/interactions/options.js";
import { respond } from "../src/interactions/respond.js";
import { POST_KINDS, type PostKind, WEEKDAY_NAMES, WEEKDAYS } from "../src/jobs/slots.js";
import { setPool, setSuggestionSettings } from "../src/library/edit.js";
import { describePool } from "../src/library/render.js";
import { getLibrarySettings } from "../src/library/store.js";
import { engagementSection, roleProblems } from "../src/milestones/status.js";
import { clearMilestoneRole, setMilestoneRole } from "../src/milestones/store.js";
import { configureDaily } from "../src/schedule/daily-config.js";
import { channelProblems } from "../src/schedule/permissions.js";
import { describePlanned, describeSettings, POST_KIND_LABELS, plannedPosts } from "../src/schedule/status.js";
import { configureSchedule, getSchedules, removeSchedule, type ScheduleRow } from "../src/schedule/store.js";
import { getGuildTimezone, MAX_REST_DAYS_PER_YEAR, setEngagementSettings } from "../src/settings/index.js";
import { MILESTONES } from "../src/streaks/engine.js";
import { parseTimeOfDay } from "../src/time/zoned.js";
import { canonicalTimeZone, suggestTimeZones } from "../src/time/zones.js";
import { changeGuildTimezone } from "../src/zone-change/index.js";

const POSTABLE_CHANNELS: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
];

const channelOption = (description: string, required = true): APIApplicationCommandChannelOption => ({
  type: ApplicationCommandOptionType.Channel,
  name: "channel",
  description,
  required,
  channel_types: POSTABLE_CHANNELS,
});

const timeOption = (required = true) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: "time",
    description: "24-hour time in the server's time zone, like 09:00 or 18:30",
    required,
    min_length: 4,
    max_length: 5,
  }) as const;

/** `/config daily`'s switches for what the daily may need, by requirement. */
const ALLOW_OPTIONS: Record<Requirement, string> = {
  gpu: "allow-gpu",
  docker: "allow-docker",
  "cloud-account": "allow-cloud-account",
  "paid-api": "allow-paid-api",
  "large-download": "allow-large-download",
  "other-people": "allow-other-people",
};

function timeFrom(interaction: GuildChatInput): string {
  const raw = interaction.options.getString("time", true);
  const time = parseTimeOfDay(raw);
  if (!time)
    throw new UserError(`'${raw}' is not a time. Use 24-hour HH:MM, like 09:00 or 18:30. Nothing was changed.`);
  return time;
}

function channelFrom(interaction: GuildChatInput): string {
  const channel = interaction.options.getChannel("channel", true);
  if (!POSTABLE_CHANNELS.includes(channel.type as ApplicationCommandOptionAllowedChannelType))
    throw new UserError(
      `<#${channel.id}> is not a text channel. Pick a text or announcement channel. Nothing was changed.`,
    );
  return channel.id;
}

/** The confirmation after a change: what is set, when it runs next, and anything that will stop it. */
function confirmation(ctx: AppContext, interaction: GuildChatInput, schedule: ScheduleRow, zone: string) {
  const [next] = plannedPosts(ctx, schedule, zone, 1);
  const lines = [`${POST_KIND_LABELS[schedule.kind]} saved.`];
  if (next) lines.push(`Next post: ${describePlanned(next, zone)} (${zone}).`);
  const problems = interaction.guild ? channelProblems(interaction.guild, schedule) : [];
  if (problems.length > 0) lines.push("", "Fix these first, or posts will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

async function configure(interaction: GuildChatInput, ctx: HandlerContext, kind: PostKind) {
  const guildId = interaction.guildId;
  const channelId = channelFrom(interaction);
  const time = timeFrom(interaction);
  const weekday = kind === "weekly" ? WEEKDAYS.indexOf(requiredChoice(interaction, "day", WEEKDAYS)) + 1 : null;
  const role = kind === "daily" ? interaction.options.getRole("role") : null;
  if (role && role.id === guildId)
    throw new UserError("Gradient does not ping @everyone. Pick a role members can join instead. Nothing was changed.");
  const schedule = configureSchedule(
    ctx,
    {
      guildId,
      kind,
      channelId,
      weekday,
      time,
      thread: kind === "weekly" ? (interaction.options.getBoolean("thread") ?? true) : false,
      recap: kind === "weekly" && (interaction.options.getBoolean("recap") ?? false),
      roleId: role?.id ?? null,
      updatedBy: interaction.user.id,
    },
    ctx.clock.now(),
  );
  ctx.log.info(
    { guild: guildId, kind, channel: channelId, time, weekday, user: interaction.user.id },
    "schedule configured",
  );
  await respond(interaction, {
    content: confirmation(ctx, interaction, schedule, getGuildTimezone(ctx, guildId)),
    ephemeral: true,
  });
}

/**
 * The daily's post is set up with channel and time together (as before rules existed: a role left out pings no
 * one); the level and the allow-* switches change only what they name.
 */
async function configureDailyCommand(interaction: GuildChatInput, ctx: HandlerContext) {
  const guildId = interaction.guildId;
  const o = interaction.options;
  const givesPost = o.getChannel("channel") !== null || o.getString("time") !== null || o.getRole("role") !== null;
  if (givesPost && (o.getChannel("channel") === null || o.getString("time") === null))
    throw new UserError(
      "To set up the daily post, give both `channel` and `time` (and `role` if it should ping one). Nothing was changed.",
    );
  const role = o.getRole("role");
  if (role && role.id === guildId)
    throw new UserError("Gradient does not ping @everyone. Pick a role members can join instead. Nothing was changed.");
  const post = givesPost
    ? {
        channelId: channelFrom(interaction),
        time: timeFrom(interaction),
        weekday: null,
        thread: false,
        roleId: role?.id ?? null,
        updatedBy: interaction.user.id,
      }
    : null;
  const rules: Partial<DailyRules> = {};
  const track = choiceOption(interaction, "level", TRACKS);
  if (track) rules.track = track;
  const switches = REQUIREMENTS.flatMap((r) => {
    const value = o.getBoolean(ALLOW_OPTIONS[r]);
    return value === null ? [] : [[r, value] as const];
  });
  if (switches.length > 0) {
    const allows = new Set(getDailyRules(ctx, guildId).allows);
    for (const [r, allowed] of switches) allowed ? allows.add(r) : allows.delete(r);
    rules.allows = allows;
  }
  if (!post && Object.keys(rules).length === 0) {
    await respond(interaction, {
      content: `${describeDailyRules(getDailyRules(ctx, guildId))}\nChange them with the options of \`/config daily\`; give \`channel\` and \`time\` to post the daily every day.`,
      ephemeral: true,
    });
    return;
  }
  const result = configureDaily(ctx, guildId, { rules, post }, ctx.clock.now());
  ctx.log.info(
    { guild: guildId, rules: Object.keys(rules), post: post !== null, user: interaction.user.id },
    "daily configured",
  );
  const lines = result.schedule
    ? [confirmation(ctx, interaction, result.schedule, getGuildTimezone(ctx, guildId))]
    : [
        "Daily challenge rules saved. They apply from the next day whose challenge is not chosen yet; past days stay as they were.",
      ];
  lines.push("", describeDailyRules(result.rules));
  await respond(interaction, { content: lines.join("\n"), ephemeral: true });
}

const REMINDER_MODES = ["dm", "channel"] as const;

function configureReminders(interaction: GuildChatInput, ctx: HandlerContext): string {
  const mode = requiredChoice(interaction, "mode", REMINDER_MODES);
  if (mode === "dm") {
    setEngagementSettings(ctx, interaction.guildId, { reminderMode: "dm", reminderChannelId: null });
    return "Reminders now come by direct message.";
  }
  if (!interaction.options.getChannel("channel"))
    throw new UserError("Pick the `channel` reminders are posted in. Nothing was changed.");
  const channelId = channelFrom(interaction);
  setEngagementSettings(ctx, interaction.guildId, { reminderMode: "channel", reminderChannelId: channelId });
  const problems = interaction.guild
    ? channelProblems(interaction.guild, { kind: "daily", channelId, thread: false, roleId: null })
    : [];
  const lines = [`Reminders now go to <#${channelId}>: one message a minute naming the members due then.`];
  if (problems.length > 0) lines.push("", "Fix these first, or reminders will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

function configureMilestoneRole(interaction: GuildChatInput, ctx: HandlerContext): string {
  const days = interaction.options.getInteger("days", true);
  if (!(MILESTONES as readonly number[]).includes(days))
    throw new UserError(`Milestones are ${MILESTONES.join(", ")} days. Pick one from the list. Nothing was changed.`);
  if (interaction.options.getBoolean("clear")) {
    const cleared = clearMilestoneRole(ctx, interaction.guildId, days);
    return cleared
      ? `No role is granted at ${days} days any more; members keep the ones they have.`
      : `No role was set for ${days} days.`;
  }
  const role = interaction.options.getRole("role");
  if (!role) throw new UserError("Pick the `role` to grant, or use `clear:True`. Nothing was changed.");
  if (role.id === interaction.guildId)
    throw new UserError("@everyone can't be granted. Pick another role. Nothing was changed.");
  setMilestoneRole(ctx, interaction.guildId, days, role.id, ctx.clock.now());
  const problems = interaction.guild ? roleProblems(interaction.guild, { roleId: role.id, days }) : [];
  const lines = [
    `Members whose streak reaches ${days} days from now on get <@&${role.id}>, and keep it if the streak later ends.`,
  ];
  if (problems.length > 0) lines.push("", "Fix these first, or the grant will fail:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

export default defineCommand({
  data: {
    name: "config",
    description: "Gradient's settings for this server: zone, posts, reminders, rest days, roles (managers)",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "show",
        description: "Every setting, the next post times in the server's zone, and any problem found",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "timezone",
        description: "The server's time zone, used for post times and members without their own",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "zone",
            description: "An IANA time zone, like Europe/Berlin or America/New_York",
            required: true,
            autocomplete: true,
            max_length: 64,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "weekly",
        description: "Post the weekly study prompt on one day of the week",
        options: [
          channelOption("Where the prompt is posted"),
          {
            type: ApplicationCommandOptionType.String,
            name: "day",
            description: "Day of the week",
            required: true,
            choices: WEEKDAYS.map((value, i) => ({ name: WEEKDAY_NAMES[i] ?? value, value })),
          },
          timeOption(),
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "thread",
            description: "Open a discussion thread on each prompt (default: yes)",
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "recap",
            description: "Add a recap of last week: completions, active members, milestones, top streaks",
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "daily",
        description: "The daily challenge: its post, its default level and what it may need",
        options: [
          channelOption("Where the challenge is posted (with time: sets up the post)", false),
          timeOption(false),
          { type: ApplicationCommandOptionType.Role, name: "role", description: "A role to ping with each post" },
          {
            type: ApplicationCommandOptionType.String,
            name: "level",
            description: "The track members follow unless they choose their own (default: all levels)",
            choices: TRACKS.map((track) => ({ name: TRACK_LABELS[track], value: track })),
          },
          ...REQUIREMENTS.map((r) => ({
            type: ApplicationCommandOptionType.Boolean as const,
            name: ALLOW_OPTIONS[r],
            description: `May the daily need ${REQUIREMENT_LABELS[r].replace(/^\S+\s/, "")}? (default: ${DEFAULT_ALLOWS.has(r) ? "yes" : "no"})`,
          })),
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "pool",
        description: "What the daily, /challenge random and the weekly prompts draw from",
        options: [
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "shipped",
            description: "Include Gradient's shipped library (no: only this server's own items)",
          },
          {
            type: ApplicationCommandOptionType.String,
            name: "areas",
            description: "Area ids, comma-separated (local is this server's own area), or 'all'",
            max_length: 500,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "suggestions",
        description: "Where members' suggestions go for review, and who reviews them",
        options: [
          channelOption("The review channel"),
          {
            type: ApplicationCommandOptionType.Role,
            name: "reviewer-role",
            description: "Who may accept, edit or deny (default: members with Manage Server)",
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "reminders",
        description: "How members' reminders (/remind) are delivered: by DM, or named in one channel",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "mode",
            description: "By direct message, or in a channel",
            required: true,
            choices: REMINDER_MODES.map((value) => ({ name: value === "dm" ? "direct message" : "channel", value })),
          },
          { ...channelOption("The channel for mode:channel"), required: false },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "rest",
        description: "How many rest days a year each member may plan with /streak rest",
        options: [
          {
            type: ApplicationCommandOptionType.Integer,
            name: "days-per-year",
            description: `0 to ${MAX_REST_DAYS_PER_YEAR} (default 14)`,
            required: true,
            min_value: 0,
            max_value: MAX_REST_DAYS_PER_YEAR,
          },
        ],
      },
      {
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
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "off",
        description: "Stop one kind of scheduled post (its history is kept)",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "kind",
            description: "Which posts to stop",
            required: true,
            choices: POST_KINDS.map((value) => ({ name: POST_KIND_LABELS[value], value })),
          },
        ],
      },
    ],
  },

  runIn: "guild",
  managersOnly: true,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    const guildId = interaction.guildId;
    switch (sub) {
      case "show": {
        const more = engagementSection(ctx, guildId, interaction.guild);
        const settings = describeSettings(ctx, guildId, interaction.guild, more);
        const library = getLibrarySettings(ctx, guildId);
        const fields = [
          ...(settings.fields ?? []).slice(0, 23),
          { name: "Library pool", value: describePool(library.pool, ctx.content) },
          {
            name: "Suggestions",
            value: library.suggestionsChannelId
              ? `to <#${library.suggestionsChannelId}>, reviewed by ${library.reviewerRoleId ? `<@&${library.reviewerRoleId}> and ` : ""}members with Manage Server`
              : "off (`/config suggestions` turns them on)",
          },
        ];
        await respond(interaction, { embeds: [{ ...settings, fields }], ephemeral: true });
        return;
      }
      case "reminders":
        await respond(interaction, { content: configureReminders(interaction, ctx), ephemeral: true });
        return;
      case "rest": {
        const days = interaction.options.getInteger("days-per-year", true);
        setEngagementSettings(ctx, guildId, { restDaysPerYear: days });
        await respond(interaction, {
          content: `Members may now plan ${days} rest day${days === 1 ? "" : "s"} a year with \`/streak rest\`. Days already planned stay.`,
          ephemeral: true,
        });
        return;
      }
      case "milestone-role":
        await respond(interaction, { content: configureMilestoneRole(interaction, ctx), ephemeral: true });
        return;
      case "pool": {
        const raw = interaction.options.getString("areas")?.trim();
        const listed = raw === undefined || raw.toLowerCase() === "all" ? [] : raw.split(/[\s,]+/).filter(Boolean);
        // Left out, the areas stay as they are; "all" (or nothing listed) is every area.
        const { pool, library } = setPool(ctx, guildId, {
          shipped: interaction.options.getBoolean("shipped") ?? undefined,
          areas: raw === undefined ? undefined : listed.length > 0 ? listed : null,
        });
        const warnings = [
          ...(library.challenges.length === 0
            ? ["No challenge is in the pool now, so there is no daily until one is."]
            : []),
          ...(library.prompts.length === 0
            ? ["No weekly prompt is in the pool now, so weekly posts will fail until one is."]
            : []),
        ];
        await respond(interaction, {
          content: [
            `Pool saved: ${describePool(pool, library)} Days already chosen stay as they were.`,
            `${plural(library.challenges.length, "challenge")} and ${plural(library.prompts.length, "weekly prompt")} are in the pool now.`,
            ...warnings,
          ].join("\n"),
          ephemeral: true,
        });
        return;
      }
      case "suggestions": {
        const channelId = channelFrom(interaction);
        const role = interaction.options.getRole("reviewer-role");
        if (role && role.id === guildId)
          throw new UserError("Pick a reviewer role other than @everyone. Nothing was changed.");
        setSuggestionSettings(ctx, guildId, channelId, role?.id ?? null);
        await respond(interaction, {
          content: `Suggestions now go to <#${channelId}>, reviewed by ${role ? `<@&${role.id}> and ` : ""}members with Manage Server. Members use \`/suggest\`.`,
          ephemeral: true,
        });
        return;
      }
      case "timezone": {
        const raw = interaction.options.getString("zone", true);
        const zone = canonicalTimeZone(raw);
        if (!zone)
          throw new UserError(
            `'${raw}' is not a time zone Gradient knows. Pick one from the suggestions, like Europe/Berlin. Nothing was changed.`,
          );
        // Rebuilding a large server's boards can outlast Discord's 3-second reply window.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        changeGuildTimezone(ctx, guildId, zone, ctx.clock.now());
        const lines = [`This server's time zone is now **${zone}**.`];
        for (const schedule of getSchedules(ctx, guildId)) {
          const [next] = plannedPosts(ctx, schedule, zone, 1);
          if (next)
            lines.push(`Next ${POST_KIND_LABELS[schedule.kind].toLowerCase()}: ${describePlanned(next, zone)}.`);
        }
        await respond(interaction, { content: lines.join("\n"), ephemeral: true });
        return;
      }
      case "weekly":
        await configure(interaction, ctx, sub);
        return;
      case "daily":
        await configureDailyCommand(interaction, ctx);
        return;
      case "off": {
        const kind = requiredChoice(interaction, "kind", POST_KINDS);
        const removed = removeSchedule(ctx, guildId, kind);
        const label = POST_KIND_LABELS[kind];
        await respond(interaction, {
          content: removed ? `${label} turned off. Earlier posts stay where they are.` : `${label} was already off.`,
          ephemeral: true,
        });
        return;
      }
      default:
        throw new UserError("That part of /config is not available any more.");
    }
  },

  async autocomplete(interaction) {
    const focused = interaction.options.getFocused(true);
    const zones = focused.name === "zone" ? suggestTimeZones(String(focused.value)) : [];
    await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
  },
});
