import { spawn } from "node:child_process";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { rows } from "../src/db/store.js";
import { readState, rebuildState } from "../src/streaks/store.js";
import { ROOT } from "./support/harness.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const d of databases.splice(0)) await d.remove();
});

function writer(env: Record<string, string>, count: number, startAt: number): Promise<{ recorded: number }> {
  const child = spawn(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "test", "support", "record-worker.ts"), String(count), String(startAt)],
    { env: { ...process.env, ...env } },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(out)))),
  );
}

describe(`two processes recording the same member's days at once (${ENGINE})`, () => {
  it("credit every day exactly once between them, and the cached figures match the log", async () => {
    const database = await freshDatabase();
    databases.push(database);
    // Migrated before the writers start, so neither waits on the other's migration.
    await (await database.open()).close();
    // Each PostgreSQL write is a few dozen round trips and a conflicting one is retried whole, so fewer days there.
    const days = ENGINE === "postgres" ? 200 : 600;
    const startAt = Date.now() + 4000;
    const [a, b] = await Promise.all([writer(database.env, days, startAt), writer(database.env, days, startAt)]);
    expect((a?.recorded ?? 0) + (b?.recorded ?? 0)).toBe(days);
    const store = await database.open();
    try {
      const counted = await store.read(function* (s) {
        return yield* rows<{ n: number; d: number }>(
          sql`SELECT count(*) AS n, count(DISTINCT local_date) AS d FROM ${s.t.completions}`,
        );
      });
      expect(counted).toEqual([{ n: days, d: days }]);
      const state = await readState({ store }, "g", "racer");
      expect(state).toMatchObject({ days, current: days, longest: days });
      expect(await store.read(rebuildState, "g", "racer")).toEqual(state);
    } finally {
      await store.close();
    }
  }, 120_000);
});
