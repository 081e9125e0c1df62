/**
 * `npm run build` (run by `prepare` on `npm ci`): bundles the bot into dist/ for `npm start`. One bundled file per
 * entry (the bot and each command, which the loader finds in dist/commands/) plus the chunks they share, instead
 * of tsc's one file per module: Node's ESM loader pays for every file it resolves, reads and links, and Gradient
 * with zod and drizzle-orm came to some 330 of them. Packages stay in node_modules where they must: discord.js (as
 * the bare bot loads it) with its discord-api-types, the native better-sqlite3 and @napi-rs/canvas, node-cron and
 * pino (their workers and transports load files by path), and prom-client (loaded only when metrics are on).
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { writeContentSnapshot } from "../src/content/load.js";
import { PACKAGE_ROOT } from "../src/package-root.js";

const OUT = join(PACKAGE_ROOT, "dist");
const commands = readdirSync(join(PACKAGE_ROOT, "commands"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => `commands/${f}`);

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: PACKAGE_ROOT,
  entryPoints: ["src/main.ts", ...commands],
  outdir: OUT,
  outbase: ".",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  external: [
    "discord.js",
    "@discordjs/*",
    "discord-api-types",
    "better-sqlite3",
    "@napi-rs/canvas",
    "node-cron",
    "pino",
    "pino-pretty",
    "prom-client",
  ],
  logLevel: "warning",
});

// The shipped library is validated here, once; a start then reads the result (loadShippedContent).
writeContentSnapshot();
