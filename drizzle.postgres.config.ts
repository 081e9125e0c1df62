import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations, generated from the tables derived from SQLite's (src/db/postgres/schema.ts). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/postgres/schema.ts",
  out: "./migrations/postgres",
});
