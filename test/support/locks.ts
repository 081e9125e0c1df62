import { spawn } from "node:child_process";
import pg from "pg";
import { ROOT } from "./harness.js";
import type { TestDatabase } from "./store.js";

/**
 * Another connection (an operator's script, a second machine) holding every write for `ms`, reads let through. On
 * SQLite: another process in BEGIN IMMEDIATE, which holds the file's one write lock (better-sqlite3 would block this
 * process's event loop). On PostgreSQL, which has no database-wide write lock: another connection holding EXCLUSIVE
 * locks on every table inside an open transaction, which lets reads through and makes every write wait (past the
 * store's lock_timeout, that write is answered busy and retried). Resolves once the lock is held.
 */
export async function holdWriteLock(database: TestDatabase, ms: number): Promise<{ released: Promise<unknown> }> {
  const url = database.env.DATABASE_URL;
  if (url) return holdPostgresLocks(url, ms);
  const script = `const db = new (require("better-sqlite3"))(process.argv[1]);
db.exec("BEGIN IMMEDIATE"); console.log("locked");
setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ["-e", script, database.env.DATABASE_PATH ?? "", String(ms)], { cwd: ROOT });
  const released = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return { released };
}

async function holdPostgresLocks(url: string, ms: number): Promise<{ released: Promise<unknown> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(
    "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
  );
  await client.query("BEGIN");
  await client.query(`LOCK TABLE ${rows.map((r) => r.name).join(", ")} IN EXCLUSIVE MODE`);
  const released = new Promise((resolve) => setTimeout(resolve, ms)).then(async () => {
    await client.query("COMMIT");
    await client.end();
  });
  return { released };
}
