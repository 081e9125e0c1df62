/**
 * What Gradient keeps about a member, and deleting it: `/privacy show`, `/privacy delete` and an admin's
 * `/config forget-member` all read and delete through these two functions, so the three can never disagree on what
 * "everything about you" is. Every table that names a member is listed here once (test/privacy.e2e.test.ts reads
 * the database's own schema and fails on a table with a user column this module does not clear).
 */
import { and, count, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { type Gen, get, rows, run, type Session, type Tables } from "../db/store.js";
import { removeFromBoardsIn } from "../streaks/boards.js";

type Ctx = Pick<AppContext, "store" | "clock">;

/** What a member sees counted, by kind; `zone` and `resourcePicks` follow the member across servers. */
export interface KeptCounts {
  dailies: number;
  practice: number;
  notes: number;
  answerTries: number;
  reminders: number;
  restDays: number;
  milestones: number;
  track: number;
  suggestions: number;
  ratings: number;
  reports: number;
}

export interface MemberData {
  /** This server's rows; null when asked from a DM. */
  here: KeptCounts | null;
  everywhere: KeptCounts;
  /** Servers where anything about the member is kept. */
  servers: number;
  zone: string | null;
  resourcePicks: number;
}

/** Tables keyed by server and member: deleting a member from a server deletes their rows in each. */
const perServer = (t: Tables) =>
  [
    t.completions,
    t.memberStats,
    t.boardEntries,
    t.answerAttempts,
    t.memberTracks,
    t.reminders,
    t.reminderSends,
    t.restDays,
    t.milestonesReached,
    t.suggestions,
    t.libraryImports,
    t.ratings,
    t.problemReports,
  ] as const;

type PerServer = ReturnType<typeof perServer>[number];

const owned = (t: PerServer, guildId: string | null, userId: string) =>
  guildId === null ? eq(t.userId, userId) : and(eq(t.userId, userId), eq(t.guildId, guildId));

function* countsIn(s: Session, guildId: string | null, userId: string): Gen<KeptCounts> {
  const { completions } = s.t;
  const n = function* (table: PerServer, extra?: SQL): Gen<number> {
    const row = yield* get(
      s.db
        .select({ n: count() })
        .from(table)
        .where(and(owned(table, guildId, userId), extra)),
    );
    return row?.n ?? 0;
  };
  return {
    dailies: yield* n(completions, eq(completions.kind, "daily")),
    practice: yield* n(completions, eq(completions.kind, "practice")),
    notes: yield* n(completions, isNotNull(completions.note)),
    answerTries: yield* n(s.t.answerAttempts),
    reminders: yield* n(s.t.reminders),
    restDays: yield* n(s.t.restDays),
    milestones: yield* n(s.t.milestonesReached),
    track: yield* n(s.t.memberTracks),
    suggestions: yield* n(s.t.suggestions),
    ratings: yield* n(s.t.ratings),
    reports: yield* n(s.t.problemReports),
  };
}

/** The servers where any row names the member, in id order. */
function* serversIn(s: Session, userId: string): Gen<string[]> {
  const union = perServer(s.t)
    .map((t) => sql`SELECT guild_id FROM ${t} WHERE user_id = ${userId}`)
    .reduce((a, b) => sql`${a} UNION ${b}`);
  return (yield* rows<{ guild_id: string }>(sql`${union} ORDER BY guild_id`)).map((r) => r.guild_id);
}

function* memberDataIn(s: Session, guildId: string | null, userId: string): Gen<MemberData> {
  const { members, resourcePicks } = s.t;
  const zone = yield* get(s.db.select({ zone: members.timezone }).from(members).where(eq(members.userId, userId)));
  const picks = yield* get(s.db.select({ n: count() }).from(resourcePicks).where(eq(resourcePicks.userId, userId)));
  return {
    here: guildId === null ? null : yield* countsIn(s, guildId, userId),
    everywhere: yield* countsIn(s, null, userId),
    servers: (yield* serversIn(s, userId)).length,
    zone: zone?.zone ?? null,
    resourcePicks: picks?.n ?? 0,
  };
}

export function memberData(
  ctx: Pick<AppContext, "store">,
  guildId: string | null,
  userId: string,
): Promise<MemberData> {
  return ctx.store.read(memberDataIn, guildId, userId);
}

export type DeleteScope = { scope: "this-server"; guildId: string } | { scope: "everywhere" };

export interface DeleteOutcome {
  /** What was deleted, summed over the servers. */
  deleted: KeptCounts;
  servers: number;
  zone: boolean;
  resourcePicks: number;
}

/**
 * Deletes every row about `userId` in one server, taking them off its boards with their counts first
 * (removeFromBoardsIn), so every other member's rank stays exact and the work grows with the member's own rows,
 * never with the size of the server. An accepted suggestion's item stays in the server's library without the
 * suggester's name; a suggestion the member decided (or a problem report they resolved) as a reviewer keeps its
 * outcome, not who.
 */
function* deleteInServerIn(s: Session, guildId: string, userId: string, now: number): Gen<KeptCounts> {
  const { libraryItems, suggestions, problemReports } = s.t;
  const counted = yield* countsIn(s, guildId, userId);
  // src/streaks still writes through the SQLite connection (until it moves to the store seam): this session's.
  yield* removeFromBoardsIn(s, guildId, userId, now);
  for (const table of perServer(s.t)) yield* run(s.db.delete(table).where(owned(table, guildId, userId)));
  yield* run(
    s.db
      .update(libraryItems)
      .set({ suggestedBy: null })
      .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.suggestedBy, userId))),
  );
  yield* run(
    s.db
      .update(suggestions)
      .set({ decidedBy: null })
      .where(and(eq(suggestions.guildId, guildId), eq(suggestions.decidedBy, userId))),
  );
  yield* run(
    s.db
      .update(problemReports)
      .set({ resolvedBy: null })
      .where(and(eq(problemReports.guildId, guildId), eq(problemReports.resolvedBy, userId))),
  );
  return counted;
}

