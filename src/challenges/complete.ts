import { findChallenge } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Gen, Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { randomIndex } from "../random.js";
import { type Seat, seatIn } from "../solvers/store.js";
import type { StreakState } from "../streaks/engine.js";
import {
  type DailyInput,
  type DailyResult,
  dailyIn,
  practiceIn as recordPracticeIn,
  stateIn,
} from "../streaks/store.js";
import type { LocalDate } from "../time/index.js";
import { memberTodayIn } from "./daily.js";
import {
  type ClosedDaily,
  type DailyAsk,
  type DailyEnv,
  type MarkRefusal,
  type OpenDaily,
  openDailyIn,
  refuseMarking,
} from "./open.js";

export const NOTE_MAX = 300;

type Ctx = Pick<AppContext, "store" | "config" | "clock" | "content" | "solvers">;

export type RecordedDaily = Extract<DailyResult, { status: "recorded" }>;

/**
 * The one way a daily completion is recorded, whichever button or command it came from (marked done here, a
 * right answer in ./submit.ts, either from a reminder): the credit, and in the same transaction the member's seat
 * in the solvers' room (src/solvers), so the addition to its thread is claimed exactly when the solve is.
 */
export function* recordDailyIn(
  s: Session,
  open: OpenDaily,
  input: Omit<DailyInput, "date" | "zone" | "challengeId">,
): Gen<{ result: DailyResult; room?: Seat }> {
  const { date, zone, track, challenge } = open;
  const result = yield* dailyIn(s, { ...input, date, zone, challengeId: challenge.id });
  if (result.status !== "recorded") return { result };
  const seat = { guildId: input.guildId, userId: input.userId, date, track, now: input.at };
  const room = yield* seatIn(s, { ...seat, challengeId: challenge.id, title: challenge.title });
  return room ? { result, room } : { result };
}

/**
 * After a completion's transaction committed: the room is told of the seat it claimed, to add the member once the
 * reply is out. Every completion use case returns through this.
 */
export function announceSeat<T extends object>(ctx: Pick<AppContext, "solvers">, outcome: T): T {
  const room = "room" in outcome ? (outcome.room as Seat | undefined) : undefined;
  if (room) ctx.solvers?.seated(room);
  return outcome;
}

/** A note is optional; blank means none. Over NOTE_MAX characters is refused with a message and records nothing. */
export function validateNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  if (trimmed === "") return null;
  const length = [...trimmed].length;
  if (length > NOTE_MAX) {
    throw new UserError(
      `Your note has ${length} characters; a note can have at most ${NOTE_MAX}. Shorten it and try again (nothing was recorded).`,
    );
  }
  return trimmed;
}

export type DoneOutcome =
  | {
      status: "recorded";
      date: LocalDate;
      zone: string;
      challenge: Challenge;
      result: RecordedDaily;
      note: string | null;
      /** The member's seat in the solvers' room, when the server has one. */
      room?: Seat;
    }
  | MarkRefusal
  | ClosedDaily;

/**
 * Credits the member with the daily open at `now` (src/challenges/open.ts): today's on their track, or the one a
 * card or reminder names while its day lasts.
 */
export function* completeTodayIn(
  s: Session,
  env: DailyEnv,
  guildId: string,
  userId: string,
  now: Date,
  ask: DailyAsk,
  note: string | null,
): Gen<DoneOutcome> {
  const open = yield* openDailyIn(s, env, guildId, userId, now, ask);
  if ("status" in open) return open;
  const refused = refuseMarking(open, yield* stateIn(s, guildId, userId));
  if (refused) return refused;
  const { date, zone, challenge } = open;
  const { result, room } = yield* recordDailyIn(s, open, { guildId, userId, at: now.getTime(), note });
  if (result.status === "already") {
    return { status: "already", date, zone, challenge, creditedDate: result.creditedDate, state: result.state };
  }
  return { status: "recorded", date, zone, challenge, result, note, ...(room ? { room } : {}) };
}

/** `completeTodayIn` now, in one write, so a busy store retries it whole. */
export async function completeToday(
  ctx: Ctx,
  guildId: string,
  userId: string,
  options: DailyAsk & { note?: string | null } = {},
): Promise<DoneOutcome> {
  const note = validateNote(options.note);
  return announceSeat(
    ctx,
    await ctx.store.write(completeTodayIn, ctx, guildId, userId, ctx.clock.now(), options, note),
  );
}

export type PracticeOutcome =
  | { status: "recorded"; challenge: Challenge; state: StreakState }
  | { status: "already"; challenge: Challenge };

function* practiceIn(
  s: Session,
  defaultZone: string,
  guildId: string,
  userId: string,
  challenge: Challenge,
  now: Date,
): Gen<PracticeOutcome> {
  const { zone, date } = yield* memberTodayIn(s, defaultZone, guildId, userId, now);
  const input = { guildId, userId, date, zone, at: now.getTime(), challengeId: challenge.id };
  const result = yield* recordPracticeIn(s, input);
  return result.status === "recorded"
    ? { status: "recorded", challenge, state: result.state }
    : { status: "already", challenge };
}

/** Records a practice completion of `challengeId` (counted in totals, never in the streak). */
export async function completePractice(
  ctx: Ctx,
  guildId: string,
  userId: string,
  challengeId: string,
): Promise<PracticeOutcome> {
  const challenge = findChallenge(ctx.content, challengeId);
  if (!challenge) throw new UserError("That challenge is no longer in the library, so it can't be marked done.");
  return ctx.store.write(practiceIn, ctx.config.DEFAULT_TIMEZONE, guildId, userId, challenge, ctx.clock.now());
}

/** A practice challenge for the member: matching the filters, preferring ones they have not done yet. */
export function pickPractice(
  ctx: Pick<AppContext, "content" | "random">,
  filters: { area?: string | null; level?: string | null },
  done: ReadonlySet<string>,
): Challenge {
  const topicArea = new Map(ctx.content.topics.map((t) => [t.id, t.area]));
  const matching = ctx.content.challenges.filter(
    (c) => (!filters.area || topicArea.get(c.topic) === filters.area) && (!filters.level || c.level === filters.level),
  );
  if (matching.length === 0) {
    throw new UserError("No challenge matches that area and level yet. Try another level, or leave the level out.");
  }
  const fresh = matching.filter((c) => !done.has(c.id));
  const pool = fresh.length > 0 ? fresh : matching;
  return pool[randomIndex(ctx.random, pool.length)] as Challenge;
}
