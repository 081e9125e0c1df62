/**
 * The scheduler's durable state: each guild's schedules and the slot records that make every post happen at
 * most once. A claim is one write transaction over the slot's primary key (guild, kind, period), so two processes
 * or machines sharing the database cannot both create one slot's claim, on either engine.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { scheduleSlots, schedules } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { retakeClaim } from "../jobs/claim.js";
import { type Due, type DueInput, whatIsDue } from "../jobs/due.js";
import { latestSlot, type PostKind } from "../jobs/slots.js";
import type { TimeOfDay } from "../time/zoned.js";

type Ctx = Pick<AppContext, "store">;
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

const statements = preparedPerSession(({ db, t }) => {
  const slotKey = and(
    eq(t.scheduleSlots.guildId, sql.placeholder("guildId")),
    eq(t.scheduleSlots.kind, sql.placeholder("kind")),
    eq(t.scheduleSlots.period, sql.placeholder("period")),
  );
  return {
    active: db
      .select({
        guildId: t.schedules.guildId,
        kind: t.schedules.kind,
        channelId: t.schedules.channelId,
        weekday: t.schedules.weekday,
        time: t.schedules.time,
        thread: t.schedules.thread,
        recap: t.schedules.recap,
        roleId: t.schedules.roleId,
        effectiveFrom: t.schedules.effectiveFrom,
        updatedBy: t.schedules.updatedBy,
        pausedAt: t.schedules.pausedAt,
        pauseReason: t.schedules.pauseReason,
        timezone: t.guilds.timezone,
      })
      .from(t.schedules)
      .leftJoin(t.guilds, eq(t.guilds.id, t.schedules.guildId))
      // A server that removed Gradient is left out from that instant (src/jobs/removed-guilds.ts).
      .leftJoin(t.guildRemovals, eq(t.guildRemovals.guildId, t.schedules.guildId))
      .where(and(isNull(t.schedules.pausedAt), isNull(t.guildRemovals.guildId)))
      .orderBy(t.schedules.guildId, t.schedules.kind)
      .prepare(),
    slot: db.select().from(t.scheduleSlots).where(slotKey).prepare(),
    slotStatus: db.select({ status: t.scheduleSlots.status }).from(t.scheduleSlots).where(slotKey).prepare(),
  };
});

// ---- schedules -------------------------------------------------------------------------------------------

export function* schedulesIn(s: Session, guildId: string): Gen<ScheduleRow[]> {
  return yield* all(
    s.db.select().from(s.t.schedules).where(eq(s.t.schedules.guildId, guildId)).orderBy(s.t.schedules.kind),
  );
}

export function getSchedules(ctx: Ctx, guildId: string): Promise<ScheduleRow[]> {
  return ctx.store.read(schedulesIn, guildId);
}

export function* scheduleIn(s: Session, guildId: string, kind: PostKind): Gen<ScheduleRow | undefined> {
  return yield* get(
    s.db
      .select()
      .from(s.t.schedules)
      .where(and(eq(s.t.schedules.guildId, guildId), eq(s.t.schedules.kind, kind))),
  );
}

export function getSchedule(ctx: Ctx, guildId: string, kind: PostKind): Promise<ScheduleRow | undefined> {
  return ctx.store.read(scheduleIn, guildId, kind);
}

/** Every schedule that is not paused, of a server Gradient is still in, with its guild's zone (null: the default zone). */
export function* activeSchedulesIn(s: Session): Gen<ActiveSchedule[]> {
  return yield* all(statements(s).active);
}

export function activeSchedules(ctx: Ctx): Promise<ActiveSchedule[]> {
  return ctx.store.read(activeSchedulesIn);
}

/**
 * Creates or replaces a schedule. It takes effect from `now`: a slot whose time already passed this period is
 * not posted, and any pause is lifted (reconfiguring is how an admin says the channel is fixed).
 */
export function* configureScheduleIn(s: Session, settings: ScheduleSettings, now: Date): Gen<ScheduleRow> {
  const values = { ...settings, effectiveFrom: now, pausedAt: null, pauseReason: null };
  const { guildId: _g, kind: _k, ...changes } = values;
  const row = yield* get(
    s.db
      .insert(s.t.schedules)
      .values(values)
      .onConflictDoUpdate({ target: [s.t.schedules.guildId, s.t.schedules.kind], set: changes })
      .returning(),
  );
  if (!row) throw new Error(`the ${settings.kind} schedule of ${settings.guildId} was not written`);
  return row;
}

