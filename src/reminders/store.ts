/**
 * Reminders' durable state: who asked for one and when, the DM channels opened, and the per-date records that
 * make each reminder happen at most once. A claim is one write transaction, like scheduled posts' slots; the
 * primary key (guild, member, date) is what makes a second claim of one date impossible on either engine.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { reminderSends, reminders } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { retakeClaim } from "../jobs/claim.js";
import type { TimeOfDay } from "../time/zoned.js";

type Ctx = Pick<AppContext, "store">;
export type ReminderRow = typeof reminders.$inferSelect;
export type SendRow = typeof reminderSends.$inferSelect;
export type SendStatus = SendRow["status"];

const p = <T extends string>(name: T) => sql.placeholder(name);

const statements = preparedPerSession(({ db, t }) => {
  const sendKey = and(
    eq(t.reminderSends.guildId, p("guildId")),
    eq(t.reminderSends.userId, p("userId")),
    eq(t.reminderSends.date, p("date")),
  );
  return {
    active: db
      .select({
        guildId: t.reminders.guildId,
        userId: t.reminders.userId,
        time: t.reminders.time,
        onlyStreak: t.reminders.onlyStreak,
        effectiveFrom: t.reminders.effectiveFrom,
        presentAt: t.reminders.presentAt,
        memberZone: t.members.timezone,
        guildZone: t.guilds.timezone,
        mode: t.engagementSettings.reminderMode,
        channelId: t.engagementSettings.reminderChannelId,
      })
      .from(t.reminders)
      .leftJoin(t.members, eq(t.members.userId, t.reminders.userId))
      .leftJoin(t.guilds, eq(t.guilds.id, t.reminders.guildId))
      .leftJoin(t.engagementSettings, eq(t.engagementSettings.guildId, t.reminders.guildId))
      // A server that removed Gradient is left out from that instant (src/jobs/removed-guilds.ts).
      .leftJoin(t.guildRemovals, eq(t.guildRemovals.guildId, t.reminders.guildId))
      // Channel reminders whose channel Discord refused wait for the admin (src/reminders/channel-pause.ts).
      .where(
        and(isNull(t.reminders.offAt), isNull(t.guildRemovals.guildId), isNull(t.engagementSettings.reminderPausedAt)),
      )
      // The primary key's order: the same wave, in the same order, on either engine.
      .orderBy(t.reminders.guildId, t.reminders.userId)
      .prepare(),
    status: db.select({ status: t.reminderSends.status }).from(t.reminderSends).where(sendKey).prepare(),
    send: db.select().from(t.reminderSends).where(sendKey).prepare(),
    dm: db
      .select({ channelId: t.dmChannels.channelId })
      .from(t.dmChannels)
      .where(eq(t.dmChannels.userId, p("userId")))
      .prepare(),
    // Asked before every command a member uses.
    noticesPending: db
      .select({ guildId: t.reminders.guildId })
      .from(t.reminders)
      .where(and(eq(t.reminders.userId, p("userId")), eq(t.reminders.noticePending, true)))
      .prepare(),
  };
});

// ---- reminders -------------------------------------------------------------------------------------------

export interface ActiveReminder {
  guildId: string;
  userId: string;
  time: TimeOfDay;
  onlyStreak: boolean;
  effectiveFrom: Date;
  /** When the member was last known to be in the guild (src/reminders/presence.ts). */
  presentAt: Date | null;
  memberZone: string | null;
  guildZone: string | null;
  /** Null when the guild kept the default (DM). */
  mode: "dm" | "channel" | null;
  channelId: string | null;
}

/** Every reminder that is on, in a server Gradient is still in, with the zones that decide its member's calendar and the guild's delivery. */
export function* activeRemindersIn(s: Session): Gen<ActiveReminder[]> {
  return yield* all(statements(s).active);
}

export function activeReminders(ctx: Ctx): Promise<ActiveReminder[]> {
  return ctx.store.read(activeRemindersIn);
}

const whereReminder = (s: Session, guildId: string, userId: string) =>
  and(eq(s.t.reminders.guildId, guildId), eq(s.t.reminders.userId, userId));

export function* reminderIn(s: Session, guildId: string, userId: string): Gen<ReminderRow | undefined> {
  return yield* get(
    s.db
      .select()
      .from(s.t.reminders)
      .where(whereReminder(s, guildId, userId)),
  );
}

export function getReminder(ctx: Ctx, guildId: string, userId: string): Promise<ReminderRow | undefined> {
  return ctx.store.read(reminderIn, guildId, userId);
}

/** A member's reminders, by server. */
export function* remindersOfIn(s: Session, userId: string): Gen<ReminderRow[]> {
  return yield* all(
    s.db.select().from(s.t.reminders).where(eq(s.t.reminders.userId, userId)).orderBy(s.t.reminders.guildId),
  );
}

export function remindersOf(ctx: Ctx, userId: string): Promise<ReminderRow[]> {
  return ctx.store.read(remindersOfIn, userId);
}

