/** What a member does with their reminders: set, switch off, look at, and press Mark done or Submit answer on one. */
import { announceSeat, completeTodayIn, type DoneOutcome } from "../challenges/complete.js";
import { type ClosedDaily, checkedAnswer, type DailyAsk, type OpenDaily, openDailyIn } from "../challenges/open.js";
import type { Track } from "../challenges/rules.js";
import { type SubmitOutcome, submitOpenedIn } from "../challenges/submit.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Gen, Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { upcomingSlots } from "../jobs/slots.js";
import { withLibraryOf } from "../library/store.js";
import { engagementIn, zoneIn } from "../settings/index.js";
import type { LocalDate } from "../time/index.js";
import type { TimeOfDay } from "../time/zoned.js";
import { challengeTag } from "./custom-ids.js";
import {
  type ReminderRow,
  reminderIn,
  remindersOfIn,
  removeReminder,
  removeReminderIn,
  setReminderIn,
} from "./store.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock">;
type LibraryCtx = Ctx & Pick<AppContext, "content" | "solvers">;

export interface ReminderView {
  guildId: string;
  time: string;
  onlyStreak: boolean;
  zone: string;
  /** When the next one is due, if it is on (it is still skipped on a done or rest day). */
  next: Date | null;
  delivery: "dm" | "channel";
  channelId: string | null;
  offReason: string | null;
}

function* viewIn(s: Session, row: ReminderRow, now: Date, defaultZone: string): Gen<ReminderView> {
  const zone = yield* zoneIn(s, defaultZone, row.guildId, row.userId);
  const settings = yield* engagementIn(s, row.guildId);
  const from = now.getTime() < row.effectiveFrom.getTime() ? row.effectiveFrom : now;
  const [next] = upcomingSlots({ kind: "daily", weekday: null, time: row.time, zone }, from, 1);
  return {
    guildId: row.guildId,
    time: row.time,
    onlyStreak: row.onlyStreak,
    zone,
    next: row.offAt ? null : (next?.due ?? null),
    delivery: settings.reminderMode,
    channelId: settings.reminderChannelId,
    offReason: row.offReason,
  };
}

export function remindAt(
  ctx: Ctx,
  guildId: string,
  userId: string,
  time: TimeOfDay,
  onlyStreak: boolean,
): Promise<ReminderView> {
  const now = ctx.clock.now();
  return ctx.store.write(function* (s) {
    const row = yield* setReminderIn(s, { guildId, userId, time, onlyStreak }, now);
    return yield* viewIn(s, row, now, ctx.config.DEFAULT_TIMEZONE);
  });
}

export function remindOff(ctx: Ctx, guildId: string, userId: string): Promise<boolean> {
  return removeReminder(ctx, guildId, userId);
}

/** What `/remind off` did. A DM names no server: one reminder goes off, and with several the member picks. */
export type RemindOffOutcome =
  | { status: "off"; guildId: string }
  | { status: "none"; inGuild: boolean }
  | { status: "choose"; guildIds: string[] };

/** `/remind off` in `guildId`, or in a DM (null), where it stops the member's only reminder or asks which one. */
export function remindOffFrom(ctx: Ctx, guildId: string | null, userId: string): Promise<RemindOffOutcome> {
  return ctx.store.write(function* (s): Gen<RemindOffOutcome> {
    if (guildId)
      return (yield* removeReminderIn(s, guildId, userId))
        ? { status: "off", guildId }
        : { status: "none", inGuild: true };
    const guildIds = (yield* remindersOfIn(s, userId)).map((r) => r.guildId);
    const [only] = guildIds;
    if (only === undefined) return { status: "none", inGuild: false };
    if (guildIds.length > 1) return { status: "choose", guildIds: guildIds.sort() };
    yield* removeReminderIn(s, only, userId);
    return { status: "off", guildId: only };
  });
}

/** The member's reminder in `guildId`, or every one of theirs when null (a DM names no server). */
export function remindersShown(ctx: Ctx, guildId: string | null, userId: string): Promise<ReminderView[]> {
  const now = ctx.clock.now();
  return ctx.store.read(function* (s) {
    const rows = guildId
      ? [yield* reminderIn(s, guildId, userId)].filter((r) => r !== undefined)
      : yield* remindersOfIn(s, userId);
    const views: ReminderView[] = [];
    for (const row of rows) views.push(yield* viewIn(s, row, now, ctx.config.DEFAULT_TIMEZONE));
    return views;
  });
}

