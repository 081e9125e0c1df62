/**
 * Whether a day's daily is open for a member, and which challenge it is: one rule for /challenge today and done,
 * a card's buttons (Mark done, Submit answer, another level) and a reminder's. The clock and the server's daily
 * rules are read once, so the date, the track and the challenge always agree.
 */
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Gen, Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { creditedThrough, type StreakState } from "../streaks/engine.js";
import type { LocalDate } from "../time/index.js";
import { dailyChallengeIn, getDailyChallenge, memberTodayIn } from "./daily.js";
import { type DailyRules, dailyRulesIn, type Track, trackIn } from "./rules.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock" | "content">;
/** What a store body needs besides its session: the default zone and the server's library. */
export type DailyEnv = Pick<AppContext, "config" | "content">;

/** What a card or a reminder names; /challenge names neither. */
export interface DailyAsk {
  /** The date it was made for: it opens and closes with that day. Without one, the member's today. */
  cardDate?: LocalDate;
  /**
   * The track whose daily it showed. Without one, the member's own track, else the server's default; a reminder
   * sent before reminders named a track showed the server's default, so it asks for "server-default".
   */
  track?: Track | "server-default";
}

/** The member's day, read from one clock reading: their local date, its zone, and that reading. */
export interface MemberDay {
  date: LocalDate;
  zone: string;
  now: Date;
}

export interface OpenDaily extends MemberDay {
  track: Track;
  challenge: Challenge;
}

/** A card or reminder of another day than the member's today: it has closed, or (west of it) not opened yet. */
export interface ClosedDaily {
  status: "closed" | "not-yet";
  date: LocalDate;
  zone: string;
  cardDate: LocalDate;
}

/** The member's day and track at `now`, with the server's rules they were read from, or why the ask is closed. */
function* dayIn(
  s: Session,
  defaultZone: string,
  guildId: string,
  userId: string,
  now: Date,
  ask: DailyAsk,
): Gen<(MemberDay & { track: Track; rules: DailyRules }) | ClosedDaily> {
  const { date, zone } = yield* memberTodayIn(s, defaultZone, guildId, userId, now);
  if (ask.cardDate && ask.cardDate !== date) {
    return { status: ask.cardDate < date ? "closed" : "not-yet", date, zone, cardDate: ask.cardDate };
  }
  const rules = yield* dailyRulesIn(s, guildId);
  const track =
    ask.track === "server-default" ? rules.track : (ask.track ?? (yield* trackIn(s, guildId, userId, rules)));
  return { date, zone, now, track, rules };
}

/** The daily open for the member at `now` (their today, their track), or why the card or reminder asked about is not. */
export function* openDailyIn(
  s: Session,
  env: DailyEnv,
  guildId: string,
  userId: string,
  now: Date,
  ask: DailyAsk = {},
): Gen<OpenDaily | ClosedDaily> {
  const day = yield* dayIn(s, env.config.DEFAULT_TIMEZONE, guildId, userId, now, ask);
  if ("status" in day) return day;
  const { rules, ...open } = day;
  return { ...open, challenge: yield* dailyChallengeIn(s, env.content, guildId, open.date, open.track, rules) };
}

/** `openDailyIn` now, as reads (the day's first ask chooses its daily in a write, src/challenges/daily.ts). */
export function openDaily(ctx: Ctx, guildId: string, userId: string): Promise<OpenDaily>;
export function openDaily(ctx: Ctx, guildId: string, userId: string, ask: DailyAsk): Promise<OpenDaily | ClosedDaily>;
export async function openDaily(
  ctx: Ctx,
  guildId: string,
  userId: string,
  ask: DailyAsk = {},
): Promise<OpenDaily | ClosedDaily> {
  const day = await ctx.store.read(dayIn, ctx.config.DEFAULT_TIMEZONE, guildId, userId, ctx.clock.now(), ask);
  if ("status" in day) return day;
  const { rules, ...open } = day;
  return { ...open, challenge: await getDailyChallenge(ctx, guildId, open.date, open.track, rules) };
}

/** Why an open daily cannot be marked done. */
export type MarkRefusal =
  | {
      status: "already";
      date: LocalDate;
      zone: string;
      challenge: Challenge;
      creditedDate: LocalDate;
      state: StreakState;
    }
  | { status: "needs-answer"; date: LocalDate; zone: string; challenge: Challenge };

/**
 * Marking done is refused for a day already credited (said first, however it was completed) and for a challenge
 * with a checked answer, which is completed by answering it. Null when it may be marked done. `state` is the
 * member's figures in the server.
 */
export function refuseMarking(open: OpenDaily, state: StreakState): MarkRefusal | null {
  const { date, zone, challenge } = open;
  const creditedDate = creditedThrough(state, date);
  if (creditedDate !== null) return { status: "already", date, zone, challenge, creditedDate, state };
  return challenge.answer ? { status: "needs-answer", date, zone, challenge } : null;
}

/** A challenge's checked answer; one without is marked done, never answered. */
export function checkedAnswer(challenge: Challenge): NonNullable<Challenge["answer"]> {
  if (!challenge.answer) throw new UserError("This challenge has no checked answer: mark it done instead.");
  return challenge.answer;
}
