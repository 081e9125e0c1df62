import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Resources picked for a member by /resource, newest last (ids grow), so "Another pick" can avoid repeats.
 * Only each member's most recent picks are kept; resource ids are content slugs, not foreign keys, because
 * content lives in files and a removed resource must not break the history.
 */
export const resourcePicks = sqliteTable(
  "resource_picks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    resourceId: text("resource_id").notNull(),
    pickedAt: integer("picked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("resource_picks_user_id_idx").on(table.userId, table.id)],
);