const ZERO: KeptCounts = {
  dailies: 0,
  practice: 0,
  notes: 0,
  answerTries: 0,
  reminders: 0,
  restDays: 0,
  milestones: 0,
  track: 0,
  suggestions: 0,
  ratings: 0,
  reports: 0,
};

function add(a: KeptCounts, b: KeptCounts): KeptCounts {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof KeptCounts]])) as KeptCounts;
}

function* deleteMemberDataIn(s: Session, userId: string, target: DeleteScope, now: number): Gen<DeleteOutcome> {
  const servers = target.scope === "everywhere" ? yield* serversIn(s, userId) : [target.guildId];
  let deleted = ZERO;
  for (const guildId of servers) deleted = add(deleted, yield* deleteInServerIn(s, guildId, userId, now));
  if (target.scope === "this-server") return { deleted, servers: servers.length, zone: false, resourcePicks: 0 };
  const { members, dmChannels, resourcePicks } = s.t;
  const zone = (yield* run(s.db.delete(members).where(eq(members.userId, userId)))).changes > 0;
  yield* run(s.db.delete(dmChannels).where(eq(dmChannels.userId, userId)));
  const picks = (yield* run(s.db.delete(resourcePicks).where(eq(resourcePicks.userId, userId)))).changes;
  return { deleted, servers: servers.length, zone, resourcePicks: picks };
}

/**
 * Deletes what Gradient keeps about a member, in one transaction: in one server, or everywhere (every server, then
 * the member's zone, DM channel and resource picks), so a deletion is never left half done.
 */
export function deleteMemberData(ctx: Ctx, userId: string, target: DeleteScope): Promise<DeleteOutcome> {
  return ctx.store.write(deleteMemberDataIn, userId, target, ctx.clock.now().getTime());
}
