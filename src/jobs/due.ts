/**
 * What is due: the one rule every timed job's tick acts on (scheduled posts, reminders) and /config show and
 * /schedule preview describe, so they can never disagree. Pure: it reads nothing but its input (the stored status
 * comes through `statusOf`).
 */
import type { Config } from "../config/index.js";
import type { TimeOfDay } from "../time/zoned.js";
import { isWeekly, latestSlot, type PostKind, type Slot, type SlotRule } from "./slots.js";

/**
 * A slot's stored status: claimed before the request, "posted" while a weekly post still owes its thread, and
 * settled as sent, missed, failed or "skipped" (a reminder with nothing to remind of).
 */
type StoredStatus = "claimed" | "posted" | "sent" | "missed" | "failed" | "skipped";

export type Due =
  /** Never tried and inside the catch-up window: post it now. */
  | { action: "post"; slot: Slot }
  /** An attempt began and did not finish, inside the window: find its message, else send again with its nonce. */
  | { action: "recover"; slot: Slot }
  /**
   * The message exists and only its discussion thread is owed. Not a post to come, so previews leave it out; the
   * thread is retried for as long as this is the latest slot, because the post itself was on time.
   */
  | { action: "thread"; slot: Slot }
  /** Past the window with no post: recorded as missed, never posted. `interrupted` when an attempt had begun. */
  | { action: "missed"; slot: Slot; interrupted: boolean }
  /**
   * Nothing to do: the slot is settled (sent, missed or failed), or it came due before the schedule took effect
   * and so is not this configuration's to post.
   */
  | { action: "nothing"; slot: Slot; reason: "settled" | "before-schedule" };

export interface DueInput {
  rule: SlotRule;
  /** Slots due before this instant are not posted (see the schedules table). */
  effectiveFrom: Date;
  /** The stored status of a period's slot, undefined when it was never tried. Asked only about the latest slot. */
  statusOf: (period: string) => StoredStatus | undefined;
  catchUpHours: number;
  /**
   * When given, replaces the catch-up window: the last instant a slot may still be sent (a reminder is worth
   * sending only while enough of the member's day is left).
   */
  lastChance?: (slot: Slot) => Date;
  now: Date;
}

/**
 * Only the latest slot due at `now` is looked at: the catch-up window is shorter than a period, so every older
 * slot is outside it anyway.
 */
export function whatIsDue({ rule, effectiveFrom, statusOf, catchUpHours, lastChance, now }: DueInput): Due {
  const slot = latestSlot(rule, now);
  if (slot.due.getTime() < effectiveFrom.getTime()) return { action: "nothing", slot, reason: "before-schedule" };
  const status = statusOf(slot.period);
  if (status === "posted") return { action: "thread", slot };
  if (status !== undefined && status !== "claimed") return { action: "nothing", slot, reason: "settled" };
  const closes = lastChance ? lastChance(slot).getTime() : slot.due.getTime() + catchUpHours * 3_600_000;
  if (now.getTime() > closes) return { action: "missed", slot, interrupted: status === "claimed" };
  return status === "claimed" ? { action: "recover", slot } : { action: "post", slot };
}

/** The rule a schedule's posts follow, in `zone` (the guild's, or Gradient's default). */
export function scheduleRule(
  schedule: { kind: PostKind; weekday: number | null; time: TimeOfDay },
  zone: string,
): SlotRule {
  return { kind: schedule.kind, weekday: schedule.weekday, time: schedule.time, zone };
}

export function catchUpHours(
  config: Pick<Config, "SCHEDULE_WEEKLY_CATCH_UP_HOURS" | "SCHEDULE_DAILY_CATCH_UP_HOURS">,
  kind: PostKind,
): number {
  return isWeekly(kind) ? config.SCHEDULE_WEEKLY_CATCH_UP_HOURS : config.SCHEDULE_DAILY_CATCH_UP_HOURS;
}
