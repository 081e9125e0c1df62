/**
 * The solvers' room's records. A daily completion claims its seat in the same transaction that records it
 * (seatIn): the thread of its server, date and track (inserted once, by whoever solved first) and the member's
 * addition to it. Discord is asked only afterwards, by the room (./room.ts), which works from these rows, so a
 * restart or a kill picks up exactly what was left.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { solverMembers, solverRooms, solverThreads } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { guildOnShards, type ShardPlan } from "../discord/shards.js";
import { LEVEL_LABELS, truncate } from "../format.js";
import { nonceFor } from "../jobs/claim.js";
import type { LocalDate } from "../time/index.js";

type Ctx = Pick<AppContext, "store">;
export type RoomRow = typeof solverRooms.$inferSelect;
export type ThreadRow = typeof solverThreads.$inferSelect;
export type MemberRow = typeof solverMembers.$inferSelect;

/** A server's daily of one date on one track: what a thread is for. */
export interface ThreadKey {
  guildId: string;
  date: LocalDate;
  track: string;
}

/** What a completion's reply says about the room: the thread (once it exists) and how many solved it first. */
export interface Seat extends ThreadKey {
  threadId: string | null;
  before: number;
}

const TRACK_NAMES: Record<string, string> = { mixed: "Daily", ...LEVEL_LABELS };

/** The thread's name: date, track and the challenge's title, within Discord's 100 characters. */
export function threadName(date: LocalDate, track: string, title: string): string {
  return truncate(`${date} · ${TRACK_NAMES[track] ?? track} · ${title}`, 100);
}

