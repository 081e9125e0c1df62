import { defineConfig } from "vitest/config";
import { findPostgres } from "./test/support/postgres.js";

/**
 * Two projects: every test on SQLite (the default store), and the tests that touch a database again on PostgreSQL,
 * on a throwaway cluster the postgres project's global setup starts (test/support/pg-setup.ts). Without PostgreSQL's
 * binaries that run is skipped, and said so; REQUIRE_POSTGRES=1 (.ci/run) makes it a failure instead.
 */
/**
 * Tests with nothing to do with a database, run once (on the sqlite project); and tests of SQLite itself (its file,
 * its upgrade in place, the copy from it, which starts a cluster of its own).
 */
const SQLITE_ONLY = [
  "answer-patterns.test.ts",
  "architecture.test.ts",
  "challenges-render.test.ts",
  "charts-snapshot.test.ts",
  "config.test.ts",
  "content.test.ts",
  "custom-ids.property.test.ts",
  "database.test.ts",
  "db-copy.test.ts",
  "deploy-commands.test.ts",
  "interaction-args.test.ts",
  "log-redaction.test.ts",
  "loopback-discord.test.ts",
  "loopback-spec.test.ts",
  "member-names.test.ts",
  "read-pool.test.ts",
  "pacer.test.ts",
  "schedule-render.test.ts",
  "schedule-slots.test.ts",
  "solution-rule.property.test.ts",
  "streaks-engine.test.ts",
  "streaks-heatmap.test.ts",
  "taxonomy-render.test.ts",
  "taxonomy-suggest.test.ts",
  "time.test.ts",
  "upgrade-in-place.test.ts",
  "zoned-time.test.ts",
].map((file) => `test/${file}`);

const postgres = findPostgres();
if (!postgres) {
  if (process.env.REQUIRE_POSTGRES === "1")
    throw new Error("REQUIRE_POSTGRES=1 but PostgreSQL's server binaries (initdb, pg_ctl) are not installed");
  console.warn("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: skipped the PostgreSQL run.");
}

export default defineConfig({
  test: {
    globalSetup: ["test/support/build.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["test/**/*.test.ts"],
                exclude: SQLITE_ONLY,
                globalSetup: ["test/support/build.ts", "test/support/pg-setup.ts"],
                env: { GRADIENT_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
