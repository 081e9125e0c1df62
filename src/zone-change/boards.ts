import { setTimeout as sleep } from "node:timers/promises";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { isBusy } from "../db/busy.js";
import { preparedPerSession } from "../db/prepared.js";
import { all, type Gen, get, run, type Session, type Store } from "../db/store.js";
import { startMinuteTicker } from "../jobs/minute-ticker.js";
import { zonesIn } from "../settings/index.js";
import { rebuildStreakSliceIn } from "../streaks/boards.js";

/**
 * A server's streak boards follow its new zone in slices: a member without a zone of their own lives in the
 * server's, which moves when their streak lapses, and rebuilding 100,000 members at once would hold the write lock
 * for seconds and stall every other server. Each slice is one short write transaction (at most SLICE_MEMBERS
 * members and about SLICE_BUDGET_MS), then the lock is left to everyone else for PAUSE_MS. A board_rebuilds row,
 * claimed with the zone change, records how far the slices got; a process that stops mid-way leaves it for the next
 * start or minute tick, which carries on from there (a slice is atomic, so a second process running the same rows
 * only repeats work).
 *
 * What a reader sees mid-way: the boards of members already reached follow the new zone; members not yet reached
 * keep the old zone's lapse instant for the few seconds until their slice, so a streak alive in one zone and not
 * the other may briefly be shown or missing ('current' only; a read sweeps by the stored instant and the slice puts
 * it back). Entries move together with their value and hour counts, so every rank shown is exact for what is stored.
 */

/**
 * About 10 ms of CPU on an idle core (measured: 0.035 to 0.06 ms a member); the budget bounds a slice on a slow or
 * busy machine, where 20,000 members measured at most 17 ms of CPU a slice (and about 4 s in all).
 */
export const SLICE_MEMBERS = 250;
export const SLICE_BUDGET_MS = 10;
const PAUSE_MS = 10;
/** While another process holds the lock, each try blocks for the busy timeout: back off up to this. */
const BUSY_PAUSE_MS = 250;

type Ctx = Pick<AppContext, "store" | "config">;
type RunCtx = Pick<AppContext, "store" | "config" | "clock" | "log">;

const statements = preparedPerSession(({ db, t }) => {
  const key = eq(t.boardRebuilds.guildId, sql.placeholder("guildId"));
  return {
    claim: db
      .insert(t.boardRebuilds)
      .values({ guildId: sql.placeholder("guildId"), after: "" })
      .onConflictDoUpdate({ target: t.boardRebuilds.guildId, set: { after: "" } })
      .prepare(),
    read: db.select({ after: t.boardRebuilds.after }).from(t.boardRebuilds).where(key).prepare(),
    advance: db
      .update(t.boardRebuilds)
      .set({ after: sql`${sql.placeholder("after")}` })
      .where(key)
      .prepare(),
    finish: db.delete(t.boardRebuilds).where(key).prepare(),
    pending: db
      .select({ guildId: t.boardRebuilds.guildId })
      .from(t.boardRebuilds)
      .orderBy(t.boardRebuilds.guildId)
      .prepare(),
    membersAfter: db
      .select({ n: count() })
      .from(t.memberStats)
      .where(
        and(eq(t.memberStats.guildId, sql.placeholder("guildId")), gt(t.memberStats.userId, sql.placeholder("after"))),
      )
      .prepare(),
  };
});

interface Slice {
  done: boolean;
  members: number;
  ms: number;
}

/**
 * Rebuilds the next slice of a claimed rebuild (at most SLICE_MEMBERS members, fewer once `budgetMs` has passed),
 * inside the caller's transaction; null when none was claimed.
 */
function* sliceIn(s: Session, ctx: Ctx, guildId: string, now: number, budgetMs: number): Gen<Slice | null> {
  const began = performance.now();
  const claimed = yield* get(statements(s).read, { guildId });
  if (!claimed) return null;
  const { last, members, done } = yield* rebuildStreakSliceIn(
    s,
    guildId,
    claimed.after,
    now,
    (session, userIds) => zonesIn(session, ctx.config.DEFAULT_TIMEZONE, guildId, userIds),
    { limit: SLICE_MEMBERS, deadline: began + budgetMs },
  );
  if (done) yield* run(statements(s).finish, { guildId });
  else yield* run(statements(s).advance, { guildId, after: last });
  return { done, members, ms: performance.now() - began };
}

/**
 * Claims a rebuild of the guild's streak boards (from the first member again if one was under way) and runs its
 * first slice, inside the caller's transaction: a small server's boards change together with its zone. Returns
 * whether that slice finished it, and its pace.
 */