/**
 * Sets (or moves) a member's reminder; like a schedule it takes effect from `now`, and switches it back on. The member
 * asked in the guild, so they are in it.
 */
export function* setReminderIn(
  s: Session,
  settings: { guildId: string; userId: string; time: TimeOfDay; onlyStreak: boolean },
  now: Date,
): Gen<ReminderRow> {
  const changes = { time: settings.time, onlyStreak: settings.onlyStreak, effectiveFrom: now, presentAt: now };
  const off = { offAt: null, offReason: null, noticePending: false };
  const row = yield* get(
    s.db
      .insert(s.t.reminders)
      .values({ ...settings, ...changes, ...off })
      .onConflictDoUpdate({ target: [s.t.reminders.guildId, s.t.reminders.userId], set: { ...changes, ...off } })
      .returning(),
  );
  return row as ReminderRow;
}

export function setReminder(
  ctx: Ctx,
  settings: { guildId: string; userId: string; time: TimeOfDay; onlyStreak: boolean },
  now: Date,
): Promise<ReminderRow> {
  return ctx.store.write(setReminderIn, settings, now);
}

export function* removeReminderIn(s: Session, guildId: string, userId: string): Gen<boolean> {
  return (yield* run(s.db.delete(s.t.reminders).where(whereReminder(s, guildId, userId)))).changes > 0;
}

export function removeReminder(ctx: Ctx, guildId: string, userId: string): Promise<boolean> {
  return ctx.store.write(removeReminderIn, guildId, userId);
}

/**
 * Discord will not let Gradient DM this member (a member can close DMs per server): the guild's reminder goes
 * off, to be told once.
 */
export function* turnOffReminderIn(s: Session, guildId: string, userId: string, reason: string, now: Date): Gen<void> {
  yield* run(
    s.db
      .update(s.t.reminders)
      .set({ offAt: now, offReason: reason, noticePending: true })
      .where(and(whereReminder(s, guildId, userId), isNull(s.t.reminders.offAt))),
  );
}

export function turnOffReminder(ctx: Ctx, guildId: string, userId: string, reason: string, now: Date): Promise<void> {
  return ctx.store.write(turnOffReminderIn, guildId, userId, reason, now);
}

function* noticesPendingIn(s: Session, userId: string): Gen<boolean> {
  return (yield* all(statements(s).noticesPending, { userId })).length > 0;
}

function* markNoticesToldIn(s: Session, userId: string): Gen<ReminderRow[]> {
  return yield* all(
    s.db
      .update(s.t.reminders)
      .set({ noticePending: false })
      .where(and(eq(s.t.reminders.userId, userId), eq(s.t.reminders.noticePending, true)))
      .returning(),
  );
}

/** The reminders switched off since the member last used a command, marked as told. */
export async function takeOffNotices(ctx: Ctx, userId: string): Promise<ReminderRow[]> {
  // The common case (nothing pending) is one indexed read outside any write.
  if (!(await ctx.store.read(noticesPendingIn, userId))) return [];
  return ctx.store.write(markNoticesToldIn, userId);
}

// ---- DM channels -----------------------------------------------------------------------------------------

export function* dmChannelIn(s: Session, userId: string): Gen<string | undefined> {
  return (yield* get(statements(s).dm, { userId }))?.channelId;
}

export function dmChannelOf(ctx: Ctx, userId: string): Promise<string | undefined> {
  return ctx.store.read(dmChannelIn, userId);
}

export function* keepDmChannelIn(s: Session, userId: string, channelId: string, now: Date): Gen<void> {
  yield* run(
    s.db
      .insert(s.t.dmChannels)
      .values({ userId, channelId, openedAt: now })
      .onConflictDoUpdate({ target: s.t.dmChannels.userId, set: { channelId, openedAt: now } }),
  );
}

export function keepDmChannel(ctx: Ctx, userId: string, channelId: string, now: Date): Promise<void> {
  return ctx.store.write(keepDmChannelIn, userId, channelId, now);
}

// ---- per-date records ------------------------------------------------------------------------------------

export interface SendRef {
  guildId: string;
  userId: string;
  date: string;
}

export function* sendStatusIn(s: Session, ref: SendRef): Gen<SendStatus | undefined> {
  return (yield* get(statements(s).status, { ...ref }))?.status;
}

export function sendStatus(ctx: Ctx, ref: SendRef): Promise<SendStatus | undefined> {
  return ctx.store.read(sendStatusIn, ref);
}

export function* sendIn(s: Session, ref: SendRef): Gen<SendRow | undefined> {
  return yield* get(statements(s).send, { ...ref });
}

export function getSend(ctx: Ctx, ref: SendRef): Promise<SendRow | undefined> {
  return ctx.store.read(sendIn, ref);
}

