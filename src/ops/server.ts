import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface OpsEndpoints {
  /** Every shard connected and the database open and writable; when not, why, if known. */
  ready(): Promise<boolean | { ready: false; reason: string }>;
  /** The Prometheus text exposition and its content type. */
  metrics(): Promise<{ body: string; contentType: string }>;
  /** With SHARD_COUNT: the machine's shards ("shards 0-3 of 8"), said on a second line of every /readyz answer. */
  shards?: string;
  /** The same as prom-client JSON, for a ShardingManager gathering its children's metrics. */
  metricsJson?(): Promise<unknown>;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** `/livez` (the process answers), `/readyz` (200 ready, 503 not) and `/metrics`, on host:port. */
export async function startOpsServer(host: string, port: number, endpoints: OpsEndpoints): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET") {
      res.writeHead(405).end();
    } else if (path === "/livez") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok\n");
    } else if (path === "/readyz") {
      endpoints.ready().then(
        (ready) => {
          const status = ready === true ? "ready\n" : ready === false ? "not ready\n" : `not ready: ${ready.reason}\n`;
          const body = endpoints.shards ? `${status}${endpoints.shards}\n` : status;
          res.writeHead(ready === true ? 200 : 503, { "Content-Type": "text/plain" }).end(body);
        },
        (error: unknown) => res.writeHead(503, { "Content-Type": "text/plain" }).end(`not ready: ${String(error)}\n`),
      );
    } else if (path === "/metrics") {
      endpoints.metrics().then(
        ({ body, contentType }) => res.writeHead(200, { "Content-Type": contentType }).end(body),
        (error: unknown) => res.writeHead(500, { "Content-Type": "text/plain" }).end(`${String(error)}\n`),
      );
    } else if (path === "/metrics.json" && endpoints.metricsJson) {
      endpoints.metricsJson().then(
        (json) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(json)),
        (error: unknown) => res.writeHead(500, { "Content-Type": "text/plain" }).end(`${String(error)}\n`),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
