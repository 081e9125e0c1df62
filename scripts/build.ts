/**
 * `npm run build` (run by `prepare` on `npm ci`): bundles the bot into one CommonJS file, dist/main.cjs, for
 * `npm start` (and the REST proxy, src/rest-proxy.ts, into dist/rest-proxy.cjs for `npm run rest-proxy`; the stats reader
 * threads' entry, src/stats/read-worker.ts, into dist/stats-worker.cjs). Node pays for every ES module it resolves, reads, parses and links (tsc's output of Gradient with
 * zod and drizzle-orm came to some 330), and an ES module that imports a CommonJS package (discord.js is one) has
 * that package's source scanned for its export names first; a CommonJS bundle does neither. commands/ is bundled
 * in (see BUNDLED_COMMANDS below). Packages stay in node_modules where they must: discord.js with its
 * discord-api-types, the native better-sqlite3 and @napi-rs/canvas, node-cron and pino (their workers and
 * transports load files by path), and prom-client; those loaded lazily in the sources (prom-client, the image
 * library) are still loaded only when first used.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { writeContentSnapshot } from "../src/content/load.js";
import { commandEntries } from "../src/interactions/command-files.js";
import { PACKAGE_ROOT } from "../src/package-root.js";

const OUT = join(PACKAGE_ROOT, "dist");
const commandFiles = commandEntries(join(PACKAGE_ROOT, "commands"));

/**
 * src/interactions/command-files.ts reads commands/ and imports each file; in the bundle it is replaced by one that
 * imports them statically, so the loader validates the same modules by the same file names.
 */
const BUNDLED_COMMANDS: Plugin = {
  name: "bundled-commands",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]interactions[\\/]command-files\.ts$/ }, () => ({
      loader: "ts",
      resolveDir: join(PACKAGE_ROOT, "src", "interactions"),
      contents: `
        import { resolve } from "node:path";
        import { PACKAGE_ROOT } from "../package-root.js";
        ${commandFiles.map((f, i) => `import * as command${i} from "../../commands/${f}";`).join("\n")}
        const bundled = [${commandFiles.map((f, i) => `{ file: ${JSON.stringify(f)}, module: command${i} }`).join(", ")}];
        export async function importCommandFiles(dir: string) {
          if (resolve(dir) !== resolve(PACKAGE_ROOT, "commands"))
            throw new Error("this build has commands/ bundled in and cannot load " + dir + "; run the sources with tsx");
          return bundled;
        }`,
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: PACKAGE_ROOT,
  entryPoints: { main: "src/main.ts", "rest-proxy": "src/rest-proxy.ts", "stats-worker": "src/stats/read-worker.ts" },
  outdir: OUT,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: true,
  // The sources are ES modules: import.meta.url becomes the bundle's own URL, which is where PACKAGE_ROOT is found
  // from.
  define: { "import.meta.url": "importMetaUrl" },
  banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [BUNDLED_COMMANDS],
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

// V8 keeps a script's source for as long as it may compile more of it, as a two-byte string if a single character
// is beyond Latin-1. esbuild escapes such characters in strings but leaves comments and regular expressions as
// written; an escape means the same in both, and the bundle is then held at one byte a character.
for (const bundle of [join(OUT, "main.cjs"), join(OUT, "rest-proxy.cjs")])
  writeFileSync(
    bundle,
    readFileSync(bundle, "utf8").replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    ),
  );

// The shipped library is validated here, once; a start then reads the result (loadShippedContent).
writeContentSnapshot();
