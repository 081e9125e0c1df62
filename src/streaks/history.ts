import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { completions } from "../db/schema.js";
import type { LocalDate } from "../time/index.js";
import { bridgedDays } from "./engine.js";
import { allRestDays } from "./rest.js";
import { memberLog } from "./store.js";

function prepare(db: Db) {
  const member = and(
    eq(completions.guildId, sql.placeholder("guildId")),
    eq(completions.userId, sql.placeholder("userId")),
  );
  return {
    since: db
      .select({
        kind: completions.kind,
        localDate: completions.localDate,
        zone: completions.zone,
        challengeId: completions.challengeId,
        note: completions.note,
        verified: completions.verified,
        completedAt: completions.completedAt,
      })
      .from(completions)
      .where(and(member, gte(completions.localDate, sql.placeholder("from"))))
      .orderBy(asc(completions.localDate), asc(completions.id))
      .prepare(),
    practised: db
      .select({ challengeId: completions.challengeId })
      .from(completions)
      .where(and(member, eq(completions.kind, "practice")))
      .prepare(),
    verified: db
      .select({ n: sql<number>`count(*)` })
      .from(completions)
      .where(and(member, eq(completions.verified, true)))
      .prepare(),
  };
}

const statementsFor = preparedPerDatabase(prepare);

export type HistoryRow = ReturnType<ReturnType<typeof prepare>["since"]["all"]>[number];

/** A member's completions credited on or after `from`, oldest first. */
export function completionsSince(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  userId: string,
  from: LocalDate,
): HistoryRow[] {
  return statementsFor(ctx.db).since.all({ guildId, userId, from });
}

export function practisedChallenges(ctx: Pick<AppContext, "db">, guildId: string, userId: string): Set<string> {
  return new Set(
    statementsFor(ctx.db)
      .practised.all({ guildId, userId })
      .map((r) => r.challengeId),
  );
}

/** How many of a member's completions were verified by a right checked answer. */
export function verifiedCount(ctx: Pick<AppContext, "db">, guildId: string, userId: string): number {
  return Number(statementsFor(ctx.db).verified.get({ guildId, userId })?.n ?? 0);
}

export interface DayActivity {
  daily: boolean;
  practice: number;
}

/** What the heat-map draws: activity per credited date, the days a freeze bridged and rest days, from `from` on. */
export function activitySince(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  userId: string,
  from: LocalDate,
): { days: Map<LocalDate, DayActivity>; bridged: Set<LocalDate>; rest: Set<LocalDate> } {
  const days = new Map<LocalDate, DayActivity>();
  for (const row of completionsSince(ctx, guildId, userId, from)) {
    const day = days.get(row.localDate) ?? { daily: false, practice: 0 };
    if (row.kind === "daily") day.daily = true;
    else day.practice += 1;
    days.set(row.localDate, day);
  }
  const rest = allRestDays(ctx.db, guildId, userId);
  const bridged = new Set(bridgedDays(memberLog(ctx.db, guildId, userId), rest).filter((d) => d >= from));
  return { days, bridged, rest: new Set(rest.filter((d) => d >= from)) };
}
