import { and, eq, like, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { restDays } from "../db/schema.js";
import { UserError } from "../errors.js";
import { plural } from "../format.js";
import { getEngagementSettingsSync, MAX_REST_DAYS_PER_YEAR, resolveTimezoneSync } from "../settings/index.js";
import { addDays, type LocalDate, localDate } from "../time/index.js";
import { refreshLapse } from "./boards.js";
import type { RestDays } from "./engine.js";
import { restDaysAfter, restStatementsFor } from "./rest.js";
import { readState } from "./store.js";

/**
 * Planning and cancelling rest days (rule 8 of ./engine.ts). Each is one immediate transaction that also moves
 * when the member's current streak lapses, since rest days push that later.
 */

type Ctx = Pick<AppContext, "db" | "config" | "clock">;

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
export function planRest(ctx: Ctx, guildId: string, userId: string, days: number, from: string | null): RestPlan {
  if (!Number.isInteger(days) || days < 1 || days > MAX_REST_DAYS_PER_YEAR)
    throw new UserError(`Plan between 1 and ${MAX_REST_DAYS_PER_YEAR} rest days at a time. Nothing was planned.`);
  const now = ctx.clock.now();
  const zone = resolveTimezoneSync(ctx, guildId, userId);
  const today = localDate(now, zone);
  const start = from ?? today;
  if (!DATE.test(start) || addDays(start, 0) !== start)
    throw new UserError(`'${start}' is not a date. Use YYYY-MM-DD, like ${today}. Nothing was planned.`);
  if (start < today)
    throw new UserError(`${start} has passed (it's ${today} for you, ${zone}). Rest days can only be planned ahead.`);
  const { restDaysPerYear: allowance } = getEngagementSettingsSync(ctx, guildId);
  return ctx.db.$client
    .transaction(() => {
      const state = readState(ctx, guildId, userId);
      if (state.lastDate !== null && start <= state.lastDate)
        throw new UserError(
          `You've already been credited for ${state.lastDate}, so rest days can start on ${addDays(state.lastDate, 1)} at the earliest. Nothing was planned.`,
        );
      const dates = Array.from({ length: days }, (_, i) => addDays(start, i));
      const existing = new Set(restDaysAfter(ctx.db, guildId, userId, addDays(start, -1)));
      const planned = dates.filter((d) => !existing.has(d));
      for (const year of new Set(dates.map((d) => d.slice(0, 4)))) {
        const used = countInYear(ctx, guildId, userId, year);
        const adding = planned.filter((d) => d.startsWith(year)).length;
        if (used + adding > allowance)
          throw new UserError(
            `This server allows ${plural(allowance, "rest day")} a year; you have ${used} in ${year} already, so ${plural(adding, "more day")} would be too many. Nothing was planned.`,
          );
      }
      const s = restStatementsFor(ctx.db);
      for (const date of planned) s.insert.run({ guildId, userId, date, plannedAt: now });
      refreshLapse(ctx, userId, (g) => resolveTimezoneSync(ctx, g, userId));
      return {
        planned,
        upcoming: restDaysAfter(ctx.db, guildId, userId, addDays(today, -1)),
        usedThisYear: countInYear(ctx, guildId, userId, start.slice(0, 4)),
        allowance,
      };
    })
    .immediate();
}

/** Drops the member's planned rest days from today on (never one already passed, nor one before a credited day). */
export function cancelRest(ctx: Ctx, guildId: string, userId: string): LocalDate[] {
  const today = localDate(ctx.clock.now(), resolveTimezoneSync(ctx, guildId, userId));
  return ctx.db.$client
    .transaction(() => {
      const { lastDate } = readState(ctx, guildId, userId);
      const from = lastDate !== null && lastDate >= today ? addDays(lastDate, 1) : today;
      const dropped = restStatementsFor(ctx.db)
        .removeFrom.all({ guildId, userId, from })
        .map((r) => r.date);
      if (dropped.length > 0) refreshLapse(ctx, userId, (g) => resolveTimezoneSync(ctx, g, userId));
      return dropped.sort();
    })
    .immediate();
}

function countInYear(ctx: Pick<AppContext, "db">, guildId: string, userId: string, year: string): number {
  const row = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(restDays)
    .where(and(eq(restDays.guildId, guildId), eq(restDays.userId, userId), like(restDays.date, `${year}-%`)))
    .get();
  return Number(row?.n ?? 0);
}

/** Whether `date` is one of the member's planned rest days. */
export function isRestDay(ctx: Pick<AppContext, "db">, guildId: string, userId: string, date: LocalDate): boolean {
  return restDaysAfter(ctx.db, guildId, userId, addDays(date, -1))[0] === date;
}
