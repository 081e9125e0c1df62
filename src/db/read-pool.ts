import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema.js";
import { sqliteStore } from "./sqlite.js";
import type { Store, StoreFn } from "./store.js";

/**
 * Long reads (a big server's stats, its export) on SQLite, off the event loop. better-sqlite3 is synchronous: a
 * 1-second statement holds the whole process for that second, so every other server it serves waits. A pool runs
 * named store functions on worker threads, each with its own read-only connection to the same file (WAL lets them
 * read beside the bot's writer without taking its lock), and answers with their results.
 *
 * Functions cross the thread boundary by name: the pool and its worker entry share one registry, and a function not
 * in it is refused. Workers start on first use and stop after a quiet minute, so a process that never reads stats
 * pays nothing for them.
 */

type Registry = Readonly<Record<string, StoreFn<never[], unknown>>>;
/** The reads a pool runs, as store functions: `ctx.store.read` and `pool.read` take the same calls. */
export type Reads = Pick<Store, "read">;

export interface ReadPool extends Reads {
  close(): Promise<void>;
}

interface Job {
  id: number;
  name: string;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Reply = { id: number; value: unknown } | { id: number; error: { message: string; code?: string; name: string } };

const IDLE_MS = 60_000;

export interface ReadPoolOptions {
  path: string;
  /** The worker entry module (it calls serveReads with the same registry). */
  entry: URL;
  registry: Registry;
  /** Threads at most; jobs beyond wait their turn. */
  size: number;
}

export function sqliteReadPool({ path, entry, registry, size }: ReadPoolOptions): ReadPool {
  const names = new Map<unknown, string>(Object.entries(registry).map(([name, fn]) => [fn, name]));
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const idleTimers = new Map<Worker, NodeJS.Timeout>();
  const live = new Set<Worker>();
  let nextId = 1;
  let closed = false;

  const spawn = (): Worker => {
    // The bundle (dist/) has its entry as a .cjs file; the sources run it through tsx, as the tests do.
    const file = fileURLToPath(entry);
    const worker = file.endsWith(".ts")
      ? new Worker(
          `require(${JSON.stringify(createRequire(import.meta.url).resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(file)});`,
          { eval: true, workerData: { path } },
        )
      : new Worker(file, { workerData: { path } });
    live.add(worker);
    worker.on("message", (reply: Reply) => {
      const job = busy.get(worker);
      if (!job || job.id !== reply.id) return;
      busy.delete(worker);
      if ("error" in reply) job.reject(Object.assign(new Error(reply.error.message), reply.error));
      else job.resolve(reply.value);
      release(worker);
    });
    const gone = (error: unknown) => {
      const job = busy.get(worker);
      busy.delete(worker);
      forget(worker);
      job?.reject(error instanceof Error ? error : new Error("a stats reader thread stopped"));
      pump();
    };
    worker.on("error", gone);
    worker.on("exit", (code) => gone(new Error(`a stats reader thread exited (${code})`)));
    return worker;
  };

  const forget = (worker: Worker) => {
    if (!live.delete(worker)) return;
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
    clearTimeout(idleTimers.get(worker));
    idleTimers.delete(worker);
  };

  const release = (worker: Worker) => {
    // An idle thread does not keep the process alive; a busy one does, until its answer arrives.
    worker.unref();
    idle.push(worker);
    const timer = setTimeout(() => {
      forget(worker);
      void worker.terminate();
    }, IDLE_MS);
    timer.unref();
    idleTimers.set(worker, timer);
    pump();
  };

  const pump = () => {
    while (queue.length > 0) {
      let worker = idle.pop();
      if (worker) {
        clearTimeout(idleTimers.get(worker));
        idleTimers.delete(worker);
      } else if (live.size < size) worker = spawn();
      else return;
      const job = queue.shift() as Job;
      worker.ref();
      busy.set(worker, job);
      worker.postMessage({ id: job.id, name: job.name, args: job.args });
    }
  };

  return {
    read<A extends unknown[], T>(fn: StoreFn<A, T>, ...args: A): Promise<T> {
      const name = names.get(fn);
      if (name === undefined) return Promise.reject(new Error(`${fn.name} is not one of this pool's reads`));
      if (closed) return Promise.reject(new Error("the stats readers are closed"));
      return new Promise<T>((resolve, reject) => {
        queue.push({ id: nextId++, name, args, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the stats readers are closed"));
      const all = [...live];
      for (const worker of all) forget(worker);
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}

/** A worker entry's whole body: open the file read-only and answer each job in turn. */
export function serveReads(registry: Registry): void {
  if (isMainThread || !parentPort) throw new Error("serveReads runs in a read pool's worker thread");
  const port = parentPort;
  const { path } = workerData as { path: string };
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  // A checkpoint of the writer can hold the file for a moment; waiting is fine here, off the event loop.
  sqlite.pragma("busy_timeout = 5000");
  const store = sqliteStore({
    db: drizzle({ client: sqlite, schema }),
    sqlite,
    applied: 0,
    close: () => sqlite.close(),
  });
  port.on("message", async (job: { id: number; name: string; args: unknown[] }) => {
    const fn = registry[job.name];
    try {
      if (!fn) throw new Error(`${job.name} is not one of this pool's reads`);
      port.postMessage({ id: job.id, value: await store.read(fn, ...(job.args as never[])) });
    } catch (error) {
      const e = error as { message?: string; code?: string; name?: string };
      port.postMessage({
        id: job.id,
        error: { message: String(e?.message ?? error), code: e?.code, name: String(e?.name ?? "Error") },
      });
    }
  });
}