export function configureSchedule(ctx: Ctx, settings: ScheduleSettings, now: Date): Promise<ScheduleRow> {
  return ctx.store.write(configureScheduleIn, settings, now);
}

export function* removeScheduleIn(s: Session, guildId: string, kind: PostKind): Gen<boolean> {
  const { changes } = yield* run(
    s.db.delete(s.t.schedules).where(and(eq(s.t.schedules.guildId, guildId), eq(s.t.schedules.kind, kind))),
  );
  return changes > 0;
}

export function removeSchedule(ctx: Ctx, guildId: string, kind: PostKind): Promise<boolean> {
  return ctx.store.write(removeScheduleIn, guildId, kind);
}

/** A new time zone moves every run time of the guild; like any change, it applies from now on. */
export function* restartSchedulesFromIn(s: Session, guildId: string, now: Date): Gen<void> {
  yield* run(s.db.update(s.t.schedules).set({ effectiveFrom: now }).where(eq(s.t.schedules.guildId, guildId)));
}

/** Stops a schedule whose channel refused us, unless an admin has already pointed it elsewhere. */
export function* pauseScheduleIn(
  s: Session,
  guildId: string,
  kind: PostKind,
  channelId: string,
  reason: string,
  now: Date,
): Gen<boolean> {
  const { changes } = yield* run(
    s.db
      .update(s.t.schedules)
      .set({ pausedAt: now, pauseReason: reason })
      .where(
        and(eq(s.t.schedules.guildId, guildId), eq(s.t.schedules.kind, kind), eq(s.t.schedules.channelId, channelId)),
      ),
  );
  return changes > 0;
}

export function pauseSchedule(
  ctx: Ctx,
  guildId: string,
  kind: PostKind,
  channelId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  return ctx.store.write(pauseScheduleIn, guildId, kind, channelId, reason, now);
}

export function* resumeScheduleIn(s: Session, guildId: string, kind: PostKind): Gen<void> {
  yield* run(
    s.db
      .update(s.t.schedules)
      .set({ pausedAt: null, pauseReason: null })
      .where(and(eq(s.t.schedules.guildId, guildId), eq(s.t.schedules.kind, kind))),
  );
}

export function resumeSchedule(ctx: Ctx, guildId: string, kind: PostKind): Promise<void> {
  return ctx.store.write(resumeScheduleIn, guildId, kind);
}

// ---- slots ---------------------------------------------------------------------------------------------------

export function* slotIn(s: Session, guildId: string, kind: PostKind, period: string): Gen<SlotRow | undefined> {
  return yield* get(statements(s).slot, { guildId, kind, period });
}

export function getSlot(ctx: Ctx, guildId: string, kind: PostKind, period: string): Promise<SlotRow | undefined> {
  return ctx.store.read(slotIn, guildId, kind, period);
}

export function* slotStatusIn(
  s: Session,
  guildId: string,
  kind: PostKind,
  period: string,
): Gen<SlotRow["status"] | undefined> {
  return (yield* get(statements(s).slotStatus, { guildId, kind, period }))?.status;
}

/** One schedule whose latest slot duesIn looks at. */
export interface DueAsk extends Omit<DueInput, "statusOf"> {
  guildId: string;
  kind: PostKind;
}

/**
 * Schedules whose latest slots' statuses one statement reads: the scheduler's tick asks about every schedule of
 * its shards each minute, and on PostgreSQL a statement per schedule is a round trip per schedule (5,000 servers
 * took a loaded machine longer to look at than the pacer took to post them). Well under both engines' limits on
 * bound parameters.
 */
const DUE_BATCH = 500;

/**
 * What is due for each schedule's latest slot (src/jobs/due.ts), in the order asked, with those slots' stored
 * statuses read first (a body cannot read inside whatIsDue's callback, and whatIsDue asks about no other slot),
 * DUE_BATCH schedules to a statement. A schedule whose slot cannot be worked out (a zone this Node does not
 * know) gets its error in its place and holds up no other.
 */
