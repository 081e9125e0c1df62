/**
 * Submitting a checked answer: one use case, one transaction. A right answer records the completion as verified
 * (today's daily, or a practice challenge); a wrong one records nothing but the try. A member has MAX_TRIES tries
 * per challenge per local date; an unreadable answer (not a number where one is asked) costs no try.
 */
import { and, eq, sql } from "drizzle-orm";
import { findChallenge } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import { type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import type { Seat } from "../solvers/store.js";
import type { StreakState } from "../streaks/engine.js";
import { type DailyResult, markVerifiedIn, practiceIn } from "../streaks/store.js";
import type { LocalDate } from "../time/index.js";
import { checkAnswer, MAX_TRIES } from "./answers.js";
import { announceSeat, recordDailyIn } from "./complete.js";
import type { AnswerTarget } from "./custom-ids.js";
import { memberToday, memberTodayIn } from "./daily.js";
import {
  type ClosedDaily,
  checkedAnswer,
  type DailyEnv,
  type MemberDay,
  type OpenDaily,
  openDaily,
  openDailyIn,
} from "./open.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock" | "content" | "solvers">;

export type SubmitOutcome =
  | ClosedDaily
  | { status: "unreadable"; challenge: Challenge; message: string }
  | { status: "out-of-tries"; challenge: Challenge }
  | { status: "solved-before"; challenge: Challenge }
  | { status: "wrong"; challenge: Challenge; triesLeft: number; tries: number }
  | {
      status: "right";
      challenge: Challenge;
      tries: number;
      daily: boolean;
      date: LocalDate;
      /** The completion this answer recorded; absent when the day (or the practice) was already credited. */
      recorded?: Extract<DailyResult, { status: "recorded" }> | { status: "practice"; state: StreakState };
      /** The member's seat in the solvers' room, for a daily it recorded in a server that has one. */
      room?: Seat;
      /** With nothing recorded: whether the earlier completion was of this challenge and is now marked verified. */
      markedVerified?: boolean;
    };

const statements = preparedPerSession(({ db, t }) => {
  const { answerAttempts } = t;
  const key = and(
    eq(answerAttempts.guildId, sql.placeholder("guildId")),
    eq(answerAttempts.userId, sql.placeholder("userId")),
    eq(answerAttempts.challengeId, sql.placeholder("challengeId")),
    eq(answerAttempts.localDate, sql.placeholder("localDate")),
  );
  return {
    read: db
      .select({ tries: answerAttempts.tries, solvedAt: answerAttempts.solvedAt })
      .from(answerAttempts)
      .where(key)
      .prepare(),
    count: db
      .insert(answerAttempts)
      .values({
        guildId: sql.placeholder("guildId"),
        userId: sql.placeholder("userId"),
        challengeId: sql.placeholder("challengeId"),
        localDate: sql.placeholder("localDate"),
        tries: 1,
        solvedAt: sql.placeholder("solvedAt"),
      })
      .onConflictDoUpdate({
        target: [answerAttempts.guildId, answerAttempts.userId, answerAttempts.challengeId, answerAttempts.localDate],
        set: { tries: sql`${answerAttempts.tries} + 1`, solvedAt: sql`excluded.solved_at` },
      })
      .prepare(),
  };
});

/** A challenge open to an answer: the day's open daily, or a practice challenge, on the member's day. */
export type Answerable = (MemberDay & { challenge: Challenge }) | OpenDaily;

/**
 * The challenge an answer is for at `now`, or why it is not open: a daily card closes with its day
 * (src/challenges/open.ts).
 */
export function* answerChallengeIn(
  s: Session,
  env: DailyEnv,
  guildId: string,
  userId: string,
  now: Date,
  target: AnswerTarget,
): Gen<Answerable | ClosedDaily> {
  if ("date" in target)
    return yield* openDailyIn(s, env, guildId, userId, now, { cardDate: target.date, track: target.track });
  const challenge = findChallenge(env.content, target.challengeId);
  if (!challenge) throw new UserError("That challenge is no longer in the library.");
  return { challenge, now, ...(yield* memberTodayIn(s, env.config.DEFAULT_TIMEZONE, guildId, userId, now)) };
}

/** `answerChallengeIn` now, as reads (the day's first ask chooses its daily in a write, src/challenges/daily.ts). */
export async function answerChallenge(
  ctx: Ctx,
  guildId: string,
  userId: string,
  target: AnswerTarget,
): Promise<Answerable | ClosedDaily> {
  if ("date" in target) return openDaily(ctx, guildId, userId, { cardDate: target.date, track: target.track });
  const challenge = findChallenge(ctx.content, target.challengeId);
  if (!challenge) throw new UserError("That challenge is no longer in the library.");
  const now = ctx.clock.now();
  return { challenge, now, ...(await memberToday(ctx, guildId, userId, now)) };
}

export async function submitAnswer(
  ctx: Ctx,
  guildId: string,
  userId: string,
  target: AnswerTarget,
  given: string,
): Promise<SubmitOutcome> {
  const outcome = await ctx.store.write(function* (s, now: Date): Gen<SubmitOutcome> {
    const open = yield* answerChallengeIn(s, ctx, guildId, userId, now, target);
    return "status" in open ? open : yield* submitOpenedIn(s, guildId, userId, open, given);
  }, ctx.clock.now());
  return announceSeat(ctx, outcome);
}

/**
 * Checks an answer to a challenge already found open (a daily names its track; practice does not) and records
 * what it earns, at the clock reading the challenge was found open with.
 */
export function* submitOpenedIn(
  s: Session,
  guildId: string,
  userId: string,
  open: Answerable,
  given: string,
): Gen<SubmitOutcome> {
  const { challenge, date, zone } = open;
  const answer = checkedAnswer(challenge);
  const st = statements(s);
  const key = { guildId, userId, challengeId: challenge.id, localDate: date };
  const before = yield* get(st.read, key);
  if (before?.solvedAt != null) return { status: "solved-before", challenge };
  if ((before?.tries ?? 0) >= MAX_TRIES) return { status: "out-of-tries", challenge };
  const verdict = checkAnswer(answer.check, given);
  if (verdict.kind === "unreadable") return { status: "unreadable", challenge, message: verdict.message };
  const now = open.now.getTime();
  const tries = (before?.tries ?? 0) + 1;
  yield* run(st.count, { ...key, solvedAt: verdict.kind === "right" ? now : null });
  if (verdict.kind === "wrong") return { status: "wrong", challenge, tries, triesLeft: MAX_TRIES - tries };
  const daily = "track" in open;
  const input = { guildId, userId, date, zone, at: now, challengeId: challenge.id, verified: true };
  if (daily) {
    const { result, room } = yield* recordDailyIn(s, open, { guildId, userId, at: now, verified: true, note: null });
    if (result.status === "recorded")
      return { status: "right", challenge, tries, daily, date, recorded: result, ...(room ? { room } : {}) };
  } else {
    const result = yield* practiceIn(s, input);
    if (result.status === "recorded")
      return {
        status: "right",
        challenge,
        tries,
        daily,
        date,
        recorded: { status: "practice", state: result.state },
      };
  }
  const done = { guildId, userId, challengeId: challenge.id, kind: daily ? "daily" : "practice", date } as const;
  return { status: "right", challenge, tries, daily, date, markedVerified: yield* markVerifiedIn(s, done) };
}

export async function submitOpened(
  ctx: Pick<AppContext, "store" | "solvers">,
  guildId: string,
  userId: string,
  open: Answerable,
  given: string,
): Promise<SubmitOutcome> {
  return announceSeat(ctx, await ctx.store.write(submitOpenedIn, guildId, userId, open, given));
}
