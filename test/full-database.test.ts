import { count, getTableName, is, Table } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { figureMismatchesIn } from "../scripts/copy-database.js";
import * as schema from "../src/db/schema.js";
import { get, type Store, type Tables } from "../src/db/store.js";
import { fillWithEverything } from "./support/full-database.js";
import { ENGINE, freshStore } from "./support/store.js";

let store: Store;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ store, close } = await freshStore());
  await fillWithEverything(store);
});
afterEach(() => close());

describe(`the full database fixture on ${ENGINE}`, () => {
  it("holds rows in every table drizzle knows, so a table added later must be filled here too", async () => {
    const tables = Object.entries(schema).filter(([, value]) => is(value, Table));
    expect(tables.length).toBeGreaterThan(20);
    const empty: string[] = [];
    for (const [key, table] of tables) {
      const row = await store.read(function* (s) {
        return yield* get(s.db.select({ n: count() }).from(s.t[key as keyof Tables]));
      });
      if (!row?.n) empty.push(getTableName(table as Table));
    }
    expect(empty).toEqual([]);
  });

  it("keeps every member's figures equal to their completion log folded afresh", async () => {
    expect(await store.read(figureMismatchesIn, 3)).toEqual({ members: 9, mismatches: [] });
  });
});
