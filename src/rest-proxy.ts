/**
 * `npm run rest-proxy`: the bot's one REST proxy (src/discord/rest-proxy.ts), listening on REST_PROXY_HOST:
 * REST_PROXY_PORT and forwarding to DISCORD_API_BASE (Discord itself) with the bot's token. Every machine then sets
 * DISCORD_API_BASE to http://<proxy>/api and DISCORD_RATE_SHARE=proxy.
 */
import { ConfigError, isLoopbackHost, parseConfig, readEnvironment } from "./config/index.js";
import { startRestProxy } from "./discord/rest-proxy.js";
import { createLogger } from "./log.js";

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(readEnvironment());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `The REST proxy cannot start: the configuration is invalid.\n${error.lines.map((l) => `  ${l}`).join("\n")}`,
  );
  process.exit(1);
}
const log = createLogger(config, () => ({ role: "rest-proxy" }));

/** DISCORD_API_BASE naming this proxy's own address (a machine's .env copied over) would forward to itself. */
function pointsAtItself(): boolean {
  const upstream = new URL(config.DISCORD_API_BASE);
  const port = Number(upstream.port || (upstream.protocol === "https:" ? 443 : 80));
  const here = config.REST_PROXY_HOST === "0.0.0.0" || isLoopbackHost(config.REST_PROXY_HOST);
  return port === config.REST_PROXY_PORT && isLoopbackHost(upstream.hostname) && here;
}

async function main(): Promise<void> {
  if (pointsAtItself()) {
    console.error(
      "The REST proxy cannot start: DISCORD_API_BASE points at the proxy itself; give it Discord's address (https://discord.com/api, the default).",
    );
    process.exit(1);
  }
  try {
    const proxy = await startRestProxy(config, log);
    log.info(
      { host: config.REST_PROXY_HOST, port: proxy.port, upstream: config.DISCORD_API_BASE },
      "REST proxy listening",
    );
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal, rateLimited: proxy.rateLimited }, "shutting down");
      proxy.close().then(() => process.exit(0));
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, "could not start");
    console.error(`The REST proxy could not start: ${message}`);
    process.exit(1);
  }
}

// No top-level await: the build bundles this entry as CommonJS (scripts/build.ts).
void main();
