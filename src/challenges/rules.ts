/**
 * Which daily a member gets: the server's rules (its default track and what its daily may require) and the
 * member's own track. One place decides, for /challenge, the daily post and the solution.
 */
import { and, eq, sql } from "drizzle-orm";
import { REQUIREMENTS, type Requirement } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { guilds, memberTracks } from "../db/schema.js";

import type { Track } from "./tracks.js";

export { TRACKS, type Track } from "./tracks.js";

/** What a daily may need unless the server says otherwise: nothing that costs money, a GPU or other people. */
export const DEFAULT_ALLOWS: ReadonlySet<Requirement> = new Set(["docker", "large-download"]);

export interface DailyRules {
  track: Track;
  allows: ReadonlySet<Requirement>;
}

type Ctx = Pick<AppContext, "db">;

// Read for every daily a member asks for.
const statementsFor = preparedPerDatabase((db: Db) => ({
  rules: db
    .select({ track: guilds.dailyTrack, allows: guilds.dailyAllows })
    .from(guilds)
    .where(eq(guilds.id, sql.placeholder("guildId")))
    .prepare(),
  memberTrack: db
    .select({ track: memberTracks.track })
    .from(memberTracks)
    .where(
      and(eq(memberTracks.guildId, sql.placeholder("guildId")), eq(memberTracks.userId, sql.placeholder("userId"))),
    )
    .prepare(),
}));

const parseAllows = (stored: string | null): ReadonlySet<Requirement> =>
  stored === null
    ? DEFAULT_ALLOWS
    : new Set(stored.split(",").filter((r): r is Requirement => (REQUIREMENTS as readonly string[]).includes(r)));

export function getDailyRules(ctx: Ctx, guildId: string): DailyRules {
  const row = statementsFor(ctx.db).rules.get({ guildId });
  return { track: row?.track ?? "mixed", allows: parseAllows(row?.allows ?? null) };
}

/** Changes the parts given; the rest stay as they are. */
export function setDailyRules(ctx: Ctx, guildId: string, change: Partial<DailyRules>): DailyRules {
  const set: { dailyTrack?: Track; dailyAllows?: string } = {};
  if (change.track) set.dailyTrack = change.track;
  if (change.allows) set.dailyAllows = REQUIREMENTS.filter((r) => change.allows?.has(r)).join(",");
  if (Object.keys(set).length > 0)
    ctx.db
      .insert(guilds)
      .values({ id: guildId, ...set })
      .onConflictDoUpdate({ target: guilds.id, set })
      .run();
  return getDailyRules(ctx, guildId);
}

/** Whether a challenge may be a server's daily under `allows`. */
export const fitsDaily = (requires: readonly Requirement[] | undefined, allows: ReadonlySet<Requirement>) =>
  (requires ?? []).every((r) => allows.has(r));

/** The member's own track in the server, or null when they follow the server's default. */
export function getMemberTrack(ctx: Ctx, guildId: string, userId: string): Track | null {
  return statementsFor(ctx.db).memberTrack.get({ guildId, userId })?.track ?? null;
}

/** Sets the member's track; null goes back to the server's default. */
export function setMemberTrack(ctx: Ctx, guildId: string, userId: string, track: Track | null, now: Date): void {
  if (track === null) {
    ctx.db
      .delete(memberTracks)
      .where(and(eq(memberTracks.guildId, guildId), eq(memberTracks.userId, userId)))
      .run();
    return;
  }
  ctx.db
    .insert(memberTracks)
    .values({ guildId, userId, track, updatedAt: now })
    .onConflictDoUpdate({ target: [memberTracks.guildId, memberTracks.userId], set: { track, updatedAt: now } })
    .run();
}

/**
 * The track whose daily a member gets in a server: their own, else the server's default (from `rules` when the
 * caller has read them already).
 */
export function trackOf(ctx: Ctx, guildId: string, userId: string, rules?: DailyRules): Track {
  return getMemberTrack(ctx, guildId, userId) ?? (rules ?? getDailyRules(ctx, guildId)).track;
}
