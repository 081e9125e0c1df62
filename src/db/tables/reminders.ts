import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A member's opt-in reminder in one guild: at `time` on their own calendar (their zone, else the guild's), when
 * today's challenge there is still open. `/remind off` deletes the row; Discord refusing DMs (50007) switches it
 * off with `off_reason` instead, so the member can be told once (`notice_pending`); so does Discord saying the member
 * left the guild (src/reminders/presence.ts).
 */
export const reminders = sqliteTable(
  "reminders",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    /** Wall-clock `HH:MM` in the member's zone. */
    time: text("time").notNull(),
    /** Remind only while there is a streak to lose. */
    onlyStreak: integer("only_streak", { mode: "boolean" }).notNull().default(false),
    /** Reminders due before this instant are not sent (set on every change, like schedules). */
    effectiveFrom: integer("effective_from", { mode: "timestamp_ms" }).notNull(),
    offAt: integer("off_at", { mode: "timestamp_ms" }),
    offReason: text("off_reason"),
    noticePending: integer("notice_pending", { mode: "boolean" }).notNull().default(false),
    /**
     * The last time Gradient knew the member was in the guild: their own command or component there (written at most
     * once a UTC day), setting the reminder, or a member lookup Discord answered 200. Null: never known.
     */
    presentAt: integer("present_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index("reminders_user").on(t.userId)],
);

/** The DM channel Gradient opened with a member: its id is stable, so it is opened once and kept. */
export const dmChannels = sqliteTable("dm_channels", {
  userId: text("user_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  openedAt: integer("opened_at", { mode: "timestamp_ms" }).notNull(),
});

const REMINDER_STATUSES = ["claimed", "sent", "skipped", "missed", "failed"] as const;

/**
 * One row per guild, member and local date: the durable record that makes a reminder happen at most once a date,
 * like schedule_slots for posts. `claimed` is written before the request goes out (with the nonce every attempt
 * carries); `skipped` when there was nothing to remind of (done, rest day, no streak to lose).
 */
export const reminderSends = sqliteTable(
  "reminder_sends",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    date: text("date").notNull(),
    status: text("status", { enum: REMINDER_STATUSES }).notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    mode: text("mode", { enum: ["dm", "channel"] }).notNull(),
    /** The DM or guild channel it went to. */
    channelId: text("channel_id"),
    nonce: text("nonce").notNull(),
    messageId: text("message_id"),
    attempts: integer("attempts").notNull().default(0),
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId, t.date] }), index("reminder_sends_due").on(t.guildId, t.dueAt)],
);

/**
 * Per-guild settings of reminders and rest days (apart from `guilds`, which other settings grow on). Absent:
 * DM reminders and 14 rest days a year.
 */
export const engagementSettings = sqliteTable("engagement_settings", {
  guildId: text("guild_id").primaryKey(),
  reminderMode: text("reminder_mode", { enum: ["dm", "channel"] })
    .notNull()
    .default("dm"),
  reminderChannelId: text("reminder_channel_id"),
  /** Channel reminders stopped because Discord refused the channel (403/404); set again by /config reminders. */
  reminderPausedAt: integer("reminder_paused_at", { mode: "timestamp_ms" }),
  reminderPauseReason: text("reminder_pause_reason"),
  restDaysPerYear: integer("rest_days_per_year").notNull().default(14),
});

/** Planned rest days: a member's local dates that neither break nor extend their streak in that guild. */
export const restDays = sqliteTable(
  "rest_days",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    date: text("date").notNull(),
    plannedAt: integer("planned_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId, t.date] })],
);

/** The role a guild grants at a milestone. `problem` is set when Discord refused a grant, until reconfigured. */
export const milestoneRoles = sqliteTable(
  "milestone_roles",
  {
    guildId: text("guild_id").notNull(),
    days: integer("days").notNull(),
    roleId: text("role_id").notNull(),
    /** Members who reach the milestone from this instant on are granted the role. */
    configuredAt: integer("configured_at", { mode: "timestamp_ms" }).notNull(),
    problem: text("problem"),
    problemAt: integer("problem_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.days] })],
);

/**
 * The first time a member's streak reached a milestone in a guild, written with the completion that reached it
 * (a record, like the completion log; never removed when the streak is later lost). `role_status` follows the
 * role grant: null until granted or failed (it stays null when the guild has no role for that milestone).
 */
export const milestonesReached = sqliteTable(
  "milestones_reached",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    days: integer("days").notNull(),
    localDate: text("local_date").notNull(),
    reachedAt: integer("reached_at").notNull(),
    roleStatus: text("role_status", { enum: ["granted", "failed"] }),
    roleId: text("role_id"),
    roleNote: text("role_note"),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.userId, t.days] }),
    index("milestones_reached_guild_date").on(t.guildId, t.localDate),
    index("milestones_reached_pending").on(t.guildId).where(sql`${t.roleStatus} IS NULL`),
  ],
);
