/**
 * Whether a member is still in the server a reminder is for. With only the Guilds intent Discord never says that a
 * member left, was kicked or was banned, so the reminder keeps when Gradient last knew (`present_at`): the member's
 * own command or component in that server (written at most once a day), setting the reminder, or a member lookup
 * Discord answered 200.
 *
 * - A DM reminder goes out without asking Discord while that is under 3 days old; otherwise one lookup first, on the
 *   reminders' background client. The wave reads `present_at` with the reminders it is due for: no extra query.
 * - A reminder's button pressed in a DM credits the server only after a lookup at the press: the DM proves nothing
 *   about the server, and a credit is where a departed member matters most. Pressed in the server, the interaction
 *   itself is the proof.
 * - Discord's 404 Unknown Member (10007) turns the reminder off, told once like a closed DM.
 */
import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import { type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import type { MemberLookup } from "./discord.js";
import { turnOffReminder } from "./store.js";

type Ctx = Pick<AppContext, "store" | "clock">;

const DAY_MS = 86_400_000;
/** How long the member's own interaction, or a lookup's 200, lets DM reminders go out without asking Discord. */
export const PRESENCE_KEPT_MS = 3 * DAY_MS;

/** The off reason of a reminder whose member Discord says is no longer in its server. */
export const LEFT_SERVER = "Discord says you are no longer a member of that server";

export const LEFT_SERVER_REFUSAL =
  "You're no longer a member of the server this reminder is from, so nothing was recorded, and its reminder is now off. If you rejoin, `/remind at` there switches it back on.";

const statements = preparedPerSession(({ db, t }) => ({
  presentAt: db
    .select({ presentAt: t.reminders.presentAt })
    .from(t.reminders)
    .where(and(eq(t.reminders.guildId, sql.placeholder("guildId")), eq(t.reminders.userId, sql.placeholder("userId"))))
    .prepare(),
}));

/** The member's reminder in the server, with when they were last known to be in it; undefined without one. */
function* presenceIn(s: Session, guildId: string, userId: string): Gen<{ presentAt: Date | null } | undefined> {
  return yield* get(statements(s).presentAt, { guildId, userId });
}

function* markPresentIn(s: Session, guildId: string, userId: string, at: Date): Gen<void> {
  yield* run(
    s.db
      .update(s.t.reminders)
      .set({ presentAt: at })
      .where(and(eq(s.t.reminders.guildId, guildId), eq(s.t.reminders.userId, userId))),
  );
}

/** The port the interaction layer tells of a member's own interaction in a server. */
export interface MemberPresence {
  seen(guildId: string, userId: string): Promise<void>;
}

/**
 * A member's command or component in a server: they are in it. On the hot path, so one indexed read, and a write
 * only for a member with a reminder there whose presence is a day old or more.
 */
export function memberPresence(ctx: Ctx): MemberPresence {
  return {
    async seen(guildId, userId) {
      const row = await ctx.store.read(presenceIn, guildId, userId);
      if (!row) return;
      const now = ctx.clock.now();
      if (row.presentAt && now.getTime() - row.presentAt.getTime() < DAY_MS) return;
      await ctx.store.write(markPresentIn, guildId, userId, now);
    },
  };
}

/** Asks Discord, keeps a 200, and turns the reminder off on a 404 Unknown Member; anything else is thrown. */
async function lookUp(ctx: Ctx, lookup: MemberLookup, guildId: string, userId: string): Promise<boolean> {
  const present = await lookup.isMember(guildId, userId);
  if (present) await ctx.store.write(markPresentIn, guildId, userId, ctx.clock.now());
  else await turnOffReminder(ctx, guildId, userId, LEFT_SERVER, ctx.clock.now());
  return present;
}

/** Before a DM reminder goes out: whether its member is still in its server, asking Discord only when not known. */
export function stillMember(
  ctx: Ctx,
  lookup: MemberLookup,
  member: { guildId: string; userId: string; presentAt: Date | null },
): Promise<boolean> {
  const known = member.presentAt && ctx.clock.now().getTime() - member.presentAt.getTime() < PRESENCE_KEPT_MS;
  return known ? Promise.resolve(true) : lookUp(ctx, lookup, member.guildId, member.userId);
}

/**
 * Before a reminder's button pressed in a DM credits its server: refuses a member who left it. A member without a
 * reminder there is not asked about: the button is refused for that (src/reminders/member.ts).
 */
export async function requireMemberToCredit(
  ctx: Ctx,
  lookup: MemberLookup,
  guildId: string,
  userId: string,
): Promise<void> {
  if (!(await ctx.store.read(presenceIn, guildId, userId))) return;
  if (!(await lookUp(ctx, lookup, guildId, userId))) throw new UserError(LEFT_SERVER_REFUSAL);
}
