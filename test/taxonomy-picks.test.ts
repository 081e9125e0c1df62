import { count } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { Content } from "../src/content/load.js";
import { LEVELS, RESOURCE_KINDS, type Resource } from "../src/content/schema.js";
import { get, type Store } from "../src/db/store.js";
import { seededRandom } from "../src/random.js";
import { resourceIds } from "../src/taxonomy/custom-ids.js";
import {
  decodeFilters,
  encodeFilters,
  noMatchMessage,
  type ResourceFilters,
  resourcePool,
} from "../src/taxonomy/filters.js";
import { chooseFromPool, type PickResult, pickHistory, pickResource, REMEMBERED_PICKS } from "../src/taxonomy/picks.js";
import { freshDatabase, type TestDatabase } from "./support/store.js";

const resource = (id: string, overrides: Partial<Resource> = {}): Resource => ({
  id,
  title: `Resource ${id}`,
  authors: "Someone Careful",
  kind: "book",
  url: `https://example.org/${id}`,
  level: "beginner",
  free: true,
  topics: ["linear-algebra"],
  hours: 3,
  why: "Worth reading for a clear reason.",
  ...overrides,
});

/** A small library: 6 linear-algebra books, 2 paid probability courses, 1 advanced probability paper. */
const library: Content = {
  areas: [{ id: "math", name: "Maths", emoji: "📐", summary: "Maths for ML engineers.", why: "Models are maths." }],
  topics: ["linear-algebra", "probability"].map((id) => ({
    id,
    area: "math",
    name: id,
    aliases: [],
    summary: "A topic summary here.",
    why: "A reason it matters.",
  })),
  resources: [
    ...["a", "b", "c", "d", "e", "f"].map((id) => resource(`la-${id}`)),
    resource("prob-course-1", { kind: "course", free: false, topics: ["probability"] }),
    resource("prob-course-2", { kind: "course", free: false, topics: ["probability"], level: "intermediate" }),
    resource("prob-paper", { kind: "paper", level: "advanced", topics: ["probability", "linear-algebra"] }),
  ],
  challenges: [],
  prompts: [],
};

const ids = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 20 });

describe("choosing from a pool without repeats", () => {
  it("goes through the whole pool before repeating anything, whatever the random draws", () => {
    fc.assert(
      fc.property(
        ids,
        fc.integer(),
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 30 }),
        (pool, seed, earlier) => {
          const random = seededRandom(seed);
          // Whatever came before, the picks from a round boundary on are a permutation of the pool.
          const history = [...earlier];
          const round: string[] = [];
          let started = false;
          for (let i = 0; i < pool.length * 3; i++) {
            const { choice, seenThisRound } = chooseFromPool(pool, history, random);
            expect(pool).toContain(choice);
            if (seenThisRound === 0) {
              started = true;
              round.length = 0;
            }
            if (started) {
              expect(round).not.toContain(choice);
              round.push(choice);
            }
            history.push(choice);
          }
        },
      ),
    );
  });

  it("never shows the same pick twice in a row when the pool has more than one item", () => {
    fc.assert(
      fc.property(ids, fc.integer(), (pool, seed) => {
        fc.pre(pool.length > 1);
        const random = seededRandom(seed);
        const history: string[] = [];
        for (let i = 0; i < pool.length * 4; i++) {
          const { choice } = chooseFromPool(pool, history, random);
          expect(choice).not.toBe(history.at(-1));
          history.push(choice);
        }
      }),
    );
  });

  it("makes the same choices for the same seed", () => {
    const run = () => {
      const random = seededRandom(7);
      const history: string[] = [];
      for (let i = 0; i < 10; i++) history.push(chooseFromPool(["a", "b", "c", "d"], history, random).choice);
      return history;
    };
    expect(run()).toEqual(run());
  });
});

