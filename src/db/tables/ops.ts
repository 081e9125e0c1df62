import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

/** One row /readyz rewrites now and then (src/ops/writable.ts): a write that fails means the store cannot record. */
export const opsProbe = sqliteTable("ops_probe", {
  id: integer("id").primaryKey(),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
});
