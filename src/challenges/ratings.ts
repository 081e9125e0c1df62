/**
 * How hard members found a challenge: one rating per member and challenge in a server (a later press replaces it),
 * given from a completion reply or later from `/challenge history`. Only a member who completed the challenge there
 * (daily or practice) may rate it, so the figures `/library stats` and `npm run feedback:export` show come from
 * people who did it, whoever's reply the buttons were pressed on.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";

export const RATINGS = ["easy", "right", "hard"] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = { easy: "Too easy", right: "About right", hard: "Too hard" };

export type RateOutcome = { status: "rated" | "unchanged"; previous: Rating | null };

function* rateIn(
  s: Session,
  now: Date,
  guildId: string,
  userId: string,
  challengeId: string,
  rating: Rating,
): Gen<RateOutcome> {
  const { completions, ratings } = s.t;
  const done = yield* get(
    s.db
      .select({ id: completions.id })
      .from(completions)
      .where(
        and(eq(completions.guildId, guildId), eq(completions.userId, userId), eq(completions.challengeId, challengeId)),
      )
      .limit(1),
  );
  if (!done)
    throw new UserError(
      "Only members who completed this challenge here can rate it. Nothing was recorded; `/challenge history` lists the ones you did.",
    );
  const key = and(eq(ratings.guildId, guildId), eq(ratings.userId, userId), eq(ratings.challengeId, challengeId));
  const previous = (yield* get(s.db.select({ rating: ratings.rating }).from(ratings).where(key)))?.rating ?? null;
  if (previous === rating) return { status: "unchanged", previous };
  yield* run(
    s.db
      .insert(ratings)
      .values({ guildId, userId, challengeId, rating, updatedAt: now })
      .onConflictDoUpdate({
        target: [ratings.guildId, ratings.userId, ratings.challengeId],
        set: { rating, updatedAt: now },
      }),
  );
  return { status: "rated", previous };
}

/** Records (or changes) the member's rating of a challenge they completed in this server. */
export function rateChallenge(
  ctx: Pick<AppContext, "store" | "clock">,
  guildId: string,
  userId: string,
  challengeId: string,
  rating: Rating,
): Promise<RateOutcome> {
  return ctx.store.write(rateIn, ctx.clock.now(), guildId, userId, challengeId, rating);
}

function* ratingsOfIn(s: Session, guildId: string, userId: string, challengeIds: string[]): Gen<Map<string, Rating>> {
  if (challengeIds.length === 0) return new Map();
  const { ratings } = s.t;
  const rows = yield* all(
    s.db
      .select({ challengeId: ratings.challengeId, rating: ratings.rating })
      .from(ratings)
      .where(and(eq(ratings.guildId, guildId), eq(ratings.userId, userId), inArray(ratings.challengeId, challengeIds))),
  );
  return new Map(rows.map((r) => [r.challengeId, r.rating]));
}

/** The member's ratings of these challenges, by challenge id. */
export function ratingsOf(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  challengeIds: string[],
): Promise<Map<string, Rating>> {
  return ctx.store.read(ratingsOfIn, guildId, userId, [...new Set(challengeIds)]);
}
