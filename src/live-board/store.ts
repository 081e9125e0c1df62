/**
 * The live board's durable state (one live_boards row per server): its setting, and the claims that keep it to one
 * message. A post is claimed in one write transaction over the server's row before the request goes out, with a
 * nonce derived from the server and how many posts it has had, so a retry after a crash carries the same nonce and
 * a repost after a deletion a new one. An edit is claimed the same way, by moving `shownAt`, so two processes (or
 * ticks) never edit within the same minute.
 */
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { liveBoards } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { guildOnShards, type ShardPlan } from "../discord/shards.js";
import { nonceFor, retakeClaim } from "../jobs/claim.js";

type Ctx = Pick<AppContext, "store">;
export type LiveBoardRow = typeof liveBoards.$inferSelect;
export type LiveBoardKind = LiveBoardRow["board"];

/** Edits at most once a minute: Discord's limits are generous, but a board that moves with every completion is noise. */
export const EDIT_EVERY_MS = 60_000;

/** The nonce of a server's `n`-th post: a readable head, then a hash unique to server and post. */
export function postNonce(guildId: string, n: number): string {
  return nonceFor("lb", `${guildId}:live-board:${n}`);
}

export function* liveBoardIn(s: Session, guildId: string): Gen<LiveBoardRow | undefined> {
  return yield* get(s.db.select().from(s.t.liveBoards).where(eq(s.t.liveBoards.guildId, guildId)));
}

export function getLiveBoard(ctx: Ctx, guildId: string): Promise<LiveBoardRow | undefined> {
  return ctx.store.read(liveBoardIn, guildId);
}

/**
 * Turns the live board on, or changes it. In the same channel the message stays and is edited to the new board; in
 * another, a new message is posted there (the old one stays where it is). Any pause is lifted: setting it again is
 * how an admin says the channel is fixed.
 */
export function* setLiveBoardIn(s: Session, guildId: string, channelId: string, board: LiveBoardKind): Gen<void> {
  const { liveBoards: t } = s.t;
  const old = yield* liveBoardIn(s, guildId);
  // Shown afresh (the board may be another), but no sooner than a minute after the last post or edit.
  const resume = { board, shown: null, pausedAt: null, pauseReason: null };
  if (!old) {
    yield* run(
      s.db
        .insert(t)
        .values({ guildId, channelId, ...resume })
        .onConflictDoNothing(),
    );
    return;
  }
  const moved =
    old.channelId === channelId
      ? {}
      : // An open claim belongs to the old channel: the next post is a new one, with a nonce of its own.
        { channelId, messageId: null, nonce: null, attempts: 0, posts: old.nonce ? old.posts + 1 : old.posts };
  yield* run(
    s.db
      .update(t)
      .set({ ...resume, ...moved })
      .where(eq(t.guildId, guildId)),
  );
}

export function setLiveBoard(ctx: Ctx, guildId: string, channelId: string, board: LiveBoardKind): Promise<void> {
  return ctx.store.write(setLiveBoardIn, guildId, channelId, board);
}

export function* removeLiveBoardIn(s: Session, guildId: string): Gen<boolean> {
  return (yield* run(s.db.delete(s.t.liveBoards).where(eq(s.t.liveBoards.guildId, guildId)))).changes > 0;
}

export function removeLiveBoard(ctx: Ctx, guildId: string): Promise<boolean> {
  return ctx.store.write(removeLiveBoardIn, guildId);
}

/** Every live board not paused, of a server Gradient is still in, on `shards` (every server when absent). */
export function* activeLiveBoardsIn(s: Session, shards: ShardPlan | undefined): Gen<LiveBoardRow[]> {
  const { liveBoards: t, guildRemovals } = s.t;
  const rows = yield* all(
    s.db
      .select({ row: t })
      .from(t)
      .leftJoin(guildRemovals, eq(guildRemovals.guildId, t.guildId))
      .where(
        and(isNull(t.pausedAt), isNull(guildRemovals.guildId), shards ? guildOnShards(t.guildId, shards) : undefined),
      )
      .orderBy(t.guildId),
  );
  return rows.map((r) => r.row);
}

export type PostClaim =
  /** Nothing was open: post with this nonce. */
  | { action: "post"; nonce: string; channelId: string }
  /** A post was claimed before and its outcome is unknown: look for it, else send again with the same nonce. */
  | { action: "recover"; nonce: string; channelId: string }
  /** Too many attempts with no answer: paused with the reason. */
  | { action: "gave-up"; reason: string }
  /** The message exists, or the setting changed or was turned off meanwhile. */
  | { action: "none" };

