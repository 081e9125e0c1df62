import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A server's own library items (src/library). `body` is the item's JSON, exactly a shipped item's fields, validated
 * before it is written. Retired items stay (members' history names them) and are only left out of draws.
 */
export const libraryItems = sqliteTable(
  "library_items",
  {
    guildId: text("guild_id").notNull(),
    kind: text("kind", { enum: ["topic", "challenge", "resource", "prompt"] }).notNull(),
    id: text("id").notNull(),
    body: text("body").notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    /** The member whose suggestion it was; null for items an admin added or imported. */
    suggestedBy: text("suggested_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.id] }), index("library_items_guild_kind").on(t.guildId, t.kind, t.id)],
);

/** Per-server library settings: what the rotation draws from, and where suggestions go. */
export const librarySettings = sqliteTable("library_settings", {
  guildId: text("guild_id").primaryKey(),
  /** Whether the shipped library is in the pool at all (0: only the server's own syllabus). */
  shipped: integer("shipped", { mode: "boolean" }).notNull().default(true),
  /** Area ids the daily, /challenge random and the weekly prompts draw from, comma-separated; null is every area. */
  areas: text("areas"),
  suggestionsChannelId: text("suggestions_channel_id"),
  /** Who may accept, edit or deny; null means members with Manage Server. */
  reviewerRoleId: text("reviewer_role_id"),
  /**
   * Set when Discord refused a review card (403/404: the channel is gone or closed to Gradient): /suggest answers
   * without calling Discord until a manager sets the channel again, which clears it.
   */
  suggestionsPausedAt: integer("suggestions_paused_at", { mode: "timestamp_ms" }),
  suggestionsPauseReason: text("suggestions_pause_reason"),
});

/**
 * How often each server's library changed: bumped in the transaction of every write to its items or pool, so a
 * process (each shard process keeps its own cache) re-composes its copy when the number moved.
 */
export const libraryRevisions = sqliteTable("library_revisions", {
  guildId: text("guild_id").primaryKey(),
  revision: integer("revision").notNull(),
});

/** An import previewed but not yet applied or cancelled: the file, held so Apply writes exactly what was shown. */
export const libraryImports = sqliteTable("library_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  guildId: text("guild_id").notNull(),
  userId: text("user_id").notNull(),
  body: text("body").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/** A member's suggestion and its review: pending until one reviewer accepts or denies it. */
export const suggestions = sqliteTable(
  "suggestions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: ["challenge", "resource", "prompt"] }).notNull(),
    /** The item as suggested (or as a reviewer edited it), without an id: it gets one when accepted. */
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "accepted", "denied"] })
      .notNull()
      .default("pending"),
    decidedBy: text("decided_by"),
    reason: text("reason"),
    itemId: text("item_id"),
    channelId: text("channel_id"),
    messageId: text("message_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("suggestions_guild_user_status").on(t.guildId, t.userId, t.status)],
);
