/**
 * `npm run feedback:export [-- --out file.json]`: every rating and problem report of the shipped library's
 * challenges across this database's servers, without user ids (./feedback.ts), as JSON on stdout or in `--out`.
 * Reads the database the bot's configuration names (DATABASE_URL for PostgreSQL, else DATABASE_PATH), through the
 * same store the bot opens; it writes nothing there. Exit code 0 when written, 2 on bad arguments or configuration.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig, readEnvironment } from "../src/config/index.js";
import { loadShippedContent } from "../src/content/load.js";
import { openStore } from "../src/db/open.js";
import { feedbackExportIn } from "./feedback.js";

const USAGE = "usage: npm run feedback:export [-- --out feedback.json]";

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    ({
      values: { out },
    } = parseArgs({ options: { out: { type: "string" } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Gradient's configuration has problems:\n${error.message}`);
    return 2;
  }
  const { store } = await openStore(config);
  try {
    const report = await store.read(feedbackExportIn, loadShippedContent(), new Date());
    const text = `${JSON.stringify(report, null, 2)}\n`;
    if (out) {
      writeFileSync(out, text);
      console.error(`Wrote ${report.challenges.length} challenges' feedback from ${report.servers} servers to ${out}.`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