/** The statements a completion's seat runs (exported for the bench's raw twin). */
export const seatStatements = preparedPerSession(({ db, t }) => {
  const { solverRooms, solverThreads, solverMembers } = t;
  const key = and(
    eq(solverThreads.guildId, sql.placeholder("guildId")),
    eq(solverThreads.date, sql.placeholder("date")),
    eq(solverThreads.track, sql.placeholder("track")),
  );
  return {
    room: db
      .select({ channelId: solverRooms.channelId, pausedAt: solverRooms.pausedAt })
      .from(solverRooms)
      .where(eq(solverRooms.guildId, sql.placeholder("guildId")))
      .prepare(),
    claimThread: db
      .insert(solverThreads)
      .values({
        guildId: sql.placeholder("guildId"),
        date: sql.placeholder("date"),
        track: sql.placeholder("track"),
        challengeId: sql.placeholder("challengeId"),
        channelId: sql.placeholder("channelId"),
        name: sql.placeholder("name"),
        status: "pending",
        nonce: sql.placeholder("nonce"),
        nextAt: sql.placeholder("now"),
        claimedAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .prepare(),
    // Counts the solver on the thread's row, and reads it back: one row however many solved it.
    countSolver: db
      .update(solverThreads)
      .set({ solvers: sql`${solverThreads.solvers} + 1` })
      .where(key)
      .returning({ status: solverThreads.status, threadId: solverThreads.threadId, solvers: solverThreads.solvers })
      .prepare(),
    claimMember: db
      .insert(solverMembers)
      .values({
        guildId: sql.placeholder("guildId"),
        date: sql.placeholder("date"),
        track: sql.placeholder("track"),
        userId: sql.placeholder("userId"),
        position: sql.placeholder("position"),
        status: "pending",
        nextAt: sql.placeholder("now"),
        solvedAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .prepare(),
  };
});

export interface SeatInput extends ThreadKey {
  userId: string;
  challengeId: string;
  title: string;
  now: number;
}

/**
 * Inside the transaction that recorded a member's daily: claims the date and track's thread (the first solver's
 * claim creates it) and the member's addition. Undefined when the server has no room, or it is paused.
 */
export function* seatIn(s: Session, input: SeatInput): Gen<Seat | undefined> {
  const q = seatStatements(s);
  const { guildId, date, track, userId } = input;
  // Placeholders of time columns take a Date, mapped to ms by drizzle on either engine.
  const now = new Date(input.now);
  const room = yield* get(q.room, { guildId });
  if (!room || room.pausedAt) return undefined;
  const key = { guildId, date, track };
  yield* run(q.claimThread, {
    ...key,
    challengeId: input.challengeId,
    channelId: room.channelId,
    name: threadName(date, track, input.title),
    nonce: nonceFor("sr", `${guildId}:${date}:${track}`),
    now,
  });
  const thread = yield* get(q.countSolver, key);
  // A thread Discord refused for good (recorded failed) takes no one: the reply says nothing of it.
  if (!thread || thread.status === "failed") return undefined;
  const before = thread.solvers - 1;
  yield* run(q.claimMember, { ...key, userId, position: before, now });
  const created = thread.status === "created" || thread.status === "open";
  return { ...key, threadId: created ? thread.threadId : null, before };
}

// The room's setting.

export function* roomIn(s: Session, guildId: string): Gen<RoomRow | undefined> {
  const { solverRooms } = s.t;
  return yield* get(s.db.select().from(solverRooms).where(eq(solverRooms.guildId, guildId)));
}

export function getRoom(ctx: Ctx, guildId: string): Promise<RoomRow | undefined> {
  return ctx.store.read(roomIn, guildId);
}

/**
 * Turns the room on in `channelId`, or sets it again: clears a pause, moves threads not yet asked for to the new
 * channel, and makes the work a pause left waiting due now.
 */
function* setRoomIn(s: Session, guildId: string, channelId: string, now: Date): Gen<void> {
  const { solverRooms, solverThreads, solverMembers } = s.t;
  const values = { channelId, configuredAt: now, pausedAt: null, pauseReason: null };
  yield* run(
    s.db
      .insert(solverRooms)
      .values({ guildId, ...values })
      .onConflictDoUpdate({ target: solverRooms.guildId, set: values }),
  );
  yield* run(
    s.db
      .update(solverThreads)
      .set({ channelId })
      .where(and(eq(solverThreads.guildId, guildId), eq(solverThreads.status, "pending"))),
  );
  yield* run(
    s.db
      .update(solverThreads)
      .set({ nextAt: now })
      .where(
        and(eq(solverThreads.guildId, guildId), inArray(solverThreads.status, ["pending", "creating", "created"])),
      ),
  );
  yield* run(
    s.db
      .update(solverMembers)
      .set({ nextAt: now })
      .where(and(eq(solverMembers.guildId, guildId), eq(solverMembers.status, "pending"))),
  );
}

export function setRoom(ctx: Ctx, guildId: string, channelId: string, now: Date): Promise<void> {
  return ctx.store.write(setRoomIn, guildId, channelId, now);
}

/** Turns the room off: no new seats; what was claimed waits, and resumes if it is turned on again. */
export function roomOff(ctx: Ctx, guildId: string): Promise<boolean> {
  return ctx.store.write(function* (s) {
    const { solverRooms } = s.t;
    return (yield* run(s.db.delete(solverRooms).where(eq(solverRooms.guildId, guildId)))).changes > 0;
  });
}

/** Pauses the room after Discord refused it (a pause already recorded keeps its first reason). */
export function pauseRoom(ctx: Ctx, guildId: string, reason: string, now: Date): Promise<void> {
  return ctx.store.write(function* (s) {
    const { solverRooms } = s.t;
    yield* run(
      s.db
        .update(solverRooms)
        .set({ pausedAt: now, pauseReason: reason })
        .where(and(eq(solverRooms.guildId, guildId), isNull(solverRooms.pausedAt))),
    );
  });
}

// The room's work.

const threadKeyOf = (t: ThreadRow | MemberRow): ThreadKey => ({ guildId: t.guildId, date: t.date, track: t.track });

export const keyString = (k: ThreadKey): string => `${k.guildId}:${k.date}:${k.track}`;

/**
 * Threads with work due at `now` in rooms that are on and not paused: a thread to create or open, or members
 * waiting to be added. With `shards`, only the servers on them.
 */
function* dueIn(s: Session, now: Date, limit: number, shards: ShardPlan | undefined): Gen<ThreadKey[]> {
  const { solverRooms, solverThreads, solverMembers } = s.t;
  const live = and(eq(solverRooms.guildId, solverThreads.guildId), isNull(solverRooms.pausedAt));
  const threads = yield* all(
    s.db
      .select({ guildId: solverThreads.guildId, date: solverThreads.date, track: solverThreads.track })
      .from(solverThreads)
      .innerJoin(solverRooms, live)
      .where(
        and(
          inArray(solverThreads.status, ["pending", "creating", "created"]),
          lte(solverThreads.nextAt, now),
          shards ? guildOnShards(solverThreads.guildId, shards) : undefined,
        ),
      )
      .orderBy(asc(solverThreads.nextAt))
      .limit(limit),
  );
  const members = yield* all(
    s.db
      .selectDistinct({ guildId: solverMembers.guildId, date: solverMembers.date, track: solverMembers.track })
      .from(solverMembers)
      .innerJoin(
        solverThreads,
        and(
          eq(solverThreads.guildId, solverMembers.guildId),
          eq(solverThreads.date, solverMembers.date),
          eq(solverThreads.track, solverMembers.track),
        ),
      )
      .innerJoin(solverRooms, live)
      .where(
        and(
          eq(solverMembers.status, "pending"),
          lte(solverMembers.nextAt, now),
          eq(solverThreads.status, "open"),
          shards ? guildOnShards(solverMembers.guildId, shards) : undefined,
        ),
      )
      .limit(limit),
  );
  const seen = new Map<string, ThreadKey>();
  for (const k of [...threads, ...members]) seen.set(keyString(k), k);
  return [...seen.values()];
}

export function dueWork(ctx: Ctx, now: Date, limit: number, shards?: ShardPlan): Promise<ThreadKey[]> {
  return ctx.store.read(dueIn, now, limit, shards);
}

function* threadIn(s: Session, k: ThreadKey): Gen<ThreadRow | undefined> {
  const { solverThreads } = s.t;
  return yield* get(
    s.db
      .select()
      .from(solverThreads)
      .where(
        and(eq(solverThreads.guildId, k.guildId), eq(solverThreads.date, k.date), eq(solverThreads.track, k.track)),
      ),
  );
}

export function readThread(ctx: Ctx, k: ThreadKey): Promise<ThreadRow | undefined> {
  return ctx.store.read(threadIn, k);
}

/** What the room does with a thread it takes: ask Discord for it, or first look for one an earlier attempt made. */
export type ThreadTake =
  | { action: "create" | "find"; thread: ThreadRow; room: RoomRow }
  | { action: "ready"; thread: ThreadRow; room: RoomRow }
  | { action: "none" };

/**
 * Takes a thread's creation in one write: a pending one becomes `creating` before the request goes out; one left
 * `creating` (a process stopped mid-request, or Discord did not answer) is looked for by its name first.
 */
function* takeThreadIn(s: Session, k: ThreadKey, now: Date): Gen<ThreadTake> {
  const { solverThreads } = s.t;
  const thread = yield* threadIn(s, k);
  const room = yield* roomIn(s, k.guildId);
  if (!thread || !room || room.pausedAt || thread.status === "failed") return { action: "none" };
  if (thread.status === "open") return { action: "ready", thread, room };
  // A backoff holds a thread whose creation or opening message Discord did not answer.
  if (thread.nextAt > now) return { action: "none" };
  if (thread.status === "created") return { action: "ready", thread, room };
  const where = and(
    eq(solverThreads.guildId, k.guildId),
    eq(solverThreads.date, k.date),
    eq(solverThreads.track, k.track),
  );
  yield* run(
    s.db
      .update(solverThreads)
      .set({ status: "creating", attempts: thread.attempts + 1 })
      .where(where),
  );
  return { action: thread.status === "pending" ? "create" : "find", thread, room };
}

export function takeThread(ctx: Ctx, k: ThreadKey, now: Date): Promise<ThreadTake> {
  return ctx.store.write(takeThreadIn, k, now);
}

function* updateThreadIn(s: Session, k: ThreadKey, set: Partial<ThreadRow>): Gen<void> {
  const { solverThreads } = s.t;
  yield* run(
    s.db
      .update(solverThreads)
      .set(set)
      .where(
        and(eq(solverThreads.guildId, k.guildId), eq(solverThreads.date, k.date), eq(solverThreads.track, k.track)),
      ),
  );
}

export function updateThread(ctx: Ctx, k: ThreadKey, set: Partial<ThreadRow>): Promise<void> {
  return ctx.store.write(updateThreadIn, k, set);
}

/** Members of a thread waiting to be added at `now`, first solved first. */
export function pendingMembers(ctx: Ctx, k: ThreadKey, now: Date, limit: number): Promise<MemberRow[]> {
  return ctx.store.read(function* (s) {
    const { solverMembers } = s.t;
    return yield* all(
      s.db
        .select()
        .from(solverMembers)
        .where(
          and(
            eq(solverMembers.guildId, k.guildId),
            eq(solverMembers.date, k.date),
            eq(solverMembers.track, k.track),
            eq(solverMembers.status, "pending"),
            lte(solverMembers.nextAt, now),
          ),
        )
        .orderBy(asc(solverMembers.solvedAt), asc(solverMembers.userId))
        .limit(limit),
    );
  });
}

export function updateMember(ctx: Ctx, m: MemberRow, set: Partial<MemberRow>): Promise<void> {
  return ctx.store.write(function* (s) {
    const { solverMembers } = s.t;
    const k = threadKeyOf(m);
    yield* run(
      s.db
        .update(solverMembers)
        .set(set)
        .where(
          and(
            eq(solverMembers.guildId, k.guildId),
            eq(solverMembers.date, k.date),
            eq(solverMembers.track, k.track),
            eq(solverMembers.userId, m.userId),
          ),
        ),
    );
  });
}
