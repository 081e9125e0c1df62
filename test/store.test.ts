import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { isBusy, retryWhileBusy } from "../src/db/busy.js";
import { openPostgresStore } from "../src/db/postgres/store.js";
import { all, exec, type Gen, get, rows, run, type Session, type Store } from "../src/db/store.js";
import { ENGINE, freshStore, type TestDatabase } from "./support/store.js";

let store: Store;
let database: TestDatabase;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, database, close } = await freshStore());
});
afterEach(() => close());

function* addGuild(s: Session, id: string): Gen<number> {
  return (yield* run(s.db.insert(s.t.guilds).values({ id, timezone: "UTC" }).onConflictDoNothing())).changes;
}
function* guildIds(s: Session): Gen<string[]> {
  return (yield* all(s.db.select({ id: s.t.guilds.id }).from(s.t.guilds).orderBy(s.t.guilds.id))).map((g) => g.id);
}

describe(`the store seam on ${ENGINE}`, () => {
  it("runs one body for reads and writes, with the same row values on either engine", async () => {
    expect(await store.write(addGuild, "g1")).toBe(1);
    expect(await store.write(addGuild, "g1")).toBe(0);
    const row = await store.read(function* (s) {
      return yield* get(s.db.select().from(s.t.guilds).where(eq(s.t.guilds.id, "g1")));
    });
    expect(row).toMatchObject({ id: "g1", timezone: "UTC", dailyTrack: null });
    expect(row?.createdAt).toBeInstanceOf(Date);
    const counted = await store.read(function* (s) {
      return yield* rows<{ n: number }>(sql`SELECT count(*) AS n FROM ${s.t.guilds}`);
    });
    expect(counted).toEqual([{ n: 1 }]);
  });

  it("keeps a write all or nothing: a statement that fails undoes the ones before it", async () => {
    const failing = store.write(function* (s) {
      yield* addGuild(s, "kept?");
      yield* exec(sql`INSERT INTO ${s.t.guilds} (id) VALUES (NULL)`);
    });
    await expect(failing).rejects.toThrow();
    expect(await store.read(guildIds)).toEqual([]);
  });

  it("ends a body at a failing statement even when the body tries to catch it", async () => {
    let carriedOn = false;
    const failing = store.write(function* (s) {
      try {
        yield* exec(sql`INSERT INTO ${s.t.guilds} (id) VALUES (NULL)`);
      } catch {
        carriedOn = true;
      }
      yield* addGuild(s, "after");
    });
    await expect(failing).rejects.toThrow();
    expect(carriedOn).toBe(false);
    expect(await store.read(guildIds)).toEqual([]);
  });

  it("serialises concurrent read-then-write bodies: no increment is lost", async () => {
    await store.write(function* (s) {
      yield* run(s.db.insert(s.t.libraryRevisions).values({ guildId: "g", revision: 0 }));
    });
    function* bump(s: Session): Gen<void> {
      const row = yield* get(s.db.select().from(s.t.libraryRevisions).where(eq(s.t.libraryRevisions.guildId, "g")));
      yield* run(
        s.db
          .update(s.t.libraryRevisions)
          .set({ revision: (row?.revision ?? 0) + 1 })
          .where(eq(s.t.libraryRevisions.guildId, "g")),
      );
    }
    await Promise.all(Array.from({ length: 20 }, () => retryWhileBusy(() => store.write(bump), { budgetMs: 20_000 })));
    const final = await store.read(function* (s) {
      return yield* get(s.db.select().from(s.t.libraryRevisions));
    });
    expect(final?.revision).toBe(20);
  });

  it.runIf(ENGINE === "postgres")(
    "waits at start for another process's migrations however long they hold the lock, past its own lock_timeout",
    async () => {
      const url = database.env.DATABASE_URL ?? "";
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        // The lock every Gradient process takes to migrate, held as a slow migration would hold it.
        await other.query("SELECT pg_advisory_lock(7261547)");
        let settled = "waiting";
        const opening = openPostgresStore(url).then(
          (opened) => {
            settled = "opened";
            return opened;
          },
          (error: Error) => {
            settled = `failed: ${error.message}`;
            throw error;
          },
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(settled).toBe("waiting");
        await other.query("SELECT pg_advisory_unlock(7261547)");
        const opened = await opening;
        // Its connections keep their own lock_timeout once the lock is taken.
        const [timeout] = (await opened.pool.query("SHOW lock_timeout")).rows;
        expect(timeout).toEqual({ lock_timeout: "250ms" });
        await opened.close();
      } finally {
        await other.end();
      }
    },
  );

  it("refuses, at compile time, a body that awaits", () => {
    // @ts-expect-error an async generator cannot be a store body: its awaits would leave SQLite's transaction
    expectTypeOf(store.write).toBeCallableWith(async function* (_s: Session) {
      yield await Promise.resolve(undefined as never);
    });
    expect(isBusy(new Error("unrelated"))).toBe(false);
  });
});
