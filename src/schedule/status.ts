/** What /config show and /schedule preview say: settings, next runs in the guild's zone, and problems. */
import type { APIEmbed, Guild } from "discord.js";
import { describeDailyRules } from "../challenges/render.js";
import { getDailyRules } from "../challenges/rules.js";
import type { Config } from "../config/index.js";
import type { AppContext } from "../context.js";
import type { Gen, Session } from "../db/store.js";
import { COLOURS, truncate, ts } from "../format.js";
import { catchUpHours, scheduleRule } from "../jobs/due.js";
import { isWeekly, POST_KINDS, type PostKind, type Slot, upcomingSlots, WEEKDAY_NAMES } from "../jobs/slots.js";
import { guildZoneIn } from "../settings/index.js";
import { formatWallClock } from "../time/zoned.js";
import { channelProblems } from "./permissions.js";
import { dueIn, recentSlotsIn, type ScheduleRow, type SlotRow, schedulesIn, slotStatusIn } from "./store.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock">;
type CatchUp = Pick<Config, "SCHEDULE_WEEKLY_CATCH_UP_HOURS" | "SCHEDULE_DAILY_CATCH_UP_HOURS">;

export const POST_KIND_LABELS: Record<PostKind, string> = {
  weekly: "Weekly study prompt",
  daily: "Daily challenge",
  digest: "Weekly digest",
};

export interface PlannedPost {
  kind: PostKind;
  slot: Slot;
  /** The slot's time has passed and it is being caught up now. */
  catchingUp: boolean;
}

/**
 * The posts a schedule will make, earliest first: the latest slot when the due rule posts or recovers it now
 * (the tick does exactly that), then upcoming slots, leaving out periods whose post already exists (for example
 * after post-now).
 */
export function* plannedPostsIn(
  s: Session,
  config: CatchUp,
  now: Date,
  schedule: ScheduleRow,
  zone: string,
  count: number,
): Gen<PlannedPost[]> {
  if (schedule.pausedAt) return [];
  const rule = scheduleRule(schedule, zone);
  const planned: PlannedPost[] = [];
  const due = yield* dueIn(s, schedule, {
    rule,
    effectiveFrom: schedule.effectiveFrom,
    catchUpHours: catchUpHours(config, schedule.kind),
    now,
  });
  if (due.action === "post" || due.action === "recover")
    planned.push({ kind: schedule.kind, slot: due.slot, catchingUp: true });
  // Looking a few periods further than asked leaves room for ones already posted.
  for (const slot of upcomingSlots(rule, now, count + 2)) {
    if (planned.length >= count) break;
    const status = yield* slotStatusIn(s, schedule.guildId, schedule.kind, slot.period);
    if (status === "sent" || status === "posted") continue;
    planned.push({ kind: schedule.kind, slot, catchingUp: false });
  }
  return planned.slice(0, count);
}

export function plannedPosts(ctx: Ctx, schedule: ScheduleRow, zone: string, count: number): Promise<PlannedPost[]> {
  return ctx.store.read(plannedPostsIn, ctx.config, ctx.clock.now(), schedule, zone, count);
}

export function describePlanned(post: PlannedPost, zone: string): string {
  const when = formatWallClock(post.slot.due, zone);
  const shifted =
    post.slot.shiftedMinutes > 0
      ? ` (the set time does not exist that day: clocks jump forward, so it posts ${post.slot.shiftedMinutes} min later)`
      : "";
  const relative = post.catchingUp ? "due now, catching up" : ts(post.slot.due, "R");
  return `${when}, ${relative}${shifted}`;
}

function settingsLine(schedule: ScheduleRow): string {
  const where = `<#${schedule.channelId}>`;
  if (isWeekly(schedule.kind)) {
    const day = WEEKDAY_NAMES[(schedule.weekday ?? 1) - 1];
    const what = schedule.kind === "digest" ? ": the server's figures for the 7 days before" : "";
    return `Every **${day}** at **${schedule.time}** in ${where}${what}${schedule.thread ? ", with a discussion thread" : ""}.`;
  }
  return `Every day at **${schedule.time}** in ${where}${schedule.roleId ? `, pinging <@&${schedule.roleId}>` : ""}.`;
}