/** A reminder's buttons work only for a member who still has a reminder in the server they name. */
function* requireReminderIn(s: Session, guildId: string, userId: string): Gen<void> {
  if (!(yield* reminderIn(s, guildId, userId)))
    throw new UserError("That reminder is from a server where you no longer have one, so nothing was recorded.");
}

/** What a reminder's Mark done names: the server, the date, and the track whose daily it showed. */
export interface RemindedDone {
  guildId: string;
  date: LocalDate;
  track?: Track;
}

/** A reminder's daily closes with its date; one sent before reminders named a track showed the server's default. */
const remindedAsk = (ref: RemindedDone): DailyAsk => ({ cardDate: ref.date, track: ref.track ?? "server-default" });

/**
 * Mark done pressed on a reminder: credits the server it came from (named by the button, as a DM interaction
 * names none) with the daily the reminder showed, only for a member who has a reminder there, and only on the
 * reminder's date.
 */
export async function doneFromReminder(ctx: LibraryCtx, ref: RemindedDone, userId: string): Promise<DoneOutcome> {
  // A DM's interaction names no server, so the router handed the shipped library: the server's is needed here.
  const server = await withLibraryOf(ctx, ref.guildId);
  const now = ctx.clock.now();
  const outcome = await ctx.store.write(function* (s) {
    yield* requireReminderIn(s, ref.guildId, userId);
    return yield* completeTodayIn(s, server, ref.guildId, userId, now, remindedAsk(ref), null);
  });
  return announceSeat(ctx, outcome);
}

/** What a reminder's Submit answer names: Mark done's, and the tag of the challenge reminded of. */
export interface RemindedAnswer extends RemindedDone {
  challengeTag: string;
}

/** The server's daily of the reminder's date is no longer the challenge the reminder was about. */
export type ChallengeChanged = { status: "changed"; date: LocalDate };

/**
 * The challenge a reminder's answer is for, checked against the one it reminded of, with `server`, the context with
 * the server's library (a DM's interaction names no server, so the router handed the shipped one).
 */
function* remindedChallengeIn(
  s: Session,
  server: LibraryCtx,
  ref: RemindedAnswer,
  userId: string,
  now: Date,
): Gen<{ open: OpenDaily; server: LibraryCtx } | ClosedDaily | ChallengeChanged> {
  yield* requireReminderIn(s, ref.guildId, userId);
  const open = yield* openDailyIn(s, server, ref.guildId, userId, now, remindedAsk(ref));
  if ("status" in open) return open;
  if (challengeTag(open.challenge.id) !== ref.challengeTag) return { status: "changed", date: ref.date };
  return { open, server };
}

/** Submit answer pressed on a reminder: the challenge whose answer box to open, or why there is none to answer. */
export async function reminderToAnswer(
  ctx: LibraryCtx,
  ref: RemindedAnswer,
  userId: string,
): Promise<{ challenge: Challenge } | ClosedDaily | ChallengeChanged> {
  // A write: the day's first ask records its daily (src/challenges/daily.ts).
  const server = await withLibraryOf(ctx, ref.guildId);
  const found = await ctx.store.write(remindedChallengeIn, server, ref, userId, ctx.clock.now());
  if ("status" in found) return found;
  checkedAnswer(found.open.challenge);
  return { challenge: found.open.challenge };
}

/**
 * An answer submitted from a reminder: checked as the card's are (src/challenges/submit.ts), crediting the server
 * the reminder came from on its date only, and only while that day's daily is the challenge reminded of.
 */
export async function answerFromReminder(
  ctx: LibraryCtx,
  ref: RemindedAnswer,
  userId: string,
  given: string,
): Promise<SubmitOutcome | ChallengeChanged> {
  // Composed before the transaction: its body cannot wait for the store.
  const server = await withLibraryOf(ctx, ref.guildId);
  const now = ctx.clock.now();
  const outcome = await ctx.store.write(function* (s): Gen<SubmitOutcome | ChallengeChanged> {
    const found = yield* remindedChallengeIn(s, server, ref, userId, now);
    if ("status" in found) return found;
    return yield* submitOpenedIn(s, ref.guildId, userId, found.open, given);
  });
  return announceSeat(ctx, outcome);
}
