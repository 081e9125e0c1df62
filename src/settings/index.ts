import { eq, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { engagementSettings, guilds, members } from "../db/schema.js";

type Ctx = Pick<AppContext, "db" | "config">;

// Read by nearly every interaction (each "today" needs a zone).
const statementsFor = preparedPerDatabase((db: Db) => ({
  guildZone: db
    .select({ timezone: guilds.timezone })
    .from(guilds)
    .where(eq(guilds.id, sql.placeholder("guildId")))
    .prepare(),
  memberZone: db
    .select({ timezone: members.timezone })
    .from(members)
    .where(eq(members.userId, sql.placeholder("userId")))
    .prepare(),
  engagement: db
    .select()
    .from(engagementSettings)
    .where(eq(engagementSettings.guildId, sql.placeholder("guildId")))
    .prepare(),
}));

export function getGuildTimezone(ctx: Ctx, guildId: string | null): string {
  if (!guildId) return ctx.config.DEFAULT_TIMEZONE;
  return statementsFor(ctx.db).guildZone.get({ guildId })?.timezone ?? ctx.config.DEFAULT_TIMEZONE;
}

export function setGuildTimezone(ctx: Ctx, guildId: string, timezone: string): void {
  ctx.db
    .insert(guilds)
    .values({ id: guildId, timezone })
    .onConflictDoUpdate({ target: guilds.id, set: { timezone } })
    .run();
}

export function getMemberTimezone(ctx: Ctx, userId: string): string | null {
  return statementsFor(ctx.db).memberZone.get({ userId })?.timezone ?? null;
}

export function setMemberTimezone(ctx: Ctx, userId: string, timezone: string | null, now: Date): void {
  ctx.db
    .insert(members)
    .values({ userId, timezone, updatedAt: now })
    .onConflictDoUpdate({ target: members.userId, set: { timezone, updatedAt: now } })
    .run();
}

/** The zone that decides a member's "today": their own, else the guild's, else DEFAULT_TIMEZONE. */
export function resolveTimezone(ctx: Ctx, guildId: string | null, userId: string): string {
  return getMemberTimezone(ctx, userId) ?? getGuildTimezone(ctx, guildId);
}

export type EngagementSettings = Omit<typeof engagementSettings.$inferSelect, "guildId">;

export const DEFAULT_REST_DAYS_PER_YEAR = 14;
export const MAX_REST_DAYS_PER_YEAR = 30;

/** A guild's reminder delivery and rest-day allowance (DM reminders and 14 rest days a year until changed). */
export function getEngagementSettings(ctx: Pick<AppContext, "db">, guildId: string): EngagementSettings {
  const row = statementsFor(ctx.db).engagement.get({ guildId });
  return row
    ? {
        reminderMode: row.reminderMode,
        reminderChannelId: row.reminderChannelId,
        reminderPausedAt: row.reminderPausedAt,
        reminderPauseReason: row.reminderPauseReason,
        restDaysPerYear: row.restDaysPerYear,
      }
    : {
        reminderMode: "dm",
        reminderChannelId: null,
        reminderPausedAt: null,
        reminderPauseReason: null,
        restDaysPerYear: DEFAULT_REST_DAYS_PER_YEAR,
      };
}

export function setEngagementSettings(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  changes: Partial<EngagementSettings>,
): EngagementSettings {
  const values = { ...getEngagementSettings(ctx, guildId), ...changes };
  // Choosing the reminder delivery again is how an admin says a refused channel is fixed: the pause is lifted.
  if (changes.reminderMode !== undefined || changes.reminderChannelId !== undefined)
    Object.assign(values, { reminderPausedAt: null, reminderPauseReason: null });
  ctx.db
    .insert(engagementSettings)
    .values({ guildId, ...values })
    .onConflictDoUpdate({ target: engagementSettings.guildId, set: values })
    .run();
  return values;
}