export function* duesIn(s: Session, asks: readonly DueAsk[]): Gen<(Due | Error)[]> {
  const latest = asks.map((ask) => attempt(() => latestSlot(ask.rule, ask.now).period));
  const statuses = new Map<string, SlotRow["status"]>();
  const slots = s.t.scheduleSlots;
  for (let start = 0; start < asks.length; start += DUE_BATCH) {
    const guildIds = new Set<string>();
    const periods = new Set<string>();
    asks.slice(start, start + DUE_BATCH).forEach((ask, i) => {
      const period = latest[start + i];
      if (typeof period !== "string") return;
      guildIds.add(ask.guildId);
      periods.add(period);
    });
    if (guildIds.size === 0) continue;
    // Every slot of these guilds in these periods: a few more than asked (another kind's slot of the same
    // period), which the exact look-up below leaves aside.
    const found = yield* all(
      s.db
        .select({ guildId: slots.guildId, kind: slots.kind, period: slots.period, status: slots.status })
        .from(slots)
        .where(and(inArray(slots.guildId, [...guildIds]), inArray(slots.period, [...periods]))),
    );
    for (const row of found) statuses.set(slotKey(row), row.status);
  }
  return asks.map((ask, i) => {
    const period = latest[i];
    if (typeof period !== "string") return period ?? new Error("duesIn lost a schedule's latest slot");
    const statusOf = (p: string) => (p === period ? statuses.get(slotKey({ ...ask, period: p })) : undefined);
    return attempt(() => whatIsDue({ ...ask, statusOf }));
  });
}

