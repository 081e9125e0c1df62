import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/index.js";
import { readState, rebuildState } from "../src/streaks/store.js";
import { ROOT, tempDir } from "./support/harness.js";

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function writer(path: string, count: number, startAt: number): Promise<{ recorded: number }> {
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [
    join(ROOT, "test", "support", "record-worker.ts"),
    path,
    String(count),
    String(startAt),
  ]);
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

describe("two processes recording the same member's days at once", () => {
  it("credit every day exactly once between them, and the cached figures match the log", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = join(dir.path, "gradient.sqlite");
    openDatabase(path).close();
    const days = 600;
    const startAt = Date.now() + 4000;
    const [a, b] = await Promise.all([writer(path, days, startAt), writer(path, days, startAt)]);
    expect((a?.recorded ?? 0) + (b?.recorded ?? 0)).toBe(days);
    const store = openDatabase(path);
    const rows = store.sqlite.prepare("SELECT count(*) AS n, count(DISTINCT local_date) AS d FROM completions").get();
    expect(rows).toEqual({ n: days, d: days });
    expect(readState(store, "g", "racer")).toMatchObject({ days, current: days, longest: days });
    expect(rebuildState(store.db, "g", "racer")).toEqual(readState(store, "g", "racer"));
    store.close();
  });
});
