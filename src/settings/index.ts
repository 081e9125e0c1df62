import { eq } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { guilds, members } from "../db/schema.js";

type Ctx = Pick<AppContext, "db" | "config">;

export function getGuildTimezone(ctx: Ctx, guildId: string | null): string {
  if (!guildId) return ctx.config.DEFAULT_TIMEZONE;
  const row = ctx.db.select({ timezone: guilds.timezone }).from(guilds).where(eq(guilds.id, guildId)).get();
  return row?.timezone ?? ctx.config.DEFAULT_TIMEZONE;
}

export function setGuildTimezone(ctx: Ctx, guildId: string, timezone: string): void {
  ctx.db
    .insert(guilds)
    .values({ id: guildId, timezone })
    .onConflictDoUpdate({ target: guilds.id, set: { timezone } })
    .run();
}

export function getMemberTimezone(ctx: Ctx, userId: string): string | null {
  const row = ctx.db.select({ timezone: members.timezone }).from(members).where(eq(members.userId, userId)).get();
  return row?.timezone ?? null;
}

export function setMemberTimezone(ctx: Ctx, userId: string, timezone: string | null, now: Date): void {
  ctx.db
    .insert(members)
    .values({ userId, timezone, updatedAt: now })
    .onConflictDoUpdate({ target: members.userId, set: { timezone, updatedAt: now } })
    .run();
}

/** The zone that decides a member's "today": their own, else the guild's, else DEFAULT_TIMEZONE. */
export function resolveTimezone(ctx: Ctx, userId: string, guildId: string | null): string {
  return getMemberTimezone(ctx, userId) ?? getGuildTimezone(ctx, guildId);
}
