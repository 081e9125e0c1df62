/**
 * Submitting a checked answer: one use case, one transaction. A right answer records the completion as verified
 * (today's daily, or a practice challenge); a wrong one records nothing but the try. A member has MAX_TRIES tries
 * per challenge per local date; an unreadable answer (not a number where one is asked) costs no try.
 */
import { and, eq, sql } from "drizzle-orm";
import { findChallenge } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { answerAttempts } from "../db/schema.js";
import { UserError } from "../errors.js";
import type { StreakState } from "../streaks/engine.js";
import { onOldDb } from "../streaks/old-db.js";
import { type DailyResult, dailyIn, markVerifiedIn, practiceIn } from "../streaks/store.js";
import type { LocalDate } from "../time/index.js";
import { checkAnswer, MAX_TRIES } from "./answers.js";
import type { AnswerTarget } from "./custom-ids.js";
import { memberToday } from "./daily.js";
import { type ClosedDaily, checkedAnswer, type MemberDay, type OpenDaily, openDaily } from "./open.js";

type Ctx = Pick<AppContext, "db" | "config" | "clock" | "content">;

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
      /** With nothing recorded: whether the earlier completion was of this challenge and is now marked verified. */
      markedVerified?: boolean;
    };

function prepare(db: Db) {
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
}

const statementsFor = preparedPerDatabase(prepare);

/** Tries the member has left today for a challenge (for the card's wording before they submit). */
export function triesLeft(ctx: Pick<Ctx, "db">, guildId: string, userId: string, challengeId: string, date: LocalDate) {
  const row = statementsFor(ctx.db).read.get({ guildId, userId, challengeId, localDate: date });
  return row?.solvedAt != null ? 0 : MAX_TRIES - (row?.tries ?? 0);
}

/** A challenge open to an answer: the day's open daily, or a practice challenge, on the member's day. */
export type Answerable = (MemberDay & { challenge: Challenge }) | OpenDaily;

/** The challenge an answer is for, or why it is not open: a daily card closes with its day (src/challenges/open.ts). */
export function answerChallenge(
  ctx: Ctx,
  guildId: string,
  userId: string,
  target: AnswerTarget,
): Answerable | ClosedDaily {
  if ("date" in target) return openDaily(ctx, guildId, userId, { cardDate: target.date, track: target.track });
  const challenge = findChallenge(ctx.content, target.challengeId);
  if (!challenge) throw new UserError("That challenge is no longer in the library.");
  const now = ctx.clock.now();
  return { challenge, now, ...memberToday(ctx, guildId, userId, now) };
}

export function submitAnswer(
  ctx: Ctx,
  guildId: string,
  userId: string,
  target: AnswerTarget,
  given: string,
): SubmitOutcome {
  return ctx.db.transaction(
    (): SubmitOutcome => {
      const open = answerChallenge(ctx, guildId, userId, target);
      return "status" in open ? open : submitOpened(ctx, guildId, userId, open, given);
    },
    { behavior: "immediate" },
  );
}

/**
 * Checks an answer to a challenge already found open (a daily names its track; practice does not) and records
 * what it earns, at the clock reading the challenge was found open with.
 */
export function submitOpened(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  userId: string,
  open: Answerable,
  given: string,
): SubmitOutcome {
  return ctx.db.transaction(
    (): SubmitOutcome => {
      const { challenge, date, zone } = open;
      const answer = checkedAnswer(challenge);
      const s = statementsFor(ctx.db);
      const key = { guildId, userId, challengeId: challenge.id, localDate: date };
      const before = s.read.get(key);
      if (before?.solvedAt != null) return { status: "solved-before", challenge };
      if ((before?.tries ?? 0) >= MAX_TRIES) return { status: "out-of-tries", challenge };
      const verdict = checkAnswer(answer.check, given);
      if (verdict.kind === "unreadable") return { status: "unreadable", challenge, message: verdict.message };
      const now = open.now.getTime();
      const tries = (before?.tries ?? 0) + 1;
      s.count.run({ ...key, solvedAt: verdict.kind === "right" ? now : null });
      if (verdict.kind === "wrong") return { status: "wrong", challenge, tries, triesLeft: MAX_TRIES - tries };
      const daily = "track" in open;
      const input = { guildId, userId, date, zone, at: now, challengeId: challenge.id, verified: true };
      if (daily) {
        const result = onOldDb(ctx.db, dailyIn, { ...input, note: null });
        if (result.status === "recorded") return { status: "right", challenge, tries, daily, date, recorded: result };
      } else {
        const result = onOldDb(ctx.db, practiceIn, input);
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
      return { status: "right", challenge, tries, daily, date, markedVerified: onOldDb(ctx.db, markVerifiedIn, done) };
    },
    { behavior: "immediate" },
  );
}