/** Claims the server's next post (or retakes the open one), in one transaction. */
export function* claimPostIn(
  s: Session,
  guildId: string,
  channelId: string,
  request: { claimant: string; now: Date; maxAttempts: number },
): Gen<PostClaim> {
  const { liveBoards: t } = s.t;
  const row = yield* liveBoardIn(s, guildId);
  if (!row || row.channelId !== channelId || row.messageId !== null || row.pausedAt !== null) return { action: "none" };
  const where = eq(t.guildId, guildId);
  if (row.nonce === null) {
    const nonce = postNonce(guildId, row.posts + 1);
    yield* run(
      s.db.update(t).set({ nonce, attempts: 1, claimedBy: request.claimant, claimedAt: request.now }).where(where),
    );
    return { action: "post", nonce, channelId };
  }
  const retake = retakeClaim(row.attempts, request);
  if (retake.action === "gave-up") {
    const reason = `Gradient could not tell whether the live board was posted in <#${channelId}>: ${retake.set.note}. Run /config board again to resume.`;
    yield* run(s.db.update(t).set({ pausedAt: request.now, pauseReason: reason }).where(where));
    return { action: "gave-up", reason };
  }
  yield* run(s.db.update(t).set(retake.set).where(where));
  return { action: "recover", nonce: row.nonce, channelId };
}

/**
 * Records the message of the open claim `nonce` and what it shows (null: unknown, so it is edited at the next
 * tick); false when the setting moved meanwhile.
 */
export function* recordPostIn(
  s: Session,
  guildId: string,
  nonce: string,
  messageId: string,
  shown: string | null,
  now: Date,
): Gen<boolean> {
  const { liveBoards: t } = s.t;
  const { changes } = yield* run(
    s.db
      .update(t)
      .set({
        messageId,
        nonce: null,
        attempts: 0,
        posts: sql`${t.posts} + 1`,
        shown,
        shownAt: shown === null ? null : now,
      })
      .where(and(eq(t.guildId, guildId), eq(t.nonce, nonce))),
  );
  return changes > 0;
}

/**
 * Claims this minute's edit of `messageId` to show `shown`: only when it shows something else and was not posted
 * or edited in the last minute. The claim moves `shownAt`; `shown` moves once Discord has the edit.
 */
export function* claimEditIn(s: Session, guildId: string, messageId: string, shown: string, now: Date): Gen<boolean> {
  const { liveBoards: t } = s.t;
  const { changes } = yield* run(
    s.db
      .update(t)
      .set({ shownAt: now })
      .where(
        and(
          eq(t.guildId, guildId),
          eq(t.messageId, messageId),
          isNull(t.pausedAt),
          or(isNull(t.shown), sql`${t.shown} <> ${shown}`),
          or(isNull(t.shownAt), lte(t.shownAt, new Date(now.getTime() - EDIT_EVERY_MS))),
        ),
      ),
  );
  return changes > 0;
}

export function* recordEditIn(s: Session, guildId: string, messageId: string, shown: string): Gen<void> {
  const { liveBoards: t } = s.t;
  yield* run(
    s.db
      .update(t)
      .set({ shown })
      .where(and(eq(t.guildId, guildId), eq(t.messageId, messageId))),
  );
}

/** Discord says the message is gone (someone deleted it): the next post is a new message. */
export function* forgetMessageIn(s: Session, guildId: string, messageId: string): Gen<void> {
  const { liveBoards: t } = s.t;
  yield* run(
    s.db
      .update(t)
      .set({ messageId: null, shown: null, shownAt: null })
      .where(and(eq(t.guildId, guildId), eq(t.messageId, messageId))),
  );
}

/** Pauses the live board whose channel refused it, unless an admin has already moved it to another channel. */
export function* pauseLiveBoardIn(
  s: Session,
  guildId: string,
  channelId: string,
  reason: string,
  now: Date,
): Gen<void> {
  const { liveBoards: t } = s.t;
  yield* run(
    s.db
      .update(t)
      .set({ pausedAt: now, pauseReason: reason })
      .where(and(eq(t.guildId, guildId), eq(t.channelId, channelId))),
  );
}
