/**
 * The REST proxy (`npm run rest-proxy`, one per bot): every machine's DISCORD_API_BASE points at it, so one limiter
 * sees every request the bot makes. It is @discordjs/proxy's handler over one @discordjs/rest REST, which keeps
 * Discord's per-route buckets (and waits out any 429) for all machines at once, with Gradient's pacer at the wire
 * for the global limit (DISCORD_GLOBAL_RATE_LIMIT, with DISCORD_GLOBAL_LIMIT's margin for jitter): discord.js's own
 * global counter is a fixed one-second window, which lets two windows' worth through within one second at their
 * edge, and counts a request when it enters the queue rather than when it leaves, ahead of any priority.
 *
 * The pacer serves a process's background requests (reminders, role grants; marked with PRIORITY_HEADER) after
 * everything else from every machine, as each process's own pacer does for its requests. Interaction callbacks
 * and webhooks pass unpaced, as Discord does not count them.
 *
 * It answers only for this bot: a request with another Authorization, or none on a route that needs one, is refused
 * with 401 without reaching Discord. A request whose process went away (killed, or gave up) while it waited for its
 * turn is dropped rather than sent on behalf of nobody.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { proxyRequests } from "@discordjs/proxy";
// From @discordjs/rest itself, not discord.js's re-export: @discordjs/proxy tells Discord's errors apart with
// instanceof, which fails across the package's CommonJS and ES module builds.
import { DefaultRestOptions, REST, RESTEvents, type RESTOptions } from "@discordjs/rest";
import type { Config } from "../config/index.js";
import type { Logger } from "../log.js";
import { globallyLimited, Pacer, PRIORITY_HEADER, type Priority, pacingFor } from "./pacer.js";

export type RestProxyConfig = Pick<
  Config,
  "DISCORD_TOKEN" | "DISCORD_API_BASE" | "DISCORD_GLOBAL_RATE_LIMIT" | "REST_PROXY_HOST" | "REST_PROXY_PORT"
>;

export interface RestProxy {
  port: number;
  /** The base URL machines give as DISCORD_API_BASE. */
  apiBase: string;
  /** 429s Discord answered through this proxy. */
  readonly rateLimited: number;
  close(): Promise<void>;
}

/** What the request being forwarded asked for, where the REST client's makeRequest can read it. */
interface Forwarding {
  priority: Priority;
  /** Aborts when the process that sent it stops waiting for the answer. */
  gone: AbortSignal;
}

class ClientGone extends Error {
  constructor() {
    super("the process that sent this request stopped waiting for it");
    this.name = "ClientGone";
  }
}

const forwarding = new AsyncLocalStorage<Forwarding>();

/**
 * The request body, read once: @discordjs/proxy hands REST the incoming stream, which a retry (after a 5xx or a
 * 429) would find already read and send empty.
 */
const bodies = new WeakMap<Readable, Promise<Buffer>>();
async function replayable(body: unknown): Promise<unknown> {
  if (!(body instanceof Readable)) return body;
  let bytes = bodies.get(body);
  if (!bytes) {
    bytes = buffer(body);
    bodies.set(body, bytes);
  }
  const read = await bytes;
  return read.length > 0 ? read : undefined;
}

export async function startRestProxy(config: RestProxyConfig, log: Logger): Promise<RestProxy> {
  const pacer = new Pacer(pacingFor(config.DISCORD_GLOBAL_RATE_LIMIT));
  const makeRequest: RESTOptions["makeRequest"] = async (url, init) => {
    const request = forwarding.getStore();
    // Read before its turn, so what the pacer releases goes on the wire at once.
    const body = (await replayable(init.body)) as typeof init.body;
    if (globallyLimited(url)) {
      const signals = [init.signal, request?.gone].filter((s): s is AbortSignal => s instanceof AbortSignal);
      await pacer.take(AbortSignal.any(signals), request?.priority ?? "first");
    }
    return DefaultRestOptions.makeRequest(url, { ...init, body });
  };
  const rest = new REST({
    api: config.DISCORD_API_BASE,
    // The pacer is the global limit (see above); discord.js's counter would only reorder the queue ahead of it.
    globalRequestsPerSecond: Number.MAX_SAFE_INTEGER,
    makeRequest,
  });
  let rateLimited = 0;
  rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    rateLimited += 1;
    log.warn({ method: request.method, route: request.route }, "Discord answered 429; waiting it out");
  });
  const forward = proxyRequests(rest);
  const bot = `Bot ${config.DISCORD_TOKEN}`;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A base given without /api (http://host:port) reaches here as /v10/…; @discordjs/proxy expects /api/v10/….
    if (/^\/v\d+\//.test(req.url ?? "")) req.url = `/api${req.url}`;
    const url = new URL(req.url ?? "/", "http://proxy");
    const auth = req.headers.authorization;
    if (auth === undefined ? globallyLimited(url.href) : auth !== bot) {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: "401: Unauthorized", code: 0 }));
      return;
    }
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort(new ClientGone());
    });
    const priority: Priority = req.headers[PRIORITY_HEADER.toLowerCase()] === "background" ? "background" : "first";
    Promise.resolve(forwarding.run({ priority, gone: gone.signal }, () => forward(req, res))).catch((error) => {
      if (error instanceof ClientGone) return;
      log.error({ err: error, method: req.method }, "could not forward a request to Discord");
      if (res.headersSent) return void res.end();
      res.writeHead(502, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: "502: the REST proxy could not reach Discord", code: 0 }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.REST_PROXY_PORT, config.REST_PROXY_HOST, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.REST_PROXY_HOST.includes(":") ? `[${config.REST_PROXY_HOST}]` : config.REST_PROXY_HOST;
  return {
    port,
    apiBase: `http://${host}:${port}/api`,
    get rateLimited() {
      return rateLimited;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Answers on the wire are let finish for a few seconds; a keep-alive connection is not waited for.
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
