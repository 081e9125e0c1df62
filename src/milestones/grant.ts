/**
 * Granting milestone roles, a few at a time on each reminder tick through the background REST client (paced
 * after scheduled posts). A 403 records the problem on the role and stops its grants, so a server missing Manage
 * Roles costs one refused request, not one per member. A member who later loses the streak keeps the role.
 */
import type { AppContext } from "../context.js";
import type { ShardPlan } from "../discord/shards.js";
import { classifyFailure } from "../jobs/discord.js";
import { pendingGrants, recordGrant, recordRoleProblem } from "./store.js";

type Ctx = Pick<AppContext, "store" | "log" | "clock">;

/** The one Discord call milestones make; whoever runs the sweep provides it (today the reminders' client). */
export interface MilestoneDiscord {
  grantRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
}

/** Grants per sweep: a burst of milestones waits a minute rather than crowding the pacer. */
const PER_SWEEP = 100;

export function roleRefused(roleId: string, status: number, message: string): string {
  return `Discord refused to grant <@&${roleId}> (${status} ${message}). Give Gradient **Manage Roles** and drag its role above <@&${roleId}> in Server Settings, Roles, then run \`/config milestone-role\` again to resume.`;
}

/** One sweep; with `shards`, only for the servers on them (the process's own, as for its reminders). */
export async function grantMilestoneRoles(ctx: Ctx, discord: MilestoneDiscord, shards?: ShardPlan): Promise<number> {
  let granted = 0;
  const refused = new Set<string>();
  for (const grant of await pendingGrants(ctx, PER_SWEEP, shards)) {
    const role = `${grant.guildId}:${grant.days}`;
    if (refused.has(role)) continue;
    try {
      await discord.grantRole(grant.guildId, grant.userId, grant.roleId, `Reached a ${grant.days}-day streak`);
      await recordGrant(ctx, grant, "granted", null);
      granted += 1;
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "unknown") {
        ctx.log.warn({ ...grant, reason: failure.message }, "milestone role grant: no answer; retried next tick");
        continue;
      }
      await recordGrant(ctx, grant, "failed", `${failure.status} ${failure.message}`);
      if (failure.status === 403) {
        refused.add(role);
        await recordRoleProblem(
          ctx,
          grant,
          roleRefused(grant.roleId, failure.status, failure.message),
          ctx.clock.now(),
        );
      }
      ctx.log.warn({ ...grant, status: failure.status, code: failure.code }, "milestone role grant refused");
    }
  }
  return granted;
}