function lastPostLine(last: SlotRow | undefined): string | undefined {
  if (!last) return undefined;
  const at = last.sentAt ?? last.dueAt;
  switch (last.status) {
    case "sent":
    case "posted": {
      const link = last.messageId
        ? ` https://discord.com/channels/${last.guildId}/${last.channelId}/${last.messageId}`
        : "";
      return `Last post: ${last.period}, ${ts(at, "R")}.${link}${last.note ? ` Note: ${last.note}` : ""}`;
    }
    case "claimed":
      return `Last post: ${last.period}, being posted now.`;
    case "missed":
      return `Last post: ${last.period} was **missed** (${last.note ?? "Gradient was not running in time"}).`;
    case "failed":
      return `Last post: ${last.period} **failed** (${last.note ?? "Discord refused it"}).`;
  }
}

interface ScheduleState {
  schedule: ScheduleRow;
  next: PlannedPost[];
  last: SlotRow | undefined;
}

/** What /config show reads, in one session: the server's own zone (null: the default), and each schedule's state. */
function* settingsIn(
  s: Session,
  config: Pick<Config, "DEFAULT_TIMEZONE"> & CatchUp,
  now: Date,
  guildId: string,
): Gen<{ own: string | null; schedules: ScheduleState[] }> {
  const own = yield* guildZoneIn(s, guildId);
  const zone = own ?? config.DEFAULT_TIMEZONE;
  const schedules: ScheduleState[] = [];
  for (const schedule of yield* schedulesIn(s, guildId)) {
    const next = yield* plannedPostsIn(s, config, now, schedule, zone, 2);
    const [last] = yield* recentSlotsIn(s, guildId, schedule.kind, 1);
    schedules.push({ schedule, next, last });
  }
  return { own, schedules };
}

/**
 * The /config show embed. `guild` is discord.js's cached guild, for the permission checks; `more` adds the
 * settings of rooms above this one (reminders, milestone roles) and their problems.
 */
export async function describeSettings(
  ctx: Ctx & Pick<AppContext, "store">,
  guildId: string,
  guild: Guild | null,
  more: { fields: { name: string; value: string }[]; problems: string[] } = { fields: [], problems: [] },
): Promise<APIEmbed> {
  const { own, schedules } = await ctx.store.read(settingsIn, ctx.config, ctx.clock.now(), guildId);
  const zone = own ?? ctx.config.DEFAULT_TIMEZONE;
  const problems: string[] = [];
  const fields = POST_KINDS.map((kind) => {
    const state = schedules.find((s) => s.schedule.kind === kind);
    if (!state) return { name: POST_KIND_LABELS[kind], value: `Off. Turn it on with \`/config ${kind}\`.` };
    const { schedule } = state;
    const lines = [settingsLine(schedule)];
    if (schedule.pausedAt) {
      lines.push(
        `⏸️ **Paused** since ${ts(schedule.pausedAt, "f")}: ${schedule.pauseReason ?? "Discord refused a post."}`,
      );
      problems.push(`${POST_KIND_LABELS[kind]} is paused: ${schedule.pauseReason ?? "Discord refused a post."}`);
    } else {
      lines.push(`Next: ${state.next.map((p) => describePlanned(p, zone)).join("; then ")}.`);
    }
    const last = lastPostLine(state.last);
    if (last) lines.push(last);
    if (guild) problems.push(...channelProblems(guild, schedule).map((p) => `${POST_KIND_LABELS[kind]}: ${p}`));
    return { name: POST_KIND_LABELS[kind], value: truncate(lines.join("\n"), 1024) };
  });
  problems.push(...more.problems);
  const rules = await getDailyRules(ctx, guildId);
  return {
    color: COLOURS.brand,
    title: "Gradient's settings for this server",
    fields: [
      {
        name: "Time zone",
        value: own === null ? `${zone} (Gradient's default; set this server's with \`/config timezone\`)` : zone,
      },
      ...fields,
      { name: "Daily challenge rules", value: truncate(describeDailyRules(rules), 1024) },
      ...more.fields.map((f) => ({ name: f.name, value: truncate(f.value, 1024) })),
      {
        name: problems.length > 0 ? `Problems found (${problems.length})` : "Problems found",
        value: problems.length > 0 ? truncate(problems.map((p) => `• ${p}`).join("\n"), 1024) : "None.",
      },
    ],
  };
}
