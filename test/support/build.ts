import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Vitest global setup: build the bot once (scripts/build.ts, as `npm run build` does), so tests that spawn `npm start`'s entry run today's code. */
export default function setup(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build.ts"], {
    cwd: root,
    stdio: "inherit",
  });
}
