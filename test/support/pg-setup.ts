import pg from "pg";
import { openPostgresStore } from "../../src/db/postgres/store.js";
import { startCluster } from "./postgres.js";

/** The database every test database is cloned from: migrated once here, so a test's CREATE DATABASE is a copy. */
export const TEMPLATE = "gradient_template";

/**
 * Vitest global setup of the postgres project: one throwaway cluster for the run (test/support/postgres.ts), its
 * template database migrated, its URL handed to the test processes through the environment; stopped and deleted
 * when the run ends.
 */
export default async function setup(): Promise<() => void> {
  const cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const store = await openPostgresStore(cluster.url(TEMPLATE));
  await store.close();
  process.env.GRADIENT_TEST_PG_URL = cluster.url();
  return () => cluster.stop();
}
