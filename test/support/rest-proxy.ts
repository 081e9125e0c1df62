import { readFileSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { type BotProcess, ROOT, spawnBot } from "./harness.js";

/** What `npm run rest-proxy` hands node, read from package.json as START_ARGS is. */
export const REST_PROXY_ARGS: readonly string[] = (() => {
  const command: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["rest-proxy"];
  const [node, ...args] = command.split(/\s+/);
  const entry = args.at(-1);
  if (node !== "node" || !entry?.endsWith(".cjs"))
    throw new Error(`npm run rest-proxy is not 'node <entry>': ${command}`);
  return [...args.slice(0, -1), join(ROOT, entry)];
})();

export interface RestProxyProcess extends BotProcess {
  /** The base URL machines give as DISCORD_API_BASE. */
  apiBase: string;
}

/** `npm run rest-proxy` in front of `upstream` for `token`, on a free loopback port; resolves once it listens. */
export async function spawnRestProxy(token: string, upstream: string): Promise<RestProxyProcess> {
  const proxy = spawnBot(
    { DISCORD_TOKEN: token, DISCORD_API_BASE: upstream, REST_PROXY_PORT: "0", LOG_LEVEL: "info" },
    ROOT,
    REST_PROXY_ARGS,
  );
  // Beside the machines, behind the loopback Discord (see test/shards-machines.e2e.test.ts).
  if (proxy.child.pid) setPriority(proxy.child.pid, 10);
  await proxy.waitForOutput(/"msg":"REST proxy listening"/, 20_000);
  const port = /"port":(\d+)[^\n]*"msg":"REST proxy listening"/.exec(proxy.output())?.[1];
  if (!port) throw new Error(`the REST proxy did not say its port:\n${proxy.output()}`);
  return Object.assign(proxy, { apiBase: `http://127.0.0.1:${port}/api` });
}
