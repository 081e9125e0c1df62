import { eq, inArray, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { engagementSettings } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";

type StoreCtx = Pick<AppContext, "store" | "config">;

export type EngagementSettings = Omit<typeof engagementSettings.$inferSelect, "guildId">;

export const DEFAULT_REST_DAYS_PER_YEAR = 14;
export const MAX_REST_DAYS_PER_YEAR = 30;

// Generators to compose inside another store body (src/db/store.ts), and the async use cases.

const statements = preparedPerSession(({ db, t }) => ({
  guildZone: db
    .select({ timezone: t.guilds.timezone })
    .from(t.guilds)
    .where(eq(t.guilds.id, sql.placeholder("guildId")))
    .prepare(),
  memberZone: db
    .select({ timezone: t.members.timezone })
    .from(t.members)
    .where(eq(t.members.userId, sql.placeholder("userId")))
    .prepare(),
  engagement: db
    .select()
    .from(t.engagementSettings)
    .where(eq(t.engagementSettings.guildId, sql.placeholder("guildId")))
    .prepare(),
}));

/** A server's own zone, or null when its admins never set one. */
export function* guildZoneIn(s: Session, guildId: string | null): Gen<string | null> {
  if (!guildId) return null;
  return (yield* get(statements(s).guildZone, { guildId }))?.timezone ?? null;
}

export function* memberZoneIn(s: Session, userId: string): Gen<string | null> {
  return (yield* get(statements(s).memberZone, { userId }))?.timezone ?? null;
}

/** The zone that decides a member's "today": their own, else the server's, else `fallback` (DEFAULT_TIMEZONE). */
export function* zoneIn(s: Session, fallback: string, guildId: string | null, userId: string): Gen<string> {
  return (yield* memberZoneIn(s, userId)) ?? (yield* guildZoneIn(s, guildId)) ?? fallback;
}

/** zoneIn for many members of one guild at once (two statements, whatever their number): zone by user id. */
export function* zonesIn(
  s: Session,
  fallback: string,
  guildId: string,
  userIds: readonly string[],
): Gen<Map<string, string>> {
  const guildZone = (yield* guildZoneIn(s, guildId)) ?? fallback;
  const zones = new Map(userIds.map((userId) => [userId, guildZone]));
  if (userIds.length === 0) return zones;
  const { members } = s.t;
  const own = yield* all(
    s.db
      .select({ userId: members.userId, timezone: members.timezone })
      .from(members)
      .where(inArray(members.userId, [...userIds])),
  );
  for (const { userId, timezone } of own) if (timezone) zones.set(userId, timezone);
  return zones;
}

export function* setGuildZoneIn(s: Session, guildId: string, timezone: string): Gen<void> {
  yield* run(
    s.db
      .insert(s.t.guilds)
      .values({ id: guildId, timezone })
      .onConflictDoUpdate({ target: s.t.guilds.id, set: { timezone } }),
  );
}

export function* setMemberZoneIn(s: Session, userId: string, timezone: string | null, now: Date): Gen<void> {
  yield* run(
    s.db
      .insert(s.t.members)
      .values({ userId, timezone, updatedAt: now })
      .onConflictDoUpdate({ target: s.t.members.userId, set: { timezone, updatedAt: now } }),
  );
}

export function* engagementIn(s: Session, guildId: string): Gen<EngagementSettings> {
  const row = yield* get(statements(s).engagement, { guildId });
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

export function* setEngagementIn(
  s: Session,
  guildId: string,
  changes: Partial<EngagementSettings>,
): Gen<EngagementSettings> {
  const values = { ...(yield* engagementIn(s, guildId)), ...changes };
  // Choosing the reminder delivery again is how an admin says a refused channel is fixed: the pause is lifted.
  if (changes.reminderMode !== undefined || changes.reminderChannelId !== undefined)
    Object.assign(values, { reminderPausedAt: null, reminderPauseReason: null });
  yield* run(
    s.db
      .insert(s.t.engagementSettings)
      .values({ guildId, ...values })
      .onConflictDoUpdate({ target: s.t.engagementSettings.guildId, set: values }),
  );
  return values;
}

export async function getGuildTimezone(ctx: StoreCtx, guildId: string | null): Promise<string> {
  return (await ctx.store.read(guildZoneIn, guildId)) ?? ctx.config.DEFAULT_TIMEZONE;
}

export function setGuildTimezone(ctx: Pick<AppContext, "store">, guildId: string, timezone: string): Promise<void> {
  return ctx.store.write(setGuildZoneIn, guildId, timezone);
}

export function getMemberTimezone(ctx: Pick<AppContext, "store">, userId: string): Promise<string | null> {
  return ctx.store.read(memberZoneIn, userId);
}

export function setMemberTimezone(
  ctx: Pick<AppContext, "store">,
  userId: string,
  timezone: string | null,
  now: Date,
): Promise<void> {
  return ctx.store.write(setMemberZoneIn, userId, timezone, now);
}

/** The zone that decides a member's "today": their own, else the server's, else DEFAULT_TIMEZONE. */
export function resolveTimezone(ctx: StoreCtx, guildId: string | null, userId: string): Promise<string> {
  return ctx.store.read(zoneIn, ctx.config.DEFAULT_TIMEZONE, guildId, userId);
}

/** A server's reminder delivery and rest-day allowance (DM reminders and 14 rest days a year until changed). */
export function getEngagementSettings(ctx: Pick<AppContext, "store">, guildId: string): Promise<EngagementSettings> {
  return ctx.store.read(engagementIn, guildId);
}

export function setEngagementSettings(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  changes: Partial<EngagementSettings>,
): Promise<EngagementSettings> {
  return ctx.store.write(setEngagementIn, guildId, changes);
}