function attempt<T>(work: () => T): T | Error {
  try {
    return work();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** What is due for one schedule's latest slot: duesIn for one. */
export function* dueIn(
  s: Session,
  schedule: Pick<ScheduleRow, "guildId" | "kind">,
  input: Omit<DueInput, "statusOf">,
): Gen<Due> {
  const [due] = yield* duesIn(s, [{ ...input, guildId: schedule.guildId, kind: schedule.kind }]);
  if (due instanceof Error) throw due;
  if (!due) throw new Error("duesIn answered nothing for one schedule");
  return due;
}

/** The most recent slot records of a guild's kind, newest due first. */
export function* recentSlotsIn(s: Session, guildId: string, kind: PostKind, limit: number): Gen<SlotRow[]> {
  return yield* all(
    s.db
      .select()
      .from(s.t.scheduleSlots)
      .where(and(eq(s.t.scheduleSlots.guildId, guildId), eq(s.t.scheduleSlots.kind, kind)))
      .orderBy(desc(s.t.scheduleSlots.dueAt), desc(s.t.scheduleSlots.period))
      .limit(limit),
  );
}

export interface SlotRef {
  guildId: string;
  kind: PostKind;
  period: string;
}

/** A slot's key in memory: the job queue's, and duesIn's look-up. */
export function slotKey(ref: SlotRef): string {
  return `${ref.guildId}:${ref.kind}:${ref.period}`;
}

const whereSlot = (s: Session, ref: SlotRef) =>
  and(
    eq(s.t.scheduleSlots.guildId, ref.guildId),
    eq(s.t.scheduleSlots.kind, ref.kind),
    eq(s.t.scheduleSlots.period, ref.period),
  );

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
 * Decides, atomically, what to do with one slot (one write transaction: the read and the claim together). The
 * caller guarantees no request for this slot is in flight in its own process; a claim left by another process is
 * taken over (that process is gone: each process posts for its own servers, and a claim is written just before
 * its request goes out). Two processes creating the same slot's claim at once cannot both succeed: the slot's
 * primary key refuses the second. SQLite's write lock serialises them first; on PostgreSQL the insert skips a
 * conflict, and a conflicting row this transaction cannot see (the other claim, committed meanwhile) fails it as a
 * serialization failure, which is retried and then finds that claim (a plain insert would fail with a unique
 * violation instead, which is not retried).
 */
export function* claimSlotIn(s: Session, request: ClaimRequest): Gen<Claim> {
  const slots = s.t.scheduleSlots;
  const where = whereSlot(s, request);
  const update = function* (set: Partial<SlotRow>): Gen<SlotRow> {
    const slot = yield* get(s.db.update(slots).set(set).where(where).returning());
    if (!slot) throw new Error(`the slot ${request.guildId}:${request.kind}:${request.period} vanished mid-claim`);
    return slot;
  };
  const existing = yield* get(s.db.select().from(slots).where(where));
  const claim = { claimedBy: request.claimant, claimedAt: request.now };
  if (!existing) {
    const slot = yield* get(
      s.db
        .insert(slots)
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
        .onConflictDoNothing()
        .returning(),
    );
    if (!slot) throw new Error(`the slot ${request.guildId}:${request.kind}:${request.period} was not claimed`);
    return { action: "post", slot };
  }
  switch (existing.status) {
    case "sent":
      return { action: "skip", slot: existing };
    case "posted":
      return { action: "thread", slot: yield* update(claim) };
    case "missed":
    case "failed": {
      if (request.mode === "scheduled") return { action: "skip", slot: existing };
      const slot = yield* update({
        status: "claimed",
        channelId: request.channelId,
        attempts: 1,
        note: null,
        ...claim,
      });
      return { action: "post", slot };
    }
    case "claimed": {
      const retake = retakeClaim(existing.attempts, request);
      return { action: retake.action, slot: yield* update(retake.set) };
    }
  }
}

export function claimSlot(ctx: Ctx, request: ClaimRequest): Promise<Claim> {
  return ctx.store.write(claimSlotIn, request);
}

/**
 * Records the slot's message: "posted" while a discussion thread is still owed, else "sent" at once (what markSent
 * would write next), so a post without a thread costs one write after Discord's answer, not two.
 */
export function* markPostedIn(
  s: Session,
  ref: SlotRef,
  posted: { messageId: string; contentId: string | null; now: Date; threadOwed: boolean },
): Gen<void> {
  const { messageId, contentId, now, threadOwed } = posted;
  yield* run(
    s.db
      .update(s.t.scheduleSlots)
      .set({
        messageId,
        sentAt: now,
        ...(contentId ? { contentId } : {}),
        ...(threadOwed ? { status: "posted" } : { status: "sent", threadId: null, note: null }),
      })
      .where(whereSlot(s, ref)),
  );
}

export function markPosted(
  ctx: Ctx,
  ref: SlotRef,
  posted: { messageId: string; contentId: string | null; now: Date; threadOwed: boolean },
): Promise<void> {
  return ctx.store.write(markPostedIn, ref, posted);
}

export function* markSentIn(
  s: Session,
  ref: SlotRef,
  details: { threadId?: string | null; note?: string | null },
): Gen<void> {
  yield* run(
    s.db
      .update(s.t.scheduleSlots)
      .set({ status: "sent", threadId: details.threadId ?? null, note: details.note ?? null })
      .where(whereSlot(s, ref)),
  );
}

export function markSent(
  ctx: Ctx,
  ref: SlotRef,
  details: { threadId?: string | null; note?: string | null },
): Promise<void> {
  return ctx.store.write(markSentIn, ref, details);
}

export function* markFailedIn(s: Session, ref: SlotRef, note: string): Gen<void> {
  yield* run(s.db.update(s.t.scheduleSlots).set({ status: "failed", note }).where(whereSlot(s, ref)));
}

export function markFailed(ctx: Ctx, ref: SlotRef, note: string): Promise<void> {
  return ctx.store.write(markFailedIn, ref, note);
}

/** Keeps the claim for a later attempt and says why this one did not finish. */
export function* noteAttemptIn(s: Session, ref: SlotRef, note: string): Gen<void> {
  yield* run(s.db.update(s.t.scheduleSlots).set({ note }).where(whereSlot(s, ref)));
}

export function noteAttempt(ctx: Ctx, ref: SlotRef, note: string): Promise<void> {
  return ctx.store.write(noteAttemptIn, ref, note);
}

/** Records a slot found after its catch-up window (never posted) or an interrupted one that has run out of time. */
export function* recordMissedIn(
  s: Session,
  ref: SlotRef & { dueAt: Date; channelId: string; nonce: string },
  note: string,
): Gen<void> {
  const slots = s.t.scheduleSlots;
  yield* run(
    s.db
      .insert(slots)
      .values({ ...ref, status: "missed", note })
      .onConflictDoUpdate({
        target: [slots.guildId, slots.kind, slots.period],
        set: { status: "missed", note },
        setWhere: eq(slots.status, "claimed"),
      }),
  );
}

export function recordMissed(
  ctx: Ctx,
  ref: SlotRef & { dueAt: Date; channelId: string; nonce: string },
  note: string,
): Promise<void> {
  return ctx.store.write(recordMissedIn, ref, note);
}
