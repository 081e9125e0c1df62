/**
 * The scheduler's durable state: each guild's schedules and the slot records that make every post happen at
 * most once. Claims run in IMMEDIATE transactions so two processes sharing the file cannot both win one slot.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { guildRemovals, guilds, scheduleSlots, schedules } from "../db/schema.js";
import { retakeClaim } from "../jobs/claim.js";
import type { PostKind } from "../jobs/slots.js";
import type { TimeOfDay } from "../time/zoned.js";

type Ctx = Pick<AppContext, "db">;
export type ScheduleRow = typeof schedules.$inferSelect;
export type SlotRow = typeof scheduleSlots.$inferSelect;
export type ActiveSchedule = ScheduleRow & { timezone: string | null };

export interface ScheduleSettings {
  guildId: string;
  kind: PostKind;
  channelId: string;
  weekday: number | null;
  time: TimeOfDay;
  thread: boolean;
  /** Weekly: carry a recap of the last week; off when left out. */
  recap?: boolean;
  roleId: string | null;
  updatedBy: string | null;
}

function prepare(db: Db) {
  const slotKey = and(
    eq(scheduleSlots.guildId, sql.placeholder("guildId")),
    eq(scheduleSlots.kind, sql.placeholder("kind")),
    eq(scheduleSlots.period, sql.placeholder("period")),
  );
  return {
    active: db
      .select({
        guildId: schedules.guildId,
        kind: schedules.kind,
        channelId: schedules.channelId,
        weekday: schedules.weekday,
        time: schedules.time,
        thread: schedules.thread,
        recap: schedules.recap,
        roleId: schedules.roleId,
        effectiveFrom: schedules.effectiveFrom,
        updatedBy: schedules.updatedBy,
        pausedAt: schedules.pausedAt,
        pauseReason: schedules.pauseReason,
        timezone: guilds.timezone,
      })
      .from(schedules)
      .leftJoin(guilds, eq(guilds.id, schedules.guildId))
      // A server that removed Gradient is left out from that instant (src/jobs/removed-guilds.ts).
      .leftJoin(guildRemovals, eq(guildRemovals.guildId, schedules.guildId))
      .where(and(isNull(schedules.pausedAt), isNull(guildRemovals.guildId)))
      .prepare(),
    slot: db.select().from(scheduleSlots).where(slotKey).prepare(),
    slotStatus: db.select({ status: scheduleSlots.status }).from(scheduleSlots).where(slotKey).prepare(),
  };
}

const statementsFor = preparedPerDatabase(prepare);

// ---- schedules -------------------------------------------------------------------------------------------

export function getSchedules(ctx: Ctx, guildId: string): ScheduleRow[] {
  return ctx.db.select().from(schedules).where(eq(schedules.guildId, guildId)).all();
}

export function getSchedule(ctx: Ctx, guildId: string, kind: PostKind): ScheduleRow | undefined {
  return ctx.db
    .select()
    .from(schedules)
    .where(and(eq(schedules.guildId, guildId), eq(schedules.kind, kind)))
    .get();
}

/** Every schedule that is not paused, of a server Gradient is still in, with its guild's zone (null: the default zone). */
export function activeSchedules(ctx: Ctx): ActiveSchedule[] {
  return statementsFor(ctx.db).active.all();
}

/**
 * Creates or replaces a schedule. It takes effect from `now`: a slot whose time already passed this period is
 * not posted, and any pause is lifted (reconfiguring is how an admin says the channel is fixed).
 */
export function configureSchedule(ctx: Ctx, settings: ScheduleSettings, now: Date): ScheduleRow {
  const values = { ...settings, effectiveFrom: now, pausedAt: null, pauseReason: null };
  const { guildId: _g, kind: _k, ...changes } = values;
  return ctx.db
    .insert(schedules)
    .values(values)
    .onConflictDoUpdate({ target: [schedules.guildId, schedules.kind], set: changes })
    .returning()
    .get();
}

export function removeSchedule(ctx: Ctx, guildId: string, kind: PostKind): boolean {
  const removed = ctx.db
    .delete(schedules)
    .where(and(eq(schedules.guildId, guildId), eq(schedules.kind, kind)))
    .returning({ kind: schedules.kind })
    .all();
  return removed.length > 0;
}

/** A new time zone moves every run time of the guild; like any change, it applies from now on. */
export function restartSchedulesFrom(ctx: Ctx, guildId: string, now: Date): void {
  ctx.db.update(schedules).set({ effectiveFrom: now }).where(eq(schedules.guildId, guildId)).run();
}

/** Stops a schedule whose channel refused us, unless an admin has already pointed it elsewhere. */
export function pauseSchedule(
  ctx: Ctx,
  guildId: string,
  kind: PostKind,
  channelId: string,
  reason: string,
  now: Date,
): boolean {
  const paused = ctx.db
    .update(schedules)
    .set({ pausedAt: now, pauseReason: reason })
    .where(and(eq(schedules.guildId, guildId), eq(schedules.kind, kind), eq(schedules.channelId, channelId)))
    .returning({ kind: schedules.kind })
    .all();
  return paused.length > 0;
}

export function resumeSchedule(ctx: Ctx, guildId: string, kind: PostKind): void {
  ctx.db
    .update(schedules)
    .set({ pausedAt: null, pauseReason: null })
    .where(and(eq(schedules.guildId, guildId), eq(schedules.kind, kind)))
    .run();
}

// ---- slots ---------------------------------------------------------------------------------------------------