export function* startBoardRebuildIn(
  s: Session,
  ctx: Ctx,
  guildId: string,
  now: Date,
): Gen<{ done: boolean; msPerMember: number }> {
  yield* run(statements(s).claim, { guildId });
  // Bounded by members only, so whether a server changes all at once depends on its size, not on the machine.
  const first = yield* sliceIn(s, ctx, guildId, now.getTime(), Number.POSITIVE_INFINITY);
  return { done: first?.done ?? true, msPerMember: (first?.ms ?? 0) / Math.max(1, first?.members ?? 1) };
}

function* remainingRebuildMsIn(s: Session, guildId: string, msPerMember: number): Gen<number> {
  const claimed = yield* get(statements(s).read, { guildId });
  if (!claimed) return 0;
  const left = (yield* get(statements(s).membersAfter, { guildId, after: claimed.after }))?.n ?? 0;
  const perSlice = Math.max(1, Math.min(SLICE_MEMBERS, Math.floor(SLICE_BUDGET_MS / Math.max(msPerMember, 1e-3))));
  return left * msPerMember + Math.ceil(left / perSlice) * PAUSE_MS;
}

/** About how long a claimed rebuild's remaining slices take at `msPerMember`, pauses included; 0 when none is left. */
export function remainingRebuildMs(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  msPerMember: number,
): Promise<number> {
  return ctx.store.read(remainingRebuildMsIn, guildId, msPerMember);
}

/** This process's rebuild runs on a store, and whether it is stopping them (the store is about to close). */
interface Runs {
  stopping: boolean;
  byGuild: Map<string, Promise<void>>;
}
const runsOf = new WeakMap<Store, Runs>();

function runsFor(store: Store): Runs {
  let runs = runsOf.get(store);
  if (!runs) {
    runs = { stopping: false, byGuild: new Map() };
    runsOf.set(store, runs);
  }
  return runs;
}

/**
 * Runs a claimed rebuild's remaining slices on timers, or joins the run this process already has for the guild.
 * Settles when no slice is left, or once this process stops its rebuilds (startRebuildResumer's stop; the next
 * start carries on); never rejects: a failure is logged and the row stays for the next minute tick.
 */
export function finishBoardRebuild(ctx: RunCtx, guildId: string): Promise<void> {
  const runs = runsFor(ctx.store);
  if (runs.stopping) return Promise.resolve();
  const joined = runs.byGuild.get(guildId);
  if (joined) return joined;
  const running = (async () => {
    let pause = PAUSE_MS;
    try {
      for (;;) {
        await sleep(pause);
        if (runs.stopping) return;
        try {
          const started = performance.now();
          const cpu = process.cpuUsage();
          const next = await ctx.store.write(sliceIn, ctx, guildId, ctx.clock.now().getTime(), SLICE_BUDGET_MS);
          // Wall time counts the waits of a busy machine too; CPU time is what the slice itself cost.
          const { user, system } = process.cpuUsage(cpu);
          ctx.log.debug(
            {
              guild: guildId,
              members: next?.members ?? 0,
              ms: performance.now() - started,
              cpuMs: (user + system) / 1000,
            },
            "leaderboard slice after a zone change",
          );
          if (!next || next.done) return;
          pause = PAUSE_MS;
        } catch (error) {
          // Another process holds the lock: that slice rolled back whole, and the next one tries again.
          if (!isBusy(error)) throw error;
          pause = Math.min(pause * 2, BUSY_PAUSE_MS);
        }
      }
    } catch (error) {
      ctx.log.error({ err: error, guild: guildId }, "leaderboard rebuild after a zone change failed");
    } finally {
      // In the same turn as the last slice, so a zone change right after it starts a run of its own.
      runs.byGuild.delete(guildId);
    }
  })();
  runs.byGuild.set(guildId, running);
  return running;
}

/** Finishes every rebuild left claimed (by a stopped process, or a failed slice); `owns` picks this process's guilds. */
export async function resumeBoardRebuilds(ctx: RunCtx, owns: (guildId: string) => boolean = () => true): Promise<void> {
  const pending = await ctx.store.read(function* (s) {
    return yield* all(statements(s).pending);
  });
  await Promise.all(pending.filter((r) => owns(r.guildId)).map((r) => finishBoardRebuild(ctx, r.guildId)));
}

/**
 * Finishes the rebuilds a stopped process left, at start and then every minute, until stopped; stopping it also
 * stops the runs a zone change started, after their current slice, before the store closes.
 */
export function startRebuildResumer(ctx: RunCtx, owns?: (guildId: string) => boolean): { stop(): Promise<void> } {
  const task = startMinuteTicker("board-rebuilds", () => resumeBoardRebuilds(ctx, owns), ctx.log);
  return {
    stop: async () => {
      await task.destroy();
      const runs = runsFor(ctx.store);
      runs.stopping = true;
      await Promise.all(runs.byGuild.values());
    },
  };
}
