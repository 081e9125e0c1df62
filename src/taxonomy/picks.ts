import { desc, eq, sql } from "drizzle-orm";
import type { Resource } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { resourcePicks } from "../db/schema.js";
import { type Random, randomIndex } from "../random.js";
import { type ResourceFilters, resourcePool } from "./filters.js";

/**
 * How many of a member's picks are remembered. It must exceed the whole catalogue, so that even an unfiltered
 * "Another pick" can go through every resource before repeating one.
 */
export const REMEMBERED_PICKS = 1000;

/**
 * Chooses from `pool` so that nothing repeats until the pool is exhausted, then starts over. `history` is the
 * member's earlier picks, oldest first (picks outside the pool are ignored). The history is cut into rounds:
 * a round ends when it has covered the whole pool. Candidates are the pool items not yet seen in the current
 * round; right after a round ends, everything but the last pick is a candidate, so a new round never opens
 * with a repeat of the pick just shown. Pure: the same inputs and random draws give the same choice.
 */
export function chooseFromPool<T extends string>(
  pool: readonly T[],
  history: readonly string[],
  random: Random,
): { choice: T; seenThisRound: number } {
  if (pool.length === 0) throw new Error("chooseFromPool needs a non-empty pool");
  const inPool = new Set<string>(pool);
  let round = new Set<string>();
  let last: string | undefined;
  for (const id of history) {
    if (!inPool.has(id)) continue;
    round.add(id);
    last = id;
    if (round.size === inPool.size) round = new Set();
  }
  let candidates = pool.filter((id) => !round.has(id));
  if (round.size === 0 && last !== undefined && pool.length > 1) candidates = pool.filter((id) => id !== last);
  const choice = candidates[randomIndex(random, candidates.length)] as T;
  return { choice, seenThisRound: round.size };
}

export type PickResult =
  | { found: true; resource: Resource; poolSize: number; seenThisRound: number }
  | { found: false; poolSize: 0 };

interface Statements {
  history: ReturnType<typeof prepareHistory>;
  insert: ReturnType<typeof prepareInsert>;
  prune: ReturnType<typeof preparePrune>;
}

const prepareHistory = (db: Db) =>
  db
    .select({ resourceId: resourcePicks.resourceId })
    .from(resourcePicks)
    .where(eq(resourcePicks.userId, sql.placeholder("userId")))
    .orderBy(desc(resourcePicks.id))
    .limit(REMEMBERED_PICKS)
    .prepare();

const prepareInsert = (db: Db) =>
  db
    .insert(resourcePicks)
    .values({
      userId: sql.placeholder("userId"),
      resourceId: sql.placeholder("resourceId"),
      pickedAt: sql.placeholder("pickedAt"),
    })
    .prepare();

const preparePrune = (db: Db) =>
  db
    .delete(resourcePicks)
    .where(
      sql`${resourcePicks.userId} = ${sql.placeholder("userId")} AND ${resourcePicks.id} <= (
        SELECT ${resourcePicks.id} FROM ${resourcePicks} WHERE ${resourcePicks.userId} = ${sql.placeholder("userId")}
        ORDER BY ${resourcePicks.id} DESC LIMIT 1 OFFSET ${REMEMBERED_PICKS})`,
    )
    .prepare();

const statementsFor = preparedPerDatabase(
  (db): Statements => ({ history: prepareHistory(db), insert: prepareInsert(db), prune: preparePrune(db) }),
);

/** The member's remembered picks, oldest first. */
export function pickHistory(db: Db, userId: string): string[] {
  return statementsFor(db)
    .history.all({ userId })
    .map((row) => row.resourceId)
    .reverse();
}

/**
 * Picks a resource matching `filters` for a member, avoiding their recent picks (see chooseFromPool), and
 * remembers it. Reading the history and recording the pick happen in one immediate transaction, so two quick
 * presses cannot both pick from the same history.
 */
export function pickResource(
  ctx: Pick<AppContext, "db" | "clock" | "content" | "random">,
  userId: string,
  filters: ResourceFilters,
): PickResult {
  const pool = resourcePool(ctx.content, filters);
  if (pool.length === 0) return { found: false, poolSize: 0 };
  const byId = new Map(pool.map((r) => [r.id, r]));
  const s = statementsFor(ctx.db);
  return ctx.db.transaction(
    () => {
      const history = pickHistory(ctx.db, userId);
      const { choice, seenThisRound } = chooseFromPool([...byId.keys()], history, ctx.random);
      s.insert.run({ userId, resourceId: choice, pickedAt: ctx.clock.now() });
      s.prune.run({ userId });
      return { found: true, resource: byId.get(choice) as Resource, poolSize: pool.length, seenThisRound };
    },
    { behavior: "immediate" },
  );
}
