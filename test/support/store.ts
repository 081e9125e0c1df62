import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../../src/db/open.js";
import type { Store } from "../../src/db/store.js";
import { tempDir } from "./temp.js";

/**
 * Which engine this test process runs on: the vitest project decides (vitest.config.ts). Every store and
 * end-to-end test asks here for its database, so one test file runs on SQLite and on PostgreSQL unchanged.
 */
export const ENGINE: "sqlite" | "postgres" = process.env.GRADIENT_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

export interface TestDatabase {
  /** The environment that points the bot at this database (DATABASE_PATH or DATABASE_URL). */
  env: Record<string, string>;
  /** Opens a store on it (migrating it); each call opens another connection (or pool). */
  open(): Promise<Store>;
  /** Deletes it. */
  remove(): Promise<void>;
}

/** A fresh, empty database on this run's engine: a file in a temporary folder, or a new PostgreSQL database. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (ENGINE === "sqlite") {
    const dir = tempDir();
    const path = join(dir.path, "gradient.sqlite");
    const env = { DATABASE_PATH: path };
    return {
      env,
      open: async () => (await openStore({ DATABASE_PATH: path, DATABASE_POOL_SIZE: 1 })).store,
      remove: async () => dir.remove(),
    };
  }
  const base = process.env.GRADIENT_TEST_PG_URL;
  if (!base) throw new Error("GRADIENT_TEST_PG_URL is not set: run this file through vitest's postgres project");
  const name = `t_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE gradient_template`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  return {
    env,
    open: async () =>
      (await openStore({ DATABASE_URL: env.DATABASE_URL, DATABASE_PATH: "", DATABASE_POOL_SIZE: 10 })).store,
    remove: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database with a store open on it; `close()` closes the store and deletes the database. */
export async function freshStore(): Promise<{ store: Store; database: TestDatabase; close(): Promise<void> }> {
  const database = await freshDatabase();
  const store = await database.open();
  return {
    store,
    database,
    async close() {
      await store.close();
      await database.remove();
    },
  };
}
