/**
 * Slot arithmetic for every timed job: which post or reminder is due when. A slot is one (guild, kind, period)
 * post, or one member's reminder of a date (a daily slot); its period key names the ISO week (`2026-W10`) for
 * weekly slots and the local date (`2026-03-02`) for daily ones, in the guild's (or member's) zone.
 * Keying by period, not by instant, is what keeps a post from happening twice when an admin moves the time or
 * changes the zone within a period.
 */
import { addDays, dayNumber, formatDate, isoWeek, isoWeekday, type LocalDate, localDate } from "../time/index.js";
import { resolveZonedTime, type TimeOfDay } from "../time/zoned.js";

export const POST_KINDS = ["weekly", "daily", "digest"] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Whether a kind posts once an ISO week, on one weekday (the weekly prompt, the weekly digest), or every day. */
export const isWeekly = (kind: PostKind): boolean => kind !== "daily";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** When one guild's posts of one kind are due: every day, or one ISO weekday (1 Monday ... 7 Sunday). */
export interface SlotRule {
  kind: PostKind;
  weekday: number | null;
  time: TimeOfDay;
  zone: string;
}

export interface Slot {
  kind: PostKind;
  period: string;
  /** The local date the post belongs to. */
  date: LocalDate;
  due: Date;
  /** Minutes the post was moved later because its time fell in a spring-forward gap (see src/time/zoned.ts). */
  shiftedMinutes: number;
}

/** The Monday of an ISO week `YYYY-Www`. */
export function isoWeekMonday(week: string): LocalDate {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`'${week}' is not an ISO week`);
  const jan4 = formatDate(Number(match[1]), 1, 4);
  return addDays(jan4, 1 - isoWeekday(jan4) + 7 * (Number(match[2]) - 1));
}

export function periodOf(kind: PostKind, date: LocalDate): string {
  return isWeekly(kind) ? isoWeek(date) : date;
}

/** The period `n` periods after `period` (before it when negative). */
export function stepPeriod(kind: PostKind, period: string, n: number): string {
  return isWeekly(kind) ? isoWeek(addDays(isoWeekMonday(period), 7 * n)) : addDays(period, n);
}

export function slotFor(rule: SlotRule, period: string): Slot {
  const date = isWeekly(rule.kind) ? addDays(isoWeekMonday(period), (rule.weekday ?? 1) - 1) : period;
  const { instant, shiftedMinutes } = resolveZonedTime(date, rule.time, rule.zone);
  return { kind: rule.kind, period, date, due: instant, shiftedMinutes };
}

/** The period the wall clock in the rule's zone is in at `now` (this ISO week, or today). */
export function currentPeriod(rule: Pick<SlotRule, "kind" | "zone">, now: Date): string {
  return periodOf(rule.kind, localDate(now, rule.zone));
}

/**
 * Per rule, the latest slot found and when the next one is due: thousands of guilds share a handful of rules, and
 * the zone arithmetic is the costly part of a tick. Slots of successive periods come due in order, so the latest
 * slot stays the same until the next one is due.
 */
const latestCache = new Map<string, { slot: Slot; nextDue: number }>();

/** The most recent slot due at or before `now`. */
export function latestSlot(rule: SlotRule, now: Date): Slot {
  const key = `${rule.kind}|${rule.weekday}|${rule.time}|${rule.zone}`;
  const t = now.getTime();
  const cached = latestCache.get(key);
  if (cached && cached.slot.due.getTime() <= t && t < cached.nextDue) return cached.slot;
  const slot = findLatestSlot(rule, now);
  const next = slotFor(rule, stepPeriod(rule.kind, slot.period, 1));
  if (latestCache.size > 10_000) latestCache.clear();
  latestCache.set(key, { slot, nextDue: next.due.getTime() });
  return slot;
}

function findLatestSlot(rule: SlotRule, now: Date): Slot {
  const here = currentPeriod(rule, now);
  // The current period's slot may still be ahead; a zone whose clocks jump across midnight can even put the
  // next period's slot behind. Looking one period either side covers both.
  for (const n of [1, 0, -1, -2]) {
    const slot = slotFor(rule, stepPeriod(rule.kind, here, n));
    if (slot.due.getTime() <= now.getTime()) return slot;
  }
  throw new Error(`no slot of ${rule.kind} ${rule.time} ${rule.zone} before ${now.toISOString()}`);
}

/** The next `count` slots due strictly after `now`, earliest first. */
export function upcomingSlots(rule: SlotRule, now: Date, count: number): Slot[] {
  const slots: Slot[] = [];
  let period = latestSlot(rule, now).period;
  while (slots.length < count) {
    period = stepPeriod(rule.kind, period, 1);
    slots.push(slotFor(rule, period));
  }
  return slots;
}

/** Days since the epoch of the Monday of `week`: a week counter that runs on across year boundaries. */
export function weekNumber(week: string): number {
  return Math.floor((dayNumber(isoWeekMonday(week)) + 3) / 7);
}
