import { isBusy } from "../db/busy.js";
import { type Gen, run, type Session, type Store } from "../db/store.js";

/** How often /readyz may write: a probe is one tiny transaction, never more often than this. */
export const PROBE_EVERY_MS = 3000;

export type Writability = { ok: true } | { ok: false; reason: string };

function* probeIn(s: Session, at: Date): Gen<void> {
  yield* run(
    s.db.insert(s.t.opsProbe).values({ id: 1, at }).onConflictDoUpdate({ target: s.t.opsProbe.id, set: { at } }),
  );
}

/** The driver's own words: drizzle wraps them in a "Failed query" error that names the statement and its values. */
function driverMessage(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether the store still takes writes (a full disk, a file turned read-only, a lost mount, a PostgreSQL server
 * turned read-only): reads keep working then, so only a write tells. Rewrites ops_probe's one row through the store,
 * at most every `everyMs`; between probes the last answer stands, and concurrent asks share one probe. A probe that
 * meets another writer's lock (or another of isBusy's answers) keeps the last answer too: that says nothing of
 * whether the store can write.
 */
export function writeProbe(
  store: Pick<Store, "write">,
  everyMs = PROBE_EVERY_MS,
  now = Date.now,
): () => Promise<Writability> {
  let last: { at: number; result: Writability } | undefined;
  let probing: Promise<Writability> | undefined;
  const probe = async (at: number): Promise<Writability> => {
    let result: Writability = { ok: true };
    try {
      await store.write(probeIn, new Date(at));
    } catch (error) {
      if (isBusy(error) && last) result = last.result;
      else if (!isBusy(error))
        result = {
          ok: false,
          reason: `the database takes no writes (${driverMessage(error)})`,
        };
    }
    last = { at, result };
    return result;
  };
  return () => {
    const at = now();
    if (last && at - last.at < everyMs) return Promise.resolve(last.result);
    probing ??= probe(at).finally(() => {
      probing = undefined;
    });
    return probing;
  };
}
