import { desc, eq, sql } from "drizzle-orm";
import type { Resource } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import { all, type Gen, run, type Session } from "../db/store.js";
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

const statements = preparedPerSession(({ db, t }) => ({
  history: db
    .select({ resourceId: t.resourcePicks.resourceId })
    .from(t.resourcePicks)
    .where(eq(t.resourcePicks.userId, sql.placeholder("userId")))
    .orderBy(desc(t.resourcePicks.id))
    .limit(REMEMBERED_PICKS)
    .prepare(),
  insert: db
    .insert(t.resourcePicks)
    .values({
      userId: sql.placeholder("userId"),
      resourceId: sql.placeholder("resourceId"),
      pickedAt: sql.placeholder("pickedAt"),
    })
    .prepare(),
  prune: db
    .delete(t.resourcePicks)
    .where(
      sql`${t.resourcePicks.userId} = ${sql.placeholder("userId")} AND ${t.resourcePicks.id} <= (
        SELECT ${t.resourcePicks.id} FROM ${t.resourcePicks} WHERE ${t.resourcePicks.userId} = ${sql.placeholder("userId")}
        ORDER BY ${t.resourcePicks.id} DESC LIMIT 1 OFFSET ${REMEMBERED_PICKS})`,
    )
    .prepare(),
}));

/** The member's remembered picks, oldest first. */
export function* pickHistoryIn(s: Session, userId: string): Gen<string[]> {
  return (yield* all(statements(s).history, { userId })).map((row) => row.resourceId).reverse();
}

export function pickHistory(ctx: Pick<AppContext, "store">, userId: string): Promise<string[]> {
  return ctx.store.read(pickHistoryIn, userId);
}

/** Chooses for the member with `draw` as the random draw, and remembers the pick. */
function* pickIn(
  s: Session,
  userId: string,
  pool: readonly string[],
  draw: number,
  now: Date,
): Gen<{ choice: string; seenThisRound: number }> {
  const history = yield* pickHistoryIn(s, userId);
  const picked = chooseFromPool(pool, history, () => draw);
  yield* run(statements(s).insert, { userId, resourceId: picked.choice, pickedAt: now });
  yield* run(statements(s).prune, { userId });
  return picked;
}

/**
 * Picks a resource matching `filters` for a member, avoiding their recent picks (see chooseFromPool), and
 * remembers it. Reading the history and recording the pick happen in one write transaction, so two quick
 * presses cannot both pick from the same history.
 */
export async function pickResource(
  ctx: Pick<AppContext, "store" | "clock" | "content" | "random">,
  userId: string,
  filters: ResourceFilters,
): Promise<PickResult> {
  const pool = resourcePool(ctx.content, filters);
  if (pool.length === 0) return { found: false, poolSize: 0 };
  const byId = new Map(pool.map((r) => [r.id, r]));
  // Drawn before the transaction, whose body a retry may run again: the same history then gives the same pick.
  const draw = ctx.random();
  const { choice, seenThisRound } = await ctx.store.write(pickIn, userId, [...byId.keys()], draw, ctx.clock.now());
  return { found: true, resource: byId.get(choice) as Resource, poolSize: pool.length, seenThisRound };
}