export function getSlot(ctx: Ctx, guildId: string, kind: PostKind, period: string): SlotRow | undefined {
  return statementsFor(ctx.db).slot.get({ guildId, kind, period });
}

export function slotStatus(ctx: Ctx, guildId: string, kind: PostKind, period: string): SlotRow["status"] | undefined {
  return statementsFor(ctx.db).slotStatus.get({ guildId, kind, period })?.status;
}

/** The most recent slot records of a guild's kind, newest due first. */
export function recentSlots(ctx: Ctx, guildId: string, kind: PostKind, limit: number): SlotRow[] {
  return ctx.db
    .select()
    .from(scheduleSlots)
    .where(and(eq(scheduleSlots.guildId, guildId), eq(scheduleSlots.kind, kind)))
    .orderBy(desc(scheduleSlots.dueAt))
    .limit(limit)
    .all();
}

export interface SlotRef {
  guildId: string;
  kind: PostKind;
  period: string;
}

const whereSlot = (ref: SlotRef) =>
  and(eq(scheduleSlots.guildId, ref.guildId), eq(scheduleSlots.kind, ref.kind), eq(scheduleSlots.period, ref.period));

export interface ClaimRequest extends SlotRef {
  dueAt: Date;
  channelId: string;
  nonce: string;
  /** "scheduled" never re-posts a slot that was missed or failed; "now" (an admin's post-now) does. */
  mode: "scheduled" | "now";
  claimant: string;
  now: Date;
  maxAttempts: number;
}

export type Claim =
  /** Nobody tried this slot before (or an admin asked to post a missed or failed one): post it. */
  | { action: "post"; slot: SlotRow }
  /** A previous attempt may or may not have reached Discord: find its message, else post again with its nonce. */
  | { action: "recover"; slot: SlotRow }
  /** The message exists; its discussion thread does not yet. */
  | { action: "thread"; slot: SlotRow }
  | { action: "skip"; slot: SlotRow }
  /** Too many attempts with unknown outcome: given up and recorded as failed. */
  | { action: "gave-up"; slot: SlotRow };

/**
 * Decides, atomically, what to do with one slot. The caller guarantees no request for this slot is in flight in
 * its own process; a claim left by another process is taken over (that process is gone: one Gradient process per
 * database is supported, and a claim is written just before its request goes out).
 */
export function claimSlot(ctx: Ctx, request: ClaimRequest): Claim {
  const { db } = ctx;
  return db.transaction(
    (tx) => {
      const existing = tx.select().from(scheduleSlots).where(whereSlot(request)).get();
      const claim = { claimedBy: request.claimant, claimedAt: request.now };
      if (!existing) {
        const slot = tx
          .insert(scheduleSlots)
          .values({
            guildId: request.guildId,
            kind: request.kind,
            period: request.period,
            status: "claimed",
            dueAt: request.dueAt,
            channelId: request.channelId,
            nonce: request.nonce,
            attempts: 1,
            ...claim,
          })
          .returning()
          .get();
        return { action: "post", slot };
      }
      switch (existing.status) {
        case "sent":
          return { action: "skip", slot: existing };
        case "posted": {
          const slot = tx.update(scheduleSlots).set(claim).where(whereSlot(request)).returning().get();
          return { action: "thread", slot };
        }
        case "missed":
        case "failed": {
          if (request.mode === "scheduled") return { action: "skip", slot: existing };
          const slot = tx
            .update(scheduleSlots)
            .set({ status: "claimed", channelId: request.channelId, attempts: 1, note: null, ...claim })
            .where(whereSlot(request))
            .returning()
            .get();
          return { action: "post", slot };
        }
        case "claimed": {
          const retake = retakeClaim(existing.attempts, request);
          const slot = tx.update(scheduleSlots).set(retake.set).where(whereSlot(request)).returning().get();
          return { action: retake.action, slot };
        }
      }
    },
    { behavior: "immediate" },
  );
}

export function markPosted(ctx: Ctx, ref: SlotRef, messageId: string, contentId: string | null, now: Date): void {
  ctx.db
    .update(scheduleSlots)
    .set({ status: "posted", messageId, sentAt: now, ...(contentId ? { contentId } : {}) })
    .where(whereSlot(ref))
    .run();
}

export function markSent(ctx: Ctx, ref: SlotRef, details: { threadId?: string | null; note?: string | null }): void {
  ctx.db
    .update(scheduleSlots)
    .set({ status: "sent", threadId: details.threadId ?? null, note: details.note ?? null })
    .where(whereSlot(ref))
    .run();
}

export function markFailed(ctx: Ctx, ref: SlotRef, note: string): void {
  ctx.db.update(scheduleSlots).set({ status: "failed", note }).where(whereSlot(ref)).run();
}

/** Keeps the claim for a later attempt and says why this one did not finish. */
export function noteAttempt(ctx: Ctx, ref: SlotRef, note: string): void {
  ctx.db.update(scheduleSlots).set({ note }).where(whereSlot(ref)).run();
}

/** Records a slot found after its catch-up window (never posted) or an interrupted one that has run out of time. */
export function recordMissed(
  ctx: Ctx,
  ref: SlotRef & { dueAt: Date; channelId: string; nonce: string },
  note: string,
): void {
  ctx.db
    .insert(scheduleSlots)
    .values({ ...ref, status: "missed", note })
    .onConflictDoUpdate({
      target: [scheduleSlots.guildId, scheduleSlots.kind, scheduleSlots.period],
      set: { status: "missed", note },
      where: eq(scheduleSlots.status, "claimed"),
    })
    .run();
}
