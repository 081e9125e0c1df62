import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import { all, type Gen, get, type Session } from "../db/store.js";
import type { LocalDate } from "../time/index.js";
import { bridgedDays } from "./engine.js";
import { allRestDays } from "./rest.js";
import { memberLog } from "./store.js";

function prepare({ db, t }: Session) {
  const { completions } = t;
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

const statements = preparedPerSession(prepare);

export type HistoryRow = ReturnType<ReturnType<typeof prepare>["since"]["all"]>[number];

/** A member's completions credited on or after `from`, oldest first. */
export function* completionsSinceIn(s: Session, guildId: string, userId: string, from: LocalDate): Gen<HistoryRow[]> {
  return yield* all(statements(s).since, { guildId, userId, from });
}

export function completionsSince(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  from: LocalDate,
): Promise<HistoryRow[]> {
  return ctx.store.read(completionsSinceIn, guildId, userId, from);
}

function* practisedIn(s: Session, guildId: string, userId: string): Gen<Set<string>> {
  return new Set((yield* all(statements(s).practised, { guildId, userId })).map((r) => r.challengeId));
}

export function practisedChallenges(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
): Promise<Set<string>> {
  return ctx.store.read(practisedIn, guildId, userId);
}

function* verifiedIn(s: Session, guildId: string, userId: string): Gen<number> {
  return Number((yield* get(statements(s).verified, { guildId, userId }))?.n ?? 0);
}

/** How many of a member's completions were verified by a right checked answer. */
export function verifiedCount(ctx: Pick<AppContext, "store">, guildId: string, userId: string): Promise<number> {
  return ctx.store.read(verifiedIn, guildId, userId);
}

export interface DayActivity {
  daily: boolean;
  practice: number;
}

export type Activity = { days: Map<LocalDate, DayActivity>; bridged: Set<LocalDate>; rest: Set<LocalDate> };

function* activityIn(s: Session, guildId: string, userId: string, from: LocalDate): Gen<Activity> {
  const days = new Map<LocalDate, DayActivity>();
  for (const row of yield* completionsSinceIn(s, guildId, userId, from)) {
    const day = days.get(row.localDate) ?? { daily: false, practice: 0 };
    if (row.kind === "daily") day.daily = true;
    else day.practice += 1;
    days.set(row.localDate, day);
  }
  const rest = yield* allRestDays(s, guildId, userId);
  const bridged = new Set(bridgedDays(yield* memberLog(s, guildId, userId), rest).filter((d) => d >= from));
  return { days, bridged, rest: new Set(rest.filter((d) => d >= from)) };
}

/** What the heat-map draws: activity per credited date, the days a freeze bridged and rest days, from `from` on. */
export function activitySince(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  from: LocalDate,
): Promise<Activity> {
  return ctx.store.read(activityIn, guildId, userId, from);
}