describe("the filters an 'Another pick' button carries", () => {
  const filters = fc.record(
    {
      topic: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/).filter((s) => s.length <= 60),
      kind: fc.constantFrom(...RESOURCE_KINDS),
      level: fc.constantFrom(...LEVELS),
      free: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it("survive the round trip through a custom_id of at most 100 characters", () => {
    fc.assert(
      fc.property(filters, (f: ResourceFilters) => {
        const id = resourceIds.build({ action: "more", filters: f });
        expect(id.length).toBeLessThanOrEqual(100);
        const [, verb, ...parts] = id.split(":");
        expect(verb).toBe("more");
        expect(decodeFilters(parts)).toEqual(f);
        expect(resourceIds.parse(id)).toEqual({ action: "more", filters: f });
      }),
    );
  });

  it("are refused, not guessed, when a custom_id was not made by encodeFilters", () => {
    expect(decodeFilters([])).toBeNull();
    expect(decodeFilters(["-", "q", "-", "-"])).toBeNull();
    expect(decodeFilters(["-", "-", "z", "-"])).toBeNull();
    expect(decodeFilters(["-", "-", "-", "maybe"])).toBeNull();
    expect(decodeFilters(["", "-", "-", "-"])).toBeNull();
    expect(decodeFilters(encodeFilters({}))).toEqual({});
  });
});

describe("a pool that matches nothing", () => {
  it("explains which filter to drop and how many resources that would give", () => {
    const filters: ResourceFilters = { topic: "probability", kind: "course", free: true };
    expect(resourcePool(library, filters)).toEqual([]);
    expect(noMatchMessage(library, filters)).toBe(
      "No resource matches topic probability · kind course · free only. Try loosening them: drop the free filter (2 matches), or drop the kind filter (1 match).",
    );
  });
});

describe("picking resources for a member, remembered in the database", () => {
  const databases: TestDatabase[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const database of databases.splice(0)) await database.remove();
  });
  const setup = async () => {
    const database = await freshDatabase();
    databases.push(database);
    const store = await database.open();
    stores.push(store);
    const ctx = {
      store,
      clock: new ManualClock("2026-03-02T12:00:00Z"),
      content: library,
      random: seededRandom(1),
    };
    return { database, store, ctx };
  };
  /** `n` picks in turn, as a member pressing "Another pick". */
  const picksFor = async (ctx: Parameters<typeof pickResource>[0], n: number, userId: string, filters = {}) => {
    const picks: PickResult[] = [];
    for (let i = 0; i < n; i++) picks.push(await pickResource(ctx, userId, filters));
    return picks;
  };

  it("shows every matching resource once before any repeats, then starts a new round", async () => {
    const { ctx } = await setup();
    const picks = await picksFor(ctx, 6, "u1", { topic: "linear-algebra", kind: "book" });
    const seen = picks.map((p) => (p.found ? p.resource.id : "none"));
    expect(new Set(seen)).toEqual(new Set(["la-a", "la-b", "la-c", "la-d", "la-e", "la-f"]));
    expect(picks.map((p) => (p.found ? p.seenThisRound : -1))).toEqual([0, 1, 2, 3, 4, 5]);
    const next = await pickResource(ctx, "u1", { topic: "linear-algebra", kind: "book" });
    expect(next).toMatchObject({ found: true, seenThisRound: 0, poolSize: 6 });
    expect(next.found && next.resource.id).not.toBe(seen.at(-1));
  });

  it("keeps each member's memory separate and keeps it across a restart", async () => {
    const { database, store, ctx } = await setup();
    const first = await picksFor(ctx, 3, "u1");
    await pickResource(ctx, "u2", {});
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const reopened = await database.open();
    stores.push(reopened);
    const ctx2 = { ...ctx, store: reopened, random: seededRandom(99) };
    expect(await pickHistory(ctx2, "u1")).toEqual(first.map((p) => (p.found ? p.resource.id : "")));
    const later = await picksFor(ctx2, 6, "u1");
    const all = [...first, ...later].map((p) => (p.found ? p.resource.id : ""));
    expect(new Set(all).size).toBe(9);
    expect(await pickHistory(ctx2, "u2")).toHaveLength(1);
  });

  it("remembers at most the last REMEMBERED_PICKS picks of a member", async () => {
    const { store, ctx } = await setup();
    for (let i = 0; i < REMEMBERED_PICKS + 5; i++) await pickResource(ctx, "u1", {});
    expect(await pickHistory(ctx, "u1")).toHaveLength(REMEMBERED_PICKS);
    const rows = await store.read(function* (s) {
      return yield* get(s.db.select({ n: count() }).from(s.t.resourcePicks));
    });
    expect(rows?.n).toBe(REMEMBERED_PICKS);
  });

  it("records nothing when the filters match nothing", async () => {
    const { ctx } = await setup();
    expect(await pickResource(ctx, "u1", { kind: "video" })).toEqual({ found: false, poolSize: 0 });
    expect(await pickHistory(ctx, "u1")).toEqual([]);
  });
});
