import { defineConfig } from "vitest/config";
import { findPostgres } from "./test/support/postgres.js";

/**
 * Two projects: every test on SQLite (the default store), and the tests that touch a database again on PostgreSQL,
 * on a throwaway cluster the postgres project's global setup starts (test/support/pg-setup.ts). Without PostgreSQL's
 * binaries that run is skipped, and said so; REQUIRE_POSTGRES=1 (.ci/run) makes it a failure instead.
 */
export const POSTGRES_TESTS = ["test/store.test.ts", "test/config-shards.test.ts"];

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
                include: POSTGRES_TESTS,
                globalSetup: ["test/support/build.ts", "test/support/pg-setup.ts"],
                env: { GRADIENT_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
