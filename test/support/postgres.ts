import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl from Debian's packages, run as the
 * `postgres` user when we are root (the server refuses root), in a temporary folder, on a free loopback port.
 * `stop()` stops it and deletes the folder. No mock and no stand-in: when the binaries are missing, `findPostgres`
 * says so and the caller decides whether that is a skip or a failure (REQUIRE_POSTGRES).
 */

const CANDIDATE_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

export function findPostgres(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  return CANDIDATE_DIRS.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/NAME */
  url(database?: string): string;
  /** Runs a pg_ctl action (restart under load in the fault tests), without blocking this process's event loop. */
  ctl(...args: string[]): Promise<void>;
  stop(): void;
}

export async function startCluster(bin = findPostgres()): Promise<Cluster> {
  if (!bin) throw new Error("PostgreSQL's server binaries (initdb, pg_ctl) are not installed");
  const dir = mkdtempSync(join(tmpdir(), "gradient-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (file: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, file);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, file), ...args] : args;
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${file} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const data = join(dir, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", options, "start"]);
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    ctl: (...args) =>
      new Promise<void>((resolve, reject) => {
        const argv = ["-D", data, "-w", ...args];
        const child = asRoot
          ? spawn("runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...argv])
          : spawn(join(bin, "pg_ctl"), argv);
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.once("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`pg_ctl ${args.join(" ")}: ${output}`)),
        );
      }),
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
