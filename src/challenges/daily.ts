import { and, eq, sql } from "drizzle-orm";
import { type Content, findChallenge } from "../content/load.js";
import type { Challenge, Requirement } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { retryWhileBusy } from "../db/busy.js";
import { preparedPerSession } from "../db/prepared.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { zoneIn } from "../settings/index.js";
import { dayNumber, type LocalDate, localDate } from "../time/index.js";
import { type DailyRules, dailyRulesIn, fitsDaily, type Track } from "./rules.js";

/**
 * Today's challenge for a guild, on one track ("mixed", every level, or one level).
 *
 * - One per (guild, date, track), persisted in daily_challenges: the first caller picks and inserts with ON
 *   CONFLICT DO NOTHING inside a write transaction and everyone re-reads the stored row, so concurrent callers
 *   (even in other processes, on either engine: the primary key decides) and later restarts agree. A stored day never changes when the library or the
 *   server's rules change.
 * - The pool is the track's challenges that need nothing the server's daily does not allow (src/challenges/rules.ts).
 * - Areas rotate by date: the areas that have pool challenges, in taxonomy order, indexed by the date's day number.
 * - Within the area, the guild gets a challenge it has been given the fewest times on that track, so nothing
 *   repeats until the area's pool is exhausted. Among equals the pick is a hash of (guild, date, track).
 * - If a stored challenge has left the library, the same (guild, date, track) always falls back to the same
 *   challenge of the stored area (or the date's rotation area if that area is empty now).
 */

export class NoChallengesError extends UserError {
  constructor() {
    super("The challenge library is empty right now, so there is no daily challenge. Please tell a server admin.");
  }
}

export class NoFittingChallengeError extends UserError {
  constructor(track: Track) {
    super(
      `No challenge fits this server's daily rules${track === "mixed" ? "" : ` at the ${track} level`}. A server manager can allow more with \`/config daily\`.`,
    );
  }
}

export const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

interface Pools {
  /** Areas that have at least one pool challenge, in taxonomy order, each with its challenges sorted by id. */
  areas: { id: string; challenges: Challenge[] }[];
  areaOfChallenge: Map<string, string>;
  /** Stored days look their challenge up here, retired ones included. */
  content: Content;
}

const poolCache = new WeakMap<Content, Map<string, Pools>>();

