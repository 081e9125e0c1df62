/** Milestone roles: which role a guild grants at which milestone, and the grants still to make. */
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { milestoneRoles, milestonesReached } from "../db/schema.js";
import { guildOnShards, type ShardPlan } from "../discord/shards.js";

type Ctx = Pick<AppContext, "db">;
export type MilestoneRoleRow = typeof milestoneRoles.$inferSelect;

export function milestoneRolesOf(ctx: Ctx, guildId: string): MilestoneRoleRow[] {
  return ctx.db
    .select()
    .from(milestoneRoles)
    .where(eq(milestoneRoles.guildId, guildId))
    .orderBy(milestoneRoles.days)
    .all();
}

/** Sets the role for a milestone; members who reach it from now on get it. Clears any earlier problem. */
export function setMilestoneRole(ctx: Ctx, guildId: string, days: number, roleId: string, now: Date): void {
  const values = { roleId, configuredAt: now, problem: null, problemAt: null };
  ctx.db
    .insert(milestoneRoles)
    .values({ guildId, days, ...values })
    .onConflictDoUpdate({ target: [milestoneRoles.guildId, milestoneRoles.days], set: values })
    .run();
}

export function clearMilestoneRole(ctx: Ctx, guildId: string, days: number): boolean {
  return (
    ctx.db
      .delete(milestoneRoles)
      .where(and(eq(milestoneRoles.guildId, guildId), eq(milestoneRoles.days, days)))
      .returning({ days: milestoneRoles.days })
      .all().length > 0
  );
}

export interface PendingGrant {
  guildId: string;
  userId: string;
  days: number;
  roleId: string;
}

/**
 * Grants owed: milestones reached since their role was configured, not yet granted or failed, for roles with no
 * recorded problem (a refused role is not tried again until an admin reconfigures it).
 */
export function pendingGrants(ctx: Ctx, limit: number, shards?: ShardPlan): PendingGrant[] {
  return ctx.db
    .select({
      guildId: milestonesReached.guildId,
      userId: milestonesReached.userId,
      days: milestonesReached.days,
      roleId: milestoneRoles.roleId,
    })
    .from(milestonesReached)
    .innerJoin(
      milestoneRoles,
      and(eq(milestoneRoles.guildId, milestonesReached.guildId), eq(milestoneRoles.days, milestonesReached.days)),
    )
    .where(
      and(
        isNull(milestonesReached.roleStatus),
        isNull(milestoneRoles.problem),
        gte(milestonesReached.reachedAt, sql`${milestoneRoles.configuredAt}`),
        shards ? guildOnShards(milestonesReached.guildId, shards) : undefined,
      ),
    )
    .limit(limit)
    .all();
}

export function recordGrant(ctx: Ctx, grant: PendingGrant, status: "granted" | "failed", note: string | null): void {
  ctx.db
    .update(milestonesReached)
    .set({ roleStatus: status, roleId: grant.roleId, roleNote: note })
    .where(
      and(
        eq(milestonesReached.guildId, grant.guildId),
        eq(milestonesReached.userId, grant.userId),
        eq(milestonesReached.days, grant.days),
      ),
    )
    .run();
}

/** Discord refused the role itself: no more grants of it until an admin sets it again (the fix). */
export function recordRoleProblem(ctx: Ctx, grant: PendingGrant, problem: string, now: Date): void {
  ctx.db
    .update(milestoneRoles)
    .set({ problem, problemAt: now })
    .where(and(eq(milestoneRoles.guildId, grant.guildId), eq(milestoneRoles.days, grant.days)))
    .run();
}