const whereSend = (s: Session, ref: SendRef) =>
  and(
    eq(s.t.reminderSends.guildId, ref.guildId),
    eq(s.t.reminderSends.userId, ref.userId),
    eq(s.t.reminderSends.date, ref.date),
  );

export interface ClaimRequest extends SendRef {
  dueAt: Date;
  mode: "dm" | "channel";
  channelId: string | null;
  nonce: string;
  claimant: string;
  now: Date;
  maxAttempts: number;
  /** Why there is nothing to remind of (done, rest day, no streak to lose), read inside the claim; null to send. */
  skipReason: (s: Session) => Gen<string | null>;
}

export type Claim =
  | { action: "send" | "recover"; send: SendRow }
  | { action: "skip"; send: SendRow }
  | { action: "gave-up"; send: SendRow };

/**
 * Decides what to do with one member's reminder of one date: send it (claimed first), recover an attempt that may
 * have reached Discord, or nothing. Whether there is anything to remind of is read in the same transaction, so a
 * completion recorded a moment before is never reminded of. Two claimants of one date cannot both insert: the
 * primary key refuses the second (on PostgreSQL as a serialization failure, retried, which then finds the claim).
 */
export function* claimReminderIn(s: Session, request: ClaimRequest): Gen<Claim> {
  const existing = yield* get(s.db.select().from(s.t.reminderSends).where(whereSend(s, request)));
  if (existing && existing.status !== "claimed") return { action: "skip", send: existing };
  if (existing) {
    const retake = retakeClaim(existing.attempts, request);
    const send = yield* get(s.db.update(s.t.reminderSends).set(retake.set).where(whereSend(s, request)).returning());
    // Even with nothing left to remind of, the earlier attempt may have landed: it is settled by recovering.
    return { action: retake.action, send: send as SendRow };
  }
  const skip = yield* request.skipReason(s);
  const send = (yield* get(
    s.db
      .insert(s.t.reminderSends)
      .values({
        guildId: request.guildId,
        userId: request.userId,
        date: request.date,
        status: skip === null ? "claimed" : "skipped",
        dueAt: request.dueAt,
        mode: request.mode,
        channelId: request.channelId,
        nonce: request.nonce,
        attempts: skip === null ? 1 : 0,
        claimedBy: request.claimant,
        claimedAt: request.now,
        note: skip,
      })
      .returning(),
  )) as SendRow;
  return skip === null ? { action: "send", send } : { action: "skip", send };
}

export function claimReminder(ctx: Ctx, request: ClaimRequest): Promise<Claim> {
  return ctx.store.write(claimReminderIn, request);
}

export function* markSentIn(
  s: Session,
  ref: SendRef,
  details: { messageId: string; channelId: string; now: Date },
): Gen<void> {
  yield* run(
    s.db
      .update(s.t.reminderSends)
      .set({ status: "sent", messageId: details.messageId, channelId: details.channelId, sentAt: details.now })
      .where(whereSend(s, ref)),
  );
}

export function markSent(
  ctx: Ctx,
  ref: SendRef,
  details: { messageId: string; channelId: string; now: Date },
): Promise<void> {
  return ctx.store.write(markSentIn, ref, details);
}

export function* markFailedIn(s: Session, ref: SendRef, note: string): Gen<void> {
  yield* run(s.db.update(s.t.reminderSends).set({ status: "failed", note }).where(whereSend(s, ref)));
}

export function markFailed(ctx: Ctx, ref: SendRef, note: string): Promise<void> {
  return ctx.store.write(markFailedIn, ref, note);
}

/** Keeps the claim for a later attempt and says why this one did not finish. */
export function* noteAttemptIn(s: Session, ref: SendRef, note: string, channelId?: string): Gen<void> {
  yield* run(
    s.db
      .update(s.t.reminderSends)
      .set({ note, ...(channelId ? { channelId } : {}) })
      .where(whereSend(s, ref)),
  );
}

export function noteAttempt(ctx: Ctx, ref: SendRef, note: string, channelId?: string): Promise<void> {
  return ctx.store.write(noteAttemptIn, ref, note, channelId);
}

/** A reminder found too late to be worth sending, or an interrupted one whose day has run out. */
export function* recordMissedIn(
  s: Session,
  ref: SendRef & { dueAt: Date; mode: "dm" | "channel"; nonce: string },
  note: string,
): Gen<void> {
  yield* run(
    s.db
      .insert(s.t.reminderSends)
      .values({ ...ref, status: "missed", note })
      .onConflictDoUpdate({
        target: [s.t.reminderSends.guildId, s.t.reminderSends.userId, s.t.reminderSends.date],
        set: { status: "missed", note },
        where: eq(s.t.reminderSends.status, "claimed"),
      }),
  );
}

export function recordMissed(
  ctx: Ctx,
  ref: SendRef & { dueAt: Date; mode: "dm" | "channel"; nonce: string },
  note: string,
): Promise<void> {
  return ctx.store.write(recordMissedIn, ref, note);
}
