/**
 * Reminders' durable state: who asked for one and when, the DM channels opened, and the per-date records that
 * make each reminder happen at most once. Claims run in IMMEDIATE transactions, like scheduled posts' slots.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import {
  dmChannels,
  engagementSettings,
  guildRemovals,
  guilds,
  members,
  reminderSends,
  reminders,
} from "../db/schema.js";
import { retakeClaim } from "../jobs/claim.js";
import type { TimeOfDay } from "../time/zoned.js";

type Ctx = Pick<AppContext, "db">;
export type ReminderRow = typeof reminders.$inferSelect;
export type SendRow = typeof reminderSends.$inferSelect;
export type SendStatus = SendRow["status"];

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare(db: Db) {
  const sendKey = and(
    eq(reminderSends.guildId, p("guildId")),
    eq(reminderSends.userId, p("userId")),
    eq(reminderSends.date, p("date")),
  );
  return {
    active: db
      .select({
        guildId: reminders.guildId,
        userId: reminders.userId,
        time: reminders.time,
        onlyStreak: reminders.onlyStreak,
        effectiveFrom: reminders.effectiveFrom,
        presentAt: reminders.presentAt,
        memberZone: members.timezone,
        guildZone: guilds.timezone,
        mode: engagementSettings.reminderMode,
        channelId: engagementSettings.reminderChannelId,
      })
      .from(reminders)
      .leftJoin(members, eq(members.userId, reminders.userId))
      .leftJoin(guilds, eq(guilds.id, reminders.guildId))
      .leftJoin(engagementSettings, eq(engagementSettings.guildId, reminders.guildId))
      // A server that removed Gradient is left out from that instant (src/jobs/removed-guilds.ts).
      .leftJoin(guildRemovals, eq(guildRemovals.guildId, reminders.guildId))
      // Channel reminders whose channel Discord refused wait for the admin (src/reminders/channel-pause.ts).
      .where(and(isNull(reminders.offAt), isNull(guildRemovals.guildId), isNull(engagementSettings.reminderPausedAt)))
      .prepare(),
    status: db.select({ status: reminderSends.status }).from(reminderSends).where(sendKey).prepare(),
    send: db.select().from(reminderSends).where(sendKey).prepare(),
    dm: db
      .select({ channelId: dmChannels.channelId })
      .from(dmChannels)
      .where(eq(dmChannels.userId, p("userId")))
      .prepare(),
    // Asked before every command a member uses.
    noticesPending: db
      .select({ guildId: reminders.guildId })
      .from(reminders)
      .where(and(eq(reminders.userId, p("userId")), eq(reminders.noticePending, true)))
      .prepare(),
  };
}

const statementsFor = preparedPerDatabase(prepare);

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
export function activeReminders(ctx: Ctx): ActiveReminder[] {
  return statementsFor(ctx.db).active.all();
}

export function getReminder(ctx: Ctx, guildId: string, userId: string): ReminderRow | undefined {
  return ctx.db
    .select()
    .from(reminders)
    .where(and(eq(reminders.guildId, guildId), eq(reminders.userId, userId)))
    .get();
}

export function remindersOf(ctx: Ctx, userId: string): ReminderRow[] {
  return ctx.db.select().from(reminders).where(eq(reminders.userId, userId)).all();
}

/**
 * Sets (or moves) a member's reminder; like a schedule it takes effect from `now`, and switches it back on. The member
 * asked in the guild, so they are in it.
 */
export function setReminder(
  ctx: Ctx,
  settings: { guildId: string; userId: string; time: TimeOfDay; onlyStreak: boolean },
  now: Date,
): ReminderRow {
  const changes = { time: settings.time, onlyStreak: settings.onlyStreak, effectiveFrom: now, presentAt: now };
  const off = { offAt: null, offReason: null, noticePending: false };
  return ctx.db
    .insert(reminders)
    .values({ ...settings, ...changes, ...off })
    .onConflictDoUpdate({ target: [reminders.guildId, reminders.userId], set: { ...changes, ...off } })
    .returning()
    .get();
}

export function removeReminder(ctx: Ctx, guildId: string, userId: string): boolean {
  return (
    ctx.db
      .delete(reminders)
      .where(and(eq(reminders.guildId, guildId), eq(reminders.userId, userId)))
      .returning({ userId: reminders.userId })
      .all().length > 0
  );
}

/**
 * Discord will not let Gradient DM this member (a member can close DMs per server): the guild's reminder goes
 * off, to be told once.
 */
export function turnOffReminder(ctx: Ctx, guildId: string, userId: string, reason: string, now: Date): void {
  ctx.db
    .update(reminders)
    .set({ offAt: now, offReason: reason, noticePending: true })
    .where(and(eq(reminders.guildId, guildId), eq(reminders.userId, userId), isNull(reminders.offAt)))
    .run();
}

