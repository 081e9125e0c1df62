import { and, eq, sql } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { dailyChallenges } from "../db/schema.js";
import { UserError } from "../errors.js";
import { resolveTimezone } from "../settings/index.js";
import { dayNumber, type LocalDate, localDate } from "../time/index.js";

/**
 * Today's challenge for a guild.
 *
 * - One per (guild, date), persisted in daily_challenges: the first caller picks and inserts with ON CONFLICT DO
 *   NOTHING inside an immediate transaction and everyone re-reads the stored row, so concurrent callers (even in
 *   other processes) and later restarts agree.
 * - Areas rotate by date: the areas that have challenges, in taxonomy order, indexed by the date's day number.
 * - Within the area, the guild gets a challenge it has been given the fewest times, so nothing repeats until the
 *   area's pool is exhausted. Among equals the pick is a hash of (guild, date), so guilds differ.
 * - If a stored challenge has left the library, the same (guild, date) always falls back to the same challenge of
 *   the stored area (or the date's rotation area if that area is empty now); the stored row is left as history.
 */

export class NoChallengesError extends UserError {
  constructor() {
    super("The challenge library is empty right now, so there is no daily challenge. Please tell a server admin.");
  }
}

export const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

interface Pools {
  /** Areas that have at least one challenge, in taxonomy order, each with its challenges sorted by id. */
  areas: { id: string; challenges: Challenge[] }[];
  byId: Map<string, Challenge>;
  areaOfChallenge: Map<string, string>;
}

const poolCache = new WeakMap<Content, Pools>();

function poolsOf(content: Content): Pools {
  let pools = poolCache.get(content);
  if (pools) return pools;
  const topicArea = new Map(content.topics.map((t) => [t.id, t.area]));
  const areaOfChallenge = new Map<string, string>();
  const byArea = new Map<string, Challenge[]>();
  for (const challenge of content.challenges) {
    const area = topicArea.get(challenge.topic);
    if (!area) continue;
    areaOfChallenge.set(challenge.id, area);
    const list = byArea.get(area) ?? [];
    list.push(challenge);
    byArea.set(area, list);
  }
  const areas = content.areas
    .map((a) => ({ id: a.id, challenges: (byArea.get(a.id) ?? []).sort((x, y) => compare(x.id, y.id)) }))
    .filter((a) => a.challenges.length > 0);
  pools = { areas, byId: new Map(content.challenges.map((c) => [c.id, c])), areaOfChallenge };
  poolCache.set(content, pools);
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

function prepare(db: Db) {
  return {
    read: db
      .select({ challengeId: dailyChallenges.challengeId, areaId: dailyChallenges.areaId })
      .from(dailyChallenges)
      .where(
        and(eq(dailyChallenges.guildId, sql.placeholder("guildId")), eq(dailyChallenges.date, sql.placeholder("date"))),
      )
      .prepare(),
    usage: db
      .select({ challengeId: dailyChallenges.challengeId, times: sql<number>`count(*)` })
      .from(dailyChallenges)
      .where(eq(dailyChallenges.guildId, sql.placeholder("guildId")))
      .groupBy(dailyChallenges.challengeId)
      .prepare(),
    insert: db
      .insert(dailyChallenges)
      .values({
        guildId: sql.placeholder("guildId"),
        date: sql.placeholder("date"),
        challengeId: sql.placeholder("challengeId"),
        areaId: sql.placeholder("areaId"),
      })
      .onConflictDoNothing()
      .prepare(),
  };
}

const statementsFor = preparedPerDatabase(prepare);

/** A fresh pick for (guild, date), given how often the guild has had each challenge. */
function pick(pools: Pools, guildId: string, date: LocalDate, usage: Map<string, number>): Challenge {
  const area = areaForDate(pools, date);
  if (!area) throw new NoChallengesError();
  let fewest = Number.POSITIVE_INFINITY;
  for (const c of area.challenges) fewest = Math.min(fewest, usage.get(c.id) ?? 0);
  const candidates = area.challenges.filter((c) => (usage.get(c.id) ?? 0) === fewest);
  return candidates[stableHash(`${guildId}|${date}`) % candidates.length] as Challenge;
}

/** The challenge a stored row stands for, or a deterministic stand-in when its challenge has left the library. */
function resolveStored(pools: Pools, guildId: string, date: LocalDate, row: { challengeId: string; areaId: string }) {
  const stored = pools.byId.get(row.challengeId);
  if (stored) return stored;
  const area = pools.areas.find((a) => a.id === row.areaId) ?? areaForDate(pools, date);
  if (!area) throw new NoChallengesError();
  return area.challenges[stableHash(`${guildId}|${date}|fallback`) % area.challenges.length] as Challenge;
}

export function getDailyChallenge(
  ctx: Pick<AppContext, "db" | "content">,
  guildId: string,
  date: LocalDate,
): Challenge {
  if (!LOCAL_DATE.test(date)) throw new Error(`'${date}' is not a YYYY-MM-DD date`);
  const pools = poolsOf(ctx.content);
  const s = statementsFor(ctx.db);
  const existing = s.read.get({ guildId, date });
  if (existing) return resolveStored(pools, guildId, date, existing);
  if (pools.areas.length === 0) throw new NoChallengesError();
  const row = ctx.db.transaction(
    () => {
      const usage = new Map(s.usage.all({ guildId }).map((u) => [u.challengeId, Number(u.times)]));
      const choice = pick(pools, guildId, date, usage);
      s.insert.run({
        guildId,
        date,
        challengeId: choice.id,
        areaId: pools.areaOfChallenge.get(choice.id) ?? "",
      });
      return s.read.get({ guildId, date });
    },
    { behavior: "immediate" },
  );
  if (!row) throw new Error(`daily challenge for ${guildId} on ${date} vanished after insert`);
  return resolveStored(pools, guildId, date, row);
}

type TodayCtx = Pick<AppContext, "db" | "config" | "clock">;

/** The member's local date and the zone it was read in (member's zone, else the guild's, else the default). */
export function memberToday(ctx: TodayCtx, userId: string, guildId: string | null): { date: LocalDate; zone: string } {
  const zone = resolveTimezone(ctx, userId, guildId);
  return { date: localDate(ctx.clock.now(), zone), zone };
}
