import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config/index.js";
import { DatabaseCorruptError, openDatabase } from "../src/db/index.js";
import { exec } from "../src/db/store.js";
import { spawnBot, startTestBot, type TestBot, tempDir } from "./support/harness.js";
import { ENGINE } from "./support/store.js";

const dirs: { remove(): void }[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** A Gradient database whose page 5 (inside a table's b-tree) was overwritten: the header still reads fine. */
function damagedDatabase(): string {
  const dir = tempDir();
  dirs.push(dir);
  const path = join(dir.path, "gradient.sqlite");
  const store = openDatabase(path);
  store.sqlite.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)");
  const insert = store.sqlite.prepare("INSERT INTO filler (body) VALUES (?)");
  for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${"x".repeat(100)}`);
  store.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const pageSize = store.sqlite.pragma("page_size", { simple: true }) as number;
  const pages = store.sqlite.pragma("page_count", { simple: true }) as number;
  store.close();
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, pageSize * (pages - 5));
  closeSync(fd);
  return path;
}

/**
 * Makes the bot's database refuse every write from now on (or take them again), as a read-only file, a full disk or a
 * server turned read-only would: SQLite's connection goes query_only; PostgreSQL's database becomes read-only by
 * default, and the bot's connections are ended so that the new ones it opens by itself are.
 */
async function refuseWrites(t: TestBot, refuse: boolean): Promise<void> {
  if (ENGINE === "sqlite") {
    await t.bot.ctx.store.read(function* () {
      yield* exec(sql.raw(`PRAGMA query_only = ${refuse ? "ON" : "OFF"}`));
    });
    return;
  }
  const name = new URL(t.database.env.DATABASE_URL ?? "").pathname.slice(1);
  // From the cluster's own database: a session on the bot's would itself be read-only once it is.
  const client = new pg.Client({ connectionString: process.env.GRADIENT_TEST_PG_URL });
  await client.connect();
  try {
    await client.query(
      `ALTER DATABASE ${name} ${refuse ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only"}`,
    );
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
  } finally {
    await client.end();
  }
}

describe("a damaged database file (SQLite only: PostgreSQL keeps no file of ours to damage)", () => {
  it.skipIf(ENGINE === "postgres")(
    "is refused at open with one line naming the file and saying to restore a backup",
    () => {
      const path = damagedDatabase();
      let refused: unknown;
      try {
        openDatabase(path).close();
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(DatabaseCorruptError);
      const message = (refused as Error).message;
      expect(message).toContain(`The database at ${path} is damaged (PRAGMA quick_check:`);
      expect(message).toContain("Restore a backup");
      expect(message.split("\n")).toHaveLength(1);
    },
  );

  it.skipIf(ENGINE === "postgres")("stops the bot from starting: exit code 1 and one clear line", async () => {
    const path = damagedDatabase();
    const bot = spawnBot({ DISCORD_TOKEN: "t", DISCORD_API_BASE: "http://127.0.0.1:9/api", DATABASE_PATH: path });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(
      /^Gradient could not start: The database at .* is damaged \(PRAGMA quick_check: .*\)\. Restore a backup; the file was left untouched\.$/m,
    );
  });
});

describe("/readyz", () => {
  it("answers 503 with the reason while every write fails, and 200 again once writes work", async () => {
    const t = await startTestBot({ env: { METRICS_PORT: "0" } });
    try {
      const readyz = async () => {
        const res = await fetch(`http://127.0.0.1:${t.bot.ops?.port}/readyz`);
        return { status: res.status, body: await res.text() };
      };
      const until = async (status: number) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const answer = await readyz();
          if (answer.status === status || Date.now() > deadline) return answer;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      expect(await until(200)).toEqual({ status: 200, body: "ready\n" });
      // The connection refuses every write from now on, as a read-only file or a full disk would.
      await refuseWrites(t, true);
      const failing = await until(503);
      expect(failing.status).toBe(503);
      expect(failing.body).toMatch(/^not ready: the database takes no writes \(.*read-?only.*\)\n$/);
      await refuseWrites(t, false);
      expect(await until(200)).toEqual({ status: 200, body: "ready\n" });
    } finally {
      await t.stop();
    }
  });
});

describe("DISCORD_API_BASE", () => {
  const line = (base: string) => {
    try {
      parseConfig({ DISCORD_TOKEN: "t", DISCORD_API_BASE: base });
      return "accepted";
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.lines).toHaveLength(1);
      return error.lines[0];
    }
  };

  it("refuses http:// anywhere but this machine, in one line, because the token would travel in clear", () => {
    for (const base of ["http://discord.com/api", "http://10.0.0.7:8080/api", "http://127.0.0.1.example.com/api"])
      expect(line(base)).toBe(
        "DISCORD_API_BASE must be https unless it points at this machine (127.0.0.0/8, localhost or [::1]): over http the bot token would travel in clear",
      );
    for (const base of [
      "https://discord.com/api",
      "http://127.0.0.1:9/api",
      "http://127.5.6.7/api",
      "http://localhost:3000/api",
      "http://[::1]:8080/api",
    ])
      expect(line(base)).toBe("accepted");
  });
});