/** The reminders switched off since the member last used a command, marked as told. */
export function takeOffNotices(ctx: Ctx, userId: string): ReminderRow[] {
  // The common case (nothing pending) is one indexed read outside any write.
  if (statementsFor(ctx.db).noticesPending.all({ userId }).length === 0) return [];
  return ctx.db
    .update(reminders)
    .set({ noticePending: false })
    .where(and(eq(reminders.userId, userId), eq(reminders.noticePending, true)))
    .returning()
    .all();
}

// ---- DM channels -----------------------------------------------------------------------------------------

export function dmChannelOf(ctx: Ctx, userId: string): string | undefined {
  return statementsFor(ctx.db).dm.get({ userId })?.channelId;
}

export function keepDmChannel(ctx: Ctx, userId: string, channelId: string, now: Date): void {
  ctx.db
    .insert(dmChannels)
    .values({ userId, channelId, openedAt: now })
    .onConflictDoUpdate({ target: dmChannels.userId, set: { channelId, openedAt: now } })
    .run();
}

// ---- per-date records ------------------------------------------------------------------------------------

export interface SendRef {
  guildId: string;
  userId: string;
  date: string;
}

export function sendStatus(ctx: Ctx, ref: SendRef): SendStatus | undefined {
  return statementsFor(ctx.db).status.get({ ...ref })?.status;
}

export function getSend(ctx: Ctx, ref: SendRef): SendRow | undefined {
  return statementsFor(ctx.db).send.get({ ...ref });
}

const whereSend = (ref: SendRef) =>
  and(eq(reminderSends.guildId, ref.guildId), eq(reminderSends.userId, ref.userId), eq(reminderSends.date, ref.date));

export interface ClaimRequest extends SendRef {
  dueAt: Date;
  mode: "dm" | "channel";
  channelId: string | null;
  nonce: string;
  claimant: string;
  now: Date;
  maxAttempts: number;
  /** Why there is nothing to remind of (done, rest day, no streak to lose), read inside the claim; null to send. */
  skipReason: () => string | null;
}

export type Claim =
  | { action: "send" | "recover"; send: SendRow }
  | { action: "skip"; send: SendRow }
  | { action: "gave-up"; send: SendRow };

/**
 * Decides, atomically, what to do with one member's reminder of one date: send it (claimed first), recover an
 * attempt that may have reached Discord, or nothing. Whether there is anything to remind of is read in the same
 * transaction, so a completion recorded a moment before is never reminded of.
 */
export function claimReminder(ctx: Ctx, request: ClaimRequest): Claim {
  return ctx.db.transaction(
    (tx) => {
      const existing = tx.select().from(reminderSends).where(whereSend(request)).get();
      if (existing && existing.status !== "claimed") return { action: "skip", send: existing };
      if (existing) {
        const retake = retakeClaim(existing.attempts, request);
        const send = tx.update(reminderSends).set(retake.set).where(whereSend(request)).returning().get();
        // Even with nothing left to remind of, the earlier attempt may have landed: it is settled by recovering.
        return { action: retake.action, send };
      }
      const skip = request.skipReason();
      const send = tx
        .insert(reminderSends)
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
        .returning()
        .get();
      return skip === null ? { action: "send", send } : { action: "skip", send };
    },
    { behavior: "immediate" },
  );
}

export function markSent(ctx: Ctx, ref: SendRef, details: { messageId: string; channelId: string; now: Date }): void {
  ctx.db
    .update(reminderSends)
    .set({ status: "sent", messageId: details.messageId, channelId: details.channelId, sentAt: details.now })
    .where(whereSend(ref))
    .run();
}

export function markFailed(ctx: Ctx, ref: SendRef, note: string): void {
  ctx.db.update(reminderSends).set({ status: "failed", note }).where(whereSend(ref)).run();
}

/** Keeps the claim for a later attempt and says why this one did not finish. */
export function noteAttempt(ctx: Ctx, ref: SendRef, note: string, channelId?: string): void {
  ctx.db
    .update(reminderSends)
    .set({ note, ...(channelId ? { channelId } : {}) })
    .where(whereSend(ref))
    .run();
}

/** A reminder found too late to be worth sending, or an interrupted one whose day has run out. */
export function recordMissed(
  ctx: Ctx,
  ref: SendRef & { dueAt: Date; mode: "dm" | "channel"; nonce: string },
  note: string,
): void {
  ctx.db
    .insert(reminderSends)
    .values({ ...ref, status: "missed", note })
    .onConflictDoUpdate({
      target: [reminderSends.guildId, reminderSends.userId, reminderSends.date],
      set: { status: "missed", note },
      where: eq(reminderSends.status, "claimed"),
    })
    .run();
}