function poolsOf(content: Content, track: Track, allows: ReadonlySet<Requirement>): Pools {
  const key = `${track}|${[...allows].sort().join(",")}`;
  let byKey = poolCache.get(content);
  if (!byKey) {
    byKey = new Map();
    poolCache.set(content, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  const topicArea = new Map(content.topics.map((t) => [t.id, t.area]));
  const areaOfChallenge = new Map<string, string>();
  const byArea = new Map<string, Challenge[]>();
  for (const challenge of content.challenges) {
    const area = topicArea.get(challenge.topic);
    if (!area) continue;
    areaOfChallenge.set(challenge.id, area);
    if ((track !== "mixed" && challenge.level !== track) || !fitsDaily(challenge.requires, allows)) continue;
    const list = byArea.get(area) ?? [];
    list.push(challenge);
    byArea.set(area, list);
  }
  const areas = content.areas
    .map((a) => ({ id: a.id, challenges: (byArea.get(a.id) ?? []).sort((x, y) => compare(x.id, y.id)) }))
    .filter((a) => a.challenges.length > 0);
  const pools = { areas, content, areaOfChallenge };
  byKey.set(key, pools);
  return pools;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a, 32 bits: a stable hash that does not depend on the Node version or the process. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function areaForDate(pools: Pools, date: LocalDate): Pools["areas"][number] | undefined {
  const n = pools.areas.length;
  return n === 0 ? undefined : pools.areas[((dayNumber(date) % n) + n) % n];
}

const statements = preparedPerSession(({ db, t }) => {
  const { dailyChallenges } = t;
  const key = and(
    eq(dailyChallenges.guildId, sql.placeholder("guildId")),
    eq(dailyChallenges.date, sql.placeholder("date")),
    eq(dailyChallenges.track, sql.placeholder("track")),
  );
  return {
    read: db
      .select({ challengeId: dailyChallenges.challengeId, areaId: dailyChallenges.areaId })
      .from(dailyChallenges)
      .where(key)
      .prepare(),
    usage: db
      .select({ challengeId: dailyChallenges.challengeId, times: sql<number>`count(*)` })
      .from(dailyChallenges)
      .where(
        and(
          eq(dailyChallenges.guildId, sql.placeholder("guildId")),
          eq(dailyChallenges.track, sql.placeholder("track")),
        ),
      )
      .groupBy(dailyChallenges.challengeId)
      .prepare(),
    insert: db
      .insert(dailyChallenges)
      .values({
        guildId: sql.placeholder("guildId"),
        date: sql.placeholder("date"),
        track: sql.placeholder("track"),
        challengeId: sql.placeholder("challengeId"),
        areaId: sql.placeholder("areaId"),
      })
      .onConflictDoNothing()
      .prepare(),
  };
});

/** A fresh pick for (guild, date, track), given how often the guild has had each challenge on that track. */
function pick(pools: Pools, seed: string, date: LocalDate, usage: Map<string, number>, track: Track): Challenge {
  const area = areaForDate(pools, date);
  if (!area) throw new NoFittingChallengeError(track);
  let fewest = Number.POSITIVE_INFINITY;
  for (const c of area.challenges) fewest = Math.min(fewest, usage.get(c.id) ?? 0);
  const candidates = area.challenges.filter((c) => (usage.get(c.id) ?? 0) === fewest);
  return candidates[stableHash(seed) % candidates.length] as Challenge;
}

/** The challenge a stored row stands for, or a deterministic stand-in when its challenge has left the library. */
function resolveStored(pools: Pools, seed: string, date: LocalDate, row: { challengeId: string; areaId: string }) {
  const stored = findChallenge(pools.content, row.challengeId);
  if (stored) return stored;
  const area = pools.areas.find((a) => a.id === row.areaId) ?? areaForDate(pools, date);
  if (!area) throw new NoChallengesError();
  return area.challenges[stableHash(`${seed}|fallback`) % area.challenges.length] as Challenge;
}

/** Keeps the seed of the days before tracks, so a mixed day hashes as it always did. */
const seedOf = (guildId: string, date: LocalDate, track: Track) =>
  track === "mixed" ? `${guildId}|${date}` : `${guildId}|${date}|${track}`;

/** The daily of (guild, date, track), or undefined when it is not stored yet and `choose` is false. */
function* dailyIn(
  s: Session,
  content: Content,
  guildId: string,
  date: LocalDate,
  track: Track | undefined,
  rules: DailyRules | undefined,
  choose: boolean,
): Gen<Challenge | undefined> {
  if (!LOCAL_DATE.test(date)) throw new Error(`'${date}' is not a YYYY-MM-DD date`);
  if (content.challenges.length === 0) throw new NoChallengesError();
  const { allows, track: serverTrack } = rules ?? (yield* dailyRulesIn(s, guildId));
  const on = track ?? serverTrack;
  const pools = poolsOf(content, on, allows);
  const seed = seedOf(guildId, date, on);
  const st = statements(s);
  const existing = yield* get(st.read, { guildId, date, track: on });
  if (existing) return resolveStored(pools, seed, date, existing);
  if (!choose) return undefined;
  const usage = new Map(
    (yield* all(st.usage, { guildId, track: on })).map((u) => [u.challengeId, Number(u.times)] as const),
  );
  const choice = pick(pools, seed, date, usage, on);
  yield* run(st.insert, {
    guildId,
    date,
    track: on,
    challengeId: choice.id,
    areaId: pools.areaOfChallenge.get(choice.id) ?? "",
  });
  const row = yield* get(st.read, { guildId, date, track: on });
  if (!row) throw new Error(`daily challenge for ${guildId} on ${date} (${on}) vanished after insert`);
  return resolveStored(pools, seed, date, row);
}

/**
 * The daily of (guild, date, track), chosen and stored on first ask. The track defaults to the server's. A caller
 * that has read the server's rules already passes them, so one decision reads them once.
 */
export function* dailyChallengeIn(
  s: Session,
  content: Content,
  guildId: string,
  date: LocalDate,
  track?: Track,
  rules?: DailyRules,
): Gen<Challenge> {
  return (yield* dailyIn(s, content, guildId, date, track, rules, true)) as Challenge;
}

/** How long a day's first ask keeps retrying its pick; short, as an interaction may be waiting on it. */
const PICK_BUDGET_MS = 2_000;

/**
 * `dailyChallengeIn` as a use case. Nearly every ask finds the day stored, so it reads first; the day's first ask
 * chooses in a write, where the pick sees every pick before it. A write that meets another is tried again from the
 * read: the other may have chosen this very day (the read then takes its pick), but on PostgreSQL it may as well be
 * a pick of another track or date in the same table (its serialization check is not per key), which leaves this day
 * still to choose.
 */
export function getDailyChallenge(
  ctx: Pick<AppContext, "store" | "content">,
  guildId: string,
  date: LocalDate,
  track?: Track,
  rules?: DailyRules,
): Promise<Challenge> {
  return retryWhileBusy(
    async () =>
      (await ctx.store.read(dailyIn, ctx.content, guildId, date, track, rules, false)) ??
      (await ctx.store.write(dailyChallengeIn, ctx.content, guildId, date, track, rules)),
    { budgetMs: PICK_BUDGET_MS },
  );
}

/** The daily stored for (guild, date, track), without choosing one: for looking back at a past day. */
export function* storedDailyIn(
  s: Session,
  content: Content,
  guildId: string,
  date: LocalDate,
  track: Track,
): Gen<Challenge | undefined> {
  const row = yield* get(statements(s).read, { guildId, date, track });
  return row ? findChallenge(content, row.challengeId) : undefined;
}

export function storedDailyChallenge(
  ctx: Pick<AppContext, "store" | "content">,
  guildId: string,
  date: LocalDate,
  track: Track,
): Promise<Challenge | undefined> {
  return ctx.store.read(storedDailyIn, ctx.content, guildId, date, track);
}

/**
 * The member's local date at `now` and the zone it was read in (member's zone, else the guild's, else
 * `defaultZone`, the config's DEFAULT_TIMEZONE).
 */
export function* memberTodayIn(
  s: Session,
  defaultZone: string,
  guildId: string | null,
  userId: string,
  now: Date,
): Gen<{ date: LocalDate; zone: string }> {
  const zone = yield* zoneIn(s, defaultZone, guildId, userId);
  return { date: localDate(now, zone), zone };
}

/** `memberTodayIn` at `now` when the caller has read the clock already, else at the clock's now. */
export function memberToday(
  ctx: Pick<AppContext, "store" | "config" | "clock">,
  guildId: string | null,
  userId: string,
  now: Date = ctx.clock.now(),
): Promise<{ date: LocalDate; zone: string }> {
  return ctx.store.read(memberTodayIn, ctx.config.DEFAULT_TIMEZONE, guildId, userId, now);
}
