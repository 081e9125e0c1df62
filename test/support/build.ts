import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Vitest global setup (and the footprint bench's first step): build the bot as `npm run build` does, so what spawns
 * `npm start`'s entry runs today's code.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build.ts"], {
    cwd: root,
    stdio: "inherit",
  });
}
