import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FeedbackExport, feedbackExportIn } from "../scripts/feedback.js";
import { loadShippedContent } from "../src/content/load.js";
import { run, type Store } from "../src/db/store.js";
import { PACKAGE_ROOT } from "../src/package-root.js";
import { ENGINE, freshStore, type TestDatabase } from "./support/store.js";
import { tempDir } from "./support/temp.js";

const shipped = loadShippedContent();
const [first, second] = shipped.challenges.map((c) => c.id);
const GUILDS = ["1110000000000000001", "1110000000000000002", "1110000000000000003"];
const USERS = Array.from({ length: 6 }, (_, i) => `22200000000000000${10 + i}`);
const at = new Date("2026-05-04T10:00:00Z");

describe(`npm run feedback:export on ${ENGINE}`, () => {
  let store: Store;
  let database: TestDatabase;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, database, close } = await freshStore());
    const [a, b, c] = GUILDS as [string, string, string];
    const [u1, u2, u3, u4, u5] = USERS as [string, string, string, string, string];
    const f = first as string;
    const s2 = second as string;
    await store.write(function* (s) {
      yield* run(
        s.db.insert(s.t.ratings).values([
          { guildId: a, userId: u1, challengeId: f, rating: "hard", updatedAt: at },
          { guildId: a, userId: u2, challengeId: f, rating: "hard", updatedAt: at },
          { guildId: b, userId: u1, challengeId: f, rating: "easy", updatedAt: at },
          { guildId: b, userId: u3, challengeId: s2, rating: "right", updatedAt: at },
          // A server's own item: its own business, never exported.
          { guildId: c, userId: u4, challengeId: "local-course-drill", rating: "hard", updatedAt: at },
        ]),
      );
      yield* run(
        s.db.insert(s.t.problemReports).values([
          {
            guildId: a,
            userId: u2,
            challengeId: f,
            kind: "answer-wrong",
            details: "Off by one in the answer.",
            createdAt: at,
          },
          {
            guildId: b,
            userId: u5,
            challengeId: f,
            kind: "broken-link",
            details: "The second link is gone.",
            status: "resolved",
            resolution: `Fixed, thanks <@${u5}>`,
            resolvedBy: u4,
            createdAt: at,
            resolvedAt: at,
          },
          {
            guildId: c,
            userId: u4,
            challengeId: "local-course-drill",
            kind: "unclear",
            details: "Which week?",
            createdAt: at,
          },
        ]),
      );
    });
  });
  afterAll(() => close());

  const expected = (report: FeedbackExport) => {
    expect(report.format).toBe("gradient-feedback");
    expect(report.servers).toBe(2);
    expect(report.challenges.map((c) => c.id)).toEqual([first, second].sort());
    const f = report.challenges.find((c) => c.id === first);
    expect(f?.title).toBe(shipped.challenges[0]?.title);
    expect(f?.ratings).toEqual({ easy: 1, right: 0, hard: 2 });
    expect(f?.reports).toMatchObject({ open: 1, resolved: 1, retired: 0 });
    expect(f?.reports.kinds).toEqual({ "answer-wrong": 1, unclear: 0, "broken-link": 1, "out-of-date": 0, other: 0 });
    expect(f?.details.map((d) => d.details).sort()).toEqual(["Off by one in the answer.", "The second link is gone."]);
    expect(report.challenges.find((c) => c.id === second)?.ratings).toEqual({ easy: 0, right: 1, hard: 0 });
    const text = JSON.stringify(report);
    for (const id of [...USERS, ...GUILDS]) expect(text).not.toContain(id);
    expect(text).not.toContain("local-");
    expect(text).not.toContain("Fixed, thanks");
  };

  it("counts every rating and report of shipped challenges across servers, without a user or server id", async () => {
    expected(await store.read(feedbackExportIn, shipped, at));
  });

  it("the command line writes the same as JSON to --out, reading the database the configuration names", async () => {
    const dir = tempDir();
    try {
      const out = join(dir.path, "feedback.json");
      const result = await exportCli(database.env, ["--out", out]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/Wrote 2 challenges' feedback from 2 servers/);
      expected(JSON.parse(readFileSync(out, "utf8")));
      const printed = await exportCli(database.env, []);
      expect(printed.code).toBe(0);
      expected(JSON.parse(printed.stdout));
    } finally {
      dir.remove();
    }
  });
});

function exportCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "feedback:export", "--", ...args], {
      cwd: PACKAGE_ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: "unused-by-the-export",
        DATABASE_PATH: "",
        DATABASE_URL: "",
        NODE_OPTIONS: "",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
