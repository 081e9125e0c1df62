/** Milestone roles: which role a guild grants at which milestone, and the grants still to make. */
import { and, asc, eq, gte, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { milestoneRoles } from "../db/schema.js";
import { all, type Gen, run, type Session } from "../db/store.js";
import { guildOnShards, type ShardPlan } from "../discord/shards.js";

type Ctx = Pick<AppContext, "store">;
export type MilestoneRoleRow = typeof milestoneRoles.$inferSelect;

export function* milestoneRolesIn(s: Session, guildId: string): Gen<MilestoneRoleRow[]> {
  const { milestoneRoles } = s.t;
  return yield* all(
    s.db.select().from(milestoneRoles).where(eq(milestoneRoles.guildId, guildId)).orderBy(milestoneRoles.days),
  );
}

export function milestoneRolesOf(ctx: Ctx, guildId: string): Promise<MilestoneRoleRow[]> {
  return ctx.store.read(milestoneRolesIn, guildId);
}

function* setRoleIn(s: Session, guildId: string, days: number, roleId: string, now: Date): Gen<void> {
  const { milestoneRoles } = s.t;
  const values = { roleId, configuredAt: now, problem: null, problemAt: null };
  yield* run(
    s.db
      .insert(milestoneRoles)
      .values({ guildId, days, ...values })
      .onConflictDoUpdate({ target: [milestoneRoles.guildId, milestoneRoles.days], set: values }),
  );
}

/** Sets the role for a milestone; members who reach it from now on get it. Clears any earlier problem. */
export function setMilestoneRole(ctx: Ctx, guildId: string, days: number, roleId: string, now: Date): Promise<void> {
  return ctx.store.write(setRoleIn, guildId, days, roleId, now);
}

function* clearRoleIn(s: Session, guildId: string, days: number): Gen<boolean> {
  const { milestoneRoles } = s.t;
  const { changes } = yield* run(
    s.db.delete(milestoneRoles).where(and(eq(milestoneRoles.guildId, guildId), eq(milestoneRoles.days, days))),
  );
  return changes > 0;
}

export function clearMilestoneRole(ctx: Ctx, guildId: string, days: number): Promise<boolean> {
  return ctx.store.write(clearRoleIn, guildId, days);
}

export interface PendingGrant {
  guildId: string;
  userId: string;
  days: number;
  roleId: string;
}

function* pendingIn(s: Session, limit: number, shards: ShardPlan | undefined): Gen<PendingGrant[]> {
  const { milestoneRoles, milestonesReached } = s.t;
  return yield* all(
    s.db
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
      // First reached, first granted: the same order on either engine.
      .orderBy(
        asc(milestonesReached.reachedAt),
        asc(milestonesReached.guildId),
        asc(milestonesReached.userId),
        asc(milestonesReached.days),
      )
      .limit(limit),
  );
}

/**
 * Grants owed: milestones reached since their role was configured, not yet granted or failed, for roles with no
 * recorded problem (a refused role is not tried again until an admin reconfigures it).
 */
export function pendingGrants(ctx: Ctx, limit: number, shards?: ShardPlan): Promise<PendingGrant[]> {
  return ctx.store.read(pendingIn, limit, shards);
}

function* recordGrantIn(s: Session, grant: PendingGrant, status: "granted" | "failed", note: string | null): Gen<void> {
  const { milestonesReached } = s.t;
  yield* run(
    s.db
      .update(milestonesReached)
      .set({ roleStatus: status, roleId: grant.roleId, roleNote: note })
      .where(
        and(
          eq(milestonesReached.guildId, grant.guildId),
          eq(milestonesReached.userId, grant.userId),
          eq(milestonesReached.days, grant.days),
        ),
      ),
  );
}

export function recordGrant(
  ctx: Ctx,
  grant: PendingGrant,
  status: "granted" | "failed",
  note: string | null,
): Promise<void> {
  return ctx.store.write(recordGrantIn, grant, status, note);
}

function* roleProblemIn(s: Session, grant: PendingGrant, problem: string, now: Date): Gen<void> {
  const { milestoneRoles } = s.t;
  yield* run(
    s.db
      .update(milestoneRoles)
      .set({ problem, problemAt: now })
      .where(and(eq(milestoneRoles.guildId, grant.guildId), eq(milestoneRoles.days, grant.days))),
  );
}

/** Discord refused the role itself: no more grants of it until an admin sets it again (the fix). */
export function recordRoleProblem(ctx: Ctx, grant: PendingGrant, problem: string, now: Date): Promise<void> {
  return ctx.store.write(roleProblemIn, grant, problem, now);
}
