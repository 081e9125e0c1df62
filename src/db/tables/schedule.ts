import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per guild and kind ("weekly" prompt, "daily" challenge, "digest" of the server's week) that an admin
 * switched on. `/config off`
 * deletes the row; the slots it produced stay as history.
 */
export const schedules = sqliteTable(
  "schedules",
  {
    guildId: text("guild_id").notNull(),
    kind: text("kind", { enum: ["weekly", "daily", "digest"] }).notNull(),
    channelId: text("channel_id").notNull(),
    /** ISO weekday 1 (Monday) to 7 (Sunday) for weekly posts and digests; null for daily ones. */
    weekday: integer("weekday"),
    /** Wall-clock `HH:MM` in the guild's time zone. */
    time: text("time").notNull(),
    /** Weekly: open a discussion thread on the post. */
    thread: integer("thread", { mode: "boolean" }).notNull().default(false),
    /** Weekly: the post carries a recap of the guild's last week. */
    recap: integer("recap", { mode: "boolean" }).notNull().default(false),
    /** Daily: a role to ping, or null. */
    roleId: text("role_id"),
    /**
     * Slots due before this instant are not this configuration's to post (set on every change, so configuring a
     * time that already passed this period never posts immediately; /schedule post-now does that on purpose).
     */
    effectiveFrom: integer("effective_from", { mode: "timestamp_ms" }).notNull(),
    updatedBy: text("updated_by"),
    /** Set when Discord answered 403 or 404 for the channel; nothing is posted until an admin reconfigures. */
    pausedAt: integer("paused_at", { mode: "timestamp_ms" }),
    pauseReason: text("pause_reason"),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.kind] })],
);

const SLOT_STATUSES = ["claimed", "posted", "sent", "missed", "failed"] as const;

/**
 * One row per guild, kind and period (`2026-W10`, `2026-03-02`): the durable record that makes each post happen
 * at most once. `claimed` is written before the request goes out; `posted` once Discord returned the message (a
 * weekly post still owes its thread); `sent` when everything is done; `missed` for a slot found too late;
 * `failed` when Discord refused it for good.
 */
export const scheduleSlots = sqliteTable(
  "schedule_slots",
  {
    guildId: text("guild_id").notNull(),
    kind: text("kind", { enum: ["weekly", "daily", "digest"] }).notNull(),
    period: text("period").notNull(),
    status: text("status", { enum: SLOT_STATUSES }).notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    channelId: text("channel_id").notNull(),
    /** Sent with `enforce_nonce`; the same for every attempt at this slot. */
    nonce: text("nonce").notNull(),
    /** The prompt or challenge posted. */
    contentId: text("content_id"),
    messageId: text("message_id"),
    threadId: text("thread_id"),
    attempts: integer("attempts").notNull().default(0),
    /** The process that holds the claim (a random id per start), for telling a crashed claim from a live one. */
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Why a slot was missed or failed, or what went wrong with its thread. */
    note: text("note"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.kind, t.period] }),
    index("schedule_slots_guild_due").on(t.guildId, t.kind, t.dueAt),
  ],
);
