import type Database from "better-sqlite3";
import { isBusy } from "../db/busy.js";

/** How often /readyz may write: a probe is one tiny transaction, never more often than this. */
export const PROBE_EVERY_MS = 3000;

export type Writability = { ok: true } | { ok: false; reason: string };

/**
 * Whether the store still takes writes (a full disk, a file turned read-only, a lost mount): reads keep working
 * then, so only a write tells. Rewrites ops_probe's one row, at most every `everyMs`; between probes the last answer
 * stands. A probe that meets another writer's lock keeps the last answer too: the lock says nothing of the disk.
 */
export function writeProbe(sqlite: Database.Database, everyMs = PROBE_EVERY_MS, now = Date.now): () => Writability {
  let last: { at: number; result: Writability } | undefined;
  return () => {
    const at = now();
    if (last && at - last.at < everyMs) return last.result;
    let result: Writability = { ok: true };
    try {
      sqlite
        .prepare("INSERT INTO ops_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at")
        .run(at);
    } catch (error) {
      if (isBusy(error) && last) result = last.result;
      else if (!isBusy(error))
        result = {
          ok: false,
          reason: `the database takes no writes (${error instanceof Error ? error.message : String(error)})`,
        };
    }
    last = { at, result };
    return result;
  };
}
