/**
 * Whether a day's daily is open for a member, and which challenge it is: one rule for /challenge today and done,
 * a card's buttons (Mark done, Submit answer, another level) and a reminder's. The clock and the server's daily
 * rules are read once, so the date, the track and the challenge always agree.
 */
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { creditedThrough, type StreakState } from "../streaks/engine.js";
import { onOldDb } from "../streaks/old-db.js";
import { stateIn } from "../streaks/store.js";
import type { LocalDate } from "../time/index.js";
import { getDailyChallenge, memberToday } from "./daily.js";
import { getDailyRules, type Track, trackOf } from "./rules.js";

type Ctx = Pick<AppContext, "db" | "config" | "clock" | "content">;

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

/** The daily open for the member now (their today, their track), or why the card or reminder asked about is not. */
export function openDaily(ctx: Ctx, guildId: string, userId: string): OpenDaily;
export function openDaily(ctx: Ctx, guildId: string, userId: string, ask: DailyAsk): OpenDaily | ClosedDaily;
export function openDaily(ctx: Ctx, guildId: string, userId: string, ask: DailyAsk = {}): OpenDaily | ClosedDaily {
  const now = ctx.clock.now();
  const { date, zone } = memberToday(ctx, guildId, userId, now);
  if (ask.cardDate && ask.cardDate !== date) {
    return { status: ask.cardDate < date ? "closed" : "not-yet", date, zone, cardDate: ask.cardDate };
  }
  const rules = getDailyRules(ctx, guildId);
  const track = ask.track === "server-default" ? rules.track : (ask.track ?? trackOf(ctx, guildId, userId, rules));
  return { date, zone, now, track, challenge: getDailyChallenge(ctx, guildId, date, track, rules) };
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
 * with a checked answer, which is completed by answering it. Null when it may be marked done.
 */
export function refuseMarking(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  userId: string,
  open: OpenDaily,
): MarkRefusal | null {
  const { date, zone, challenge } = open;
  const state = onOldDb(ctx.db, stateIn, guildId, userId);
  const creditedDate = creditedThrough(state, date);
  if (creditedDate !== null) return { status: "already", date, zone, challenge, creditedDate, state };
  return challenge.answer ? { status: "needs-answer", date, zone, challenge } : null;
}

/** A challenge's checked answer; one without is marked done, never answered. */
export function checkedAnswer(challenge: Challenge): NonNullable<Challenge["answer"]> {
  if (!challenge.answer) throw new UserError("This challenge has no checked answer: mark it done instead.");
  return challenge.answer;
}
