/**
 * Which daily a member gets: the server's rules (its default track and what its daily may require) and the
 * member's own track. One place decides, for /challenge, the daily post and the solution.
 */
import { and, eq, sql } from "drizzle-orm";
import { REQUIREMENTS, type Requirement } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import { type Gen, get, run, type Session } from "../db/store.js";

import type { Track } from "./tracks.js";

export { TRACKS, type Track } from "./tracks.js";

/** What a daily may need unless the server says otherwise: nothing that costs money, a GPU or other people. */
export const DEFAULT_ALLOWS: ReadonlySet<Requirement> = new Set(["docker", "large-download"]);

export interface DailyRules {
  track: Track;
  allows: ReadonlySet<Requirement>;
}

type Ctx = Pick<AppContext, "store">;

// Read for every daily a member asks for.
const statements = preparedPerSession(({ db, t }) => ({
  rules: db
    .select({ track: t.guilds.dailyTrack, allows: t.guilds.dailyAllows })
    .from(t.guilds)
    .where(eq(t.guilds.id, sql.placeholder("guildId")))
    .prepare(),
  memberTrack: db
    .select({ track: t.memberTracks.track })
    .from(t.memberTracks)
    .where(
      and(eq(t.memberTracks.guildId, sql.placeholder("guildId")), eq(t.memberTracks.userId, sql.placeholder("userId"))),
    )
    .prepare(),
}));

const parseAllows = (stored: string | null): ReadonlySet<Requirement> =>
  stored === null
    ? DEFAULT_ALLOWS
    : new Set(stored.split(",").filter((r): r is Requirement => (REQUIREMENTS as readonly string[]).includes(r)));

export function* dailyRulesIn(s: Session, guildId: string): Gen<DailyRules> {
  const row = yield* get(statements(s).rules, { guildId });
  return { track: row?.track ?? "mixed", allows: parseAllows(row?.allows ?? null) };
}

/** Changes the parts given; the rest stay as they are. */
export function* setDailyRulesIn(s: Session, guildId: string, change: Partial<DailyRules>): Gen<DailyRules> {
  const set: { dailyTrack?: Track; dailyAllows?: string } = {};
  if (change.track) set.dailyTrack = change.track;
  if (change.allows) set.dailyAllows = REQUIREMENTS.filter((r) => change.allows?.has(r)).join(",");
  if (Object.keys(set).length > 0)
    yield* run(
      s.db
        .insert(s.t.guilds)
        .values({ id: guildId, ...set })
        .onConflictDoUpdate({ target: s.t.guilds.id, set }),
    );
  return yield* dailyRulesIn(s, guildId);
}

export function getDailyRules(ctx: Ctx, guildId: string): Promise<DailyRules> {
  return ctx.store.read(dailyRulesIn, guildId);
}

export function setDailyRules(ctx: Ctx, guildId: string, change: Partial<DailyRules>): Promise<DailyRules> {
  return ctx.store.write(setDailyRulesIn, guildId, change);
}

/** Whether a challenge may be a server's daily under `allows`. */
export const fitsDaily = (requires: readonly Requirement[] | undefined, allows: ReadonlySet<Requirement>) =>
  (requires ?? []).every((r) => allows.has(r));

/** The member's own track in the server, or null when they follow the server's default. */
export function* memberTrackIn(s: Session, guildId: string, userId: string): Gen<Track | null> {
  return (yield* get(statements(s).memberTrack, { guildId, userId }))?.track ?? null;
}

/** Sets the member's track; null goes back to the server's default. */
export function* setMemberTrackIn(
  s: Session,
  guildId: string,
  userId: string,
  track: Track | null,
  now: Date,
): Gen<void> {
  const { memberTracks } = s.t;
  if (track === null) {
    yield* run(
      s.db.delete(memberTracks).where(and(eq(memberTracks.guildId, guildId), eq(memberTracks.userId, userId))),
    );
    return;
  }
  yield* run(
    s.db
      .insert(memberTracks)
      .values({ guildId, userId, track, updatedAt: now })
      .onConflictDoUpdate({ target: [memberTracks.guildId, memberTracks.userId], set: { track, updatedAt: now } }),
  );
}

/**
 * The track whose daily a member gets in a server: their own, else the server's default (from `rules` when the
 * caller has read them already).
 */
export function* trackIn(s: Session, guildId: string, userId: string, rules?: DailyRules): Gen<Track> {
  return (yield* memberTrackIn(s, guildId, userId)) ?? (rules ?? (yield* dailyRulesIn(s, guildId))).track;
}

export function setMemberTrack(
  ctx: Ctx,
  guildId: string,
  userId: string,
  track: Track | null,
  now: Date,
): Promise<void> {
  return ctx.store.write(setMemberTrackIn, guildId, userId, track, now);
}

export function trackOf(ctx: Ctx, guildId: string, userId: string, rules?: DailyRules): Promise<Track> {
  return ctx.store.read(trackIn, guildId, userId, rules);
}
