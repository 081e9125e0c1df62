/** What a member does with their reminders: set, switch off, look at, and press Mark done on one. */
import { completeToday, type DoneOutcome } from "../challenges/complete.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { withLibraryOf } from "../library/store.js";
import { upcomingSlots } from "../schedule/slots.js";
import { getEngagementSettings, resolveTimezone } from "../settings/index.js";
import type { LocalDate } from "../time/index.js";
import { parseTimeOfDay } from "../time/zoned.js";
import { getReminder, type ReminderRow, remindersOf, removeReminder, setReminder } from "./store.js";

type Ctx = Pick<AppContext, "db" | "config" | "clock">;

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

function view(ctx: Ctx, row: ReminderRow): ReminderView {
  const zone = resolveTimezone(ctx, row.userId, row.guildId);
  const settings = getEngagementSettings(ctx, row.guildId);
  const now = ctx.clock.now();
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

export function remindAt(ctx: Ctx, guildId: string, userId: string, raw: string, onlyStreak: boolean): ReminderView {
  const time = parseTimeOfDay(raw);
  if (!time)
    throw new UserError(`'${raw}' is not a time. Use 24-hour HH:MM in your own time, like 21:00. Nothing was changed.`);
  return view(ctx, setReminder(ctx, { guildId, userId, time, onlyStreak }, ctx.clock.now()));
}

export function remindOff(ctx: Ctx, guildId: string, userId: string): boolean {
  return removeReminder(ctx, guildId, userId);
}

/** The member's reminder in `guildId`, or every one of theirs when null (a DM names no server). */
export function remindersShown(ctx: Ctx, userId: string, guildId: string | null): ReminderView[] {
  const rows = guildId ? [getReminder(ctx, guildId, userId)].filter((r) => r !== undefined) : remindersOf(ctx, userId);
  return rows.map((row) => view(ctx, row));
}

/**
 * Mark done pressed on a reminder: credits the server it came from (named by the button, as a DM interaction
 * names none), only for a member who has a reminder there, and only on the reminder's date.
 */
export function doneFromReminder(
  ctx: Ctx & Pick<AppContext, "content">,
  guildId: string,
  userId: string,
  date: LocalDate,
): DoneOutcome {
  if (!getReminder(ctx, guildId, userId))
    throw new UserError("That reminder is from a server where you no longer have one, so nothing was recorded.");
  // A DM's interaction names no server, so the router handed the shipped library: the server's is needed here.
  return completeToday(withLibraryOf(ctx, guildId), guildId, userId, { cardDate: date });
}
