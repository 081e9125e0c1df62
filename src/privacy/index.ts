/**
 * What Gradient keeps about a member, and deleting it: `/privacy show`, `/privacy delete` and an admin's
 * `/config forget-member` all read and delete through these two functions, so the three can never disagree on what
 * "everything about you" is. Every table that names a member is listed here once (test/privacy.e2e.test.ts reads
 * the database's own schema and fails on a table with a user column this module does not clear).
 */
import { and, count, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import {
  answerAttempts,
  boardEntries,
  completions,
  dmChannels,
  libraryImports,
  libraryItems,
  memberStats,
  members,
  memberTracks,
  milestonesReached,
  reminderSends,
  reminders,
  resourcePicks,
  restDays,
  suggestions,
} from "../db/schema.js";
import { removeFromBoardsIn } from "../streaks/boards.js";
import { onOldDb } from "../streaks/old-db.js";

type Ctx = Pick<AppContext, "db" | "config" | "clock">;

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
const PER_SERVER = [
  completions,
  memberStats,
  boardEntries,
  answerAttempts,
  memberTracks,
  reminders,
  reminderSends,
  restDays,
  milestonesReached,
  suggestions,
  libraryImports,
] as const;

type PerServer = (typeof PER_SERVER)[number];

const owned = (t: PerServer, guildId: string | null, userId: string) =>
  guildId === null ? eq(t.userId, userId) : and(eq(t.userId, userId), eq(t.guildId, guildId));

function countsOf(db: Db, guildId: string | null, userId: string): KeptCounts {
  const n = (table: PerServer, extra?: SQL) =>
    db
      .select({ n: count() })
      .from(table)
      .where(and(owned(table, guildId, userId), extra))
      .get()?.n ?? 0;
  return {
    dailies: n(completions, eq(completions.kind, "daily")),
    practice: n(completions, eq(completions.kind, "practice")),
    notes: n(completions, isNotNull(completions.note)),
    answerTries: n(answerAttempts),
    reminders: n(reminders),
    restDays: n(restDays),
    milestones: n(milestonesReached),
    track: n(memberTracks),
    suggestions: n(suggestions),
  };
}

/** The servers where any row names the member. */
function serversOf(db: Db, userId: string): string[] {
  const union = PER_SERVER.map((t) => sql`SELECT guild_id FROM ${t} WHERE user_id = ${userId}`).reduce(
    (a, b) => sql`${a} UNION ${b}`,
  );
  return db.all<{ guild_id: string }>(union).map((r) => r.guild_id);
}

export function memberData(ctx: Pick<Ctx, "db">, guildId: string | null, userId: string): MemberData {
  const zone = ctx.db.select({ zone: members.timezone }).from(members).where(eq(members.userId, userId)).get();
  const picks = ctx.db.select({ n: count() }).from(resourcePicks).where(eq(resourcePicks.userId, userId)).get();
  return {
    here: guildId === null ? null : countsOf(ctx.db, guildId, userId),
    everywhere: countsOf(ctx.db, null, userId),
    servers: serversOf(ctx.db, userId).length,
    zone: zone?.zone ?? null,
    resourcePicks: picks?.n ?? 0,
  };
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
 * Deletes every row about `userId` in one server in one transaction, taking them off its boards with their counts
 * first (removeFromBoards), so every other member's rank stays exact and the work grows with the member's own rows,
 * never with the size of the server. An accepted suggestion's item stays in the server's
 * library without the suggester's name; a suggestion the member decided as a reviewer keeps its outcome, not who.
 */
function deleteInServer(ctx: Ctx, guildId: string, userId: string): KeptCounts {
  return ctx.db.transaction(
    () => {
      const counted = countsOf(ctx.db, guildId, userId);
      onOldDb(ctx.db, removeFromBoardsIn, guildId, userId, ctx.clock.now().getTime());
      for (const table of PER_SERVER)
        ctx.db
          .delete(table)
          .where(owned(table, guildId, userId))
          .run();
      ctx.db
        .update(libraryItems)
        .set({ suggestedBy: null })
        .where(and(eq(libraryItems.guildId, guildId), eq(libraryItems.suggestedBy, userId)))
        .run();
      ctx.db
        .update(suggestions)
        .set({ decidedBy: null })
        .where(and(eq(suggestions.guildId, guildId), eq(suggestions.decidedBy, userId)))
        .run();
      return counted;
    },
    { behavior: "immediate" },
  );
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
};

function add(a: KeptCounts, b: KeptCounts): KeptCounts {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof KeptCounts]])) as KeptCounts;
}

/**
 * Deletes what Gradient keeps about a member: in one server, or everywhere (every server, one transaction each so
 * no server's write lock is held for another's rebuild, then the member's zone, DM channel and resource picks).
 */
export function deleteMemberData(ctx: Ctx, userId: string, target: DeleteScope): DeleteOutcome {
  const servers = target.scope === "everywhere" ? serversOf(ctx.db, userId) : [target.guildId];
  let deleted = ZERO;
  for (const guildId of servers) deleted = add(deleted, deleteInServer(ctx, guildId, userId));
  if (target.scope === "this-server") return { deleted, servers: servers.length, zone: false, resourcePicks: 0 };
  return ctx.db.transaction(
    () => {
      const zone = ctx.db.delete(members).where(eq(members.userId, userId)).run().changes > 0;
      ctx.db.delete(dmChannels).where(eq(dmChannels.userId, userId)).run();
      const picks = ctx.db.delete(resourcePicks).where(eq(resourcePicks.userId, userId)).run().changes;
      return { deleted, servers: servers.length, zone, resourcePicks: picks };
    },
    { behavior: "immediate" },
  );
}
