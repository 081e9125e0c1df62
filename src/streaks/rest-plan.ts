import { and, eq, like, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { plural } from "../format.js";
import { getEngagementSettings, MAX_REST_DAYS_PER_YEAR, resolveTimezone, zoneIn } from "../settings/index.js";
import { addDays, type LocalDate, localDate } from "../time/index.js";
import { refreshLapseIn, type ZoneOf } from "./boards.js";
import type { RestDays } from "./engine.js";
import { restDaysAfter, restStatements } from "./rest.js";
import { stateIn } from "./store.js";

/**
 * Planning and cancelling rest days (rule 8 of ./engine.ts). Each is one transaction that also moves when the
 * member's current streak lapses, since rest days push that later.
 */

type Ctx = Pick<AppContext, "store" | "config" | "clock">;

export type RestPlan = {
  /** The days newly planned (days already planned are kept as they were). */
  planned: LocalDate[];
  /** Every future rest day now planned. */
  upcoming: RestDays;
  /** Rest days used in the first planned day's year, of `allowance`. */
  usedThisYear: number;
  allowance: number;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `days` consecutive rest days from `from` (the member's today when null). */
export async function planRest(
  ctx: Ctx,
  guildId: string,
  userId: string,
  days: number,
  from: string | null,
): Promise<RestPlan> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REST_DAYS_PER_YEAR)
    throw new UserError(`Plan between 1 and ${MAX_REST_DAYS_PER_YEAR} rest days at a time. Nothing was planned.`);
  const now = ctx.clock.now();
  const zone = await resolveTimezone(ctx, guildId, userId);
  const today = localDate(now, zone);
  const start = from ?? today;
  if (!DATE.test(start) || addDays(start, 0) !== start)
    throw new UserError(`'${start}' is not a date. Use YYYY-MM-DD, like ${today}. Nothing was planned.`);
  if (start < today)
    throw new UserError(`${start} has passed (it's ${today} for you, ${zone}). Rest days can only be planned ahead.`);
  const { restDaysPerYear: allowance } = await getEngagementSettings(ctx, guildId);
  const plan = { guildId, userId, days, start, today, now, allowance, zoneFor: memberZone(ctx, userId) };
  return ctx.store.write(planIn, plan);
}

/** The member's zone in each guild, for the lapse instants their rest days move. */
function memberZone(ctx: Pick<AppContext, "config">, userId: string): ZoneOf {
  return (s, guildId) => zoneIn(s, ctx.config.DEFAULT_TIMEZONE, guildId, userId);
}

function* planIn(
  s: Session,
  plan: {
    guildId: string;
    userId: string;
    days: number;
    start: LocalDate;
    today: LocalDate;
    now: Date;
    allowance: number;
    zoneFor: ZoneOf;
  },
): Gen<RestPlan> {
  const { guildId, userId, start, allowance } = plan;
  const state = yield* stateIn(s, guildId, userId);
  if (state.lastDate !== null && start <= state.lastDate)
    throw new UserError(
      `You've already been credited for ${state.lastDate}, so rest days can start on ${addDays(state.lastDate, 1)} at the earliest. Nothing was planned.`,
    );
  const dates = Array.from({ length: plan.days }, (_, i) => addDays(start, i));
  const existing = new Set(yield* restDaysAfter(s, guildId, userId, addDays(start, -1)));
  const planned = dates.filter((d) => !existing.has(d));
  for (const year of new Set(dates.map((d) => d.slice(0, 4)))) {
    const used = yield* countInYear(s, guildId, userId, year);
    const adding = planned.filter((d) => d.startsWith(year)).length;
    if (used + adding > allowance)
      throw new UserError(
        `This server allows ${plural(allowance, "rest day")} a year; you have ${used} in ${year} already, so ${plural(adding, "more day")} would be too many. Nothing was planned.`,
      );
  }
  const q = restStatements(s);
  for (const date of planned) yield* run(q.insert, { guildId, userId, date, plannedAt: plan.now });
  yield* refreshLapseIn(s, userId, plan.zoneFor);
  return {
    planned,
    upcoming: yield* restDaysAfter(s, guildId, userId, addDays(plan.today, -1)),
    usedThisYear: yield* countInYear(s, guildId, userId, start.slice(0, 4)),
    allowance,
  };
}

/** Drops the member's planned rest days from today on (never one already passed, nor one before a credited day). */
export async function cancelRest(ctx: Ctx, guildId: string, userId: string): Promise<LocalDate[]> {
  const today = localDate(ctx.clock.now(), await resolveTimezone(ctx, guildId, userId));
  return ctx.store.write(cancelIn, guildId, userId, today, memberZone(ctx, userId));
}

function* cancelIn(s: Session, guildId: string, userId: string, today: LocalDate, zoneFor: ZoneOf): Gen<LocalDate[]> {
  const { lastDate } = yield* stateIn(s, guildId, userId);
  const from = lastDate !== null && lastDate >= today ? addDays(lastDate, 1) : today;
  const dropped = (yield* all(restStatements(s).removeFrom, { guildId, userId, from })).map((r) => r.date);
  if (dropped.length > 0) yield* refreshLapseIn(s, userId, zoneFor);
  return dropped.sort();
}

function* countInYear(s: Session, guildId: string, userId: string, year: string): Gen<number> {
  const { restDays } = s.t;
  const row = yield* get(
    s.db
      .select({ n: sql<number>`count(*)` })
      .from(restDays)
      .where(and(eq(restDays.guildId, guildId), eq(restDays.userId, userId), like(restDays.date, `${year}-%`))),
  );
  return Number(row?.n ?? 0);
}

/** Whether `date` is one of the member's planned rest days. */
export function* isRestDayIn(s: Session, guildId: string, userId: string, date: LocalDate): Gen<boolean> {
  return (yield* restDaysAfter(s, guildId, userId, addDays(date, -1)))[0] === date;
}
