import { and, asc, eq, gt, gte, lte, sql } from "drizzle-orm";
import { preparedPerSession } from "../db/prepared.js";
import { all, type Gen, type Session } from "../db/store.js";
import type { LocalDate } from "../time/index.js";
import type { RestDays } from "./engine.js";

/** Planned rest days (rule 8 of ./engine.ts): the statements every streak figure that depends on them reads. */

const p = <T extends string>(name: T) => sql.placeholder(name);

export const restStatements = preparedPerSession(({ db, t }) => {
  const { restDays } = t;
  const member = and(eq(restDays.guildId, p("guildId")), eq(restDays.userId, p("userId")));
  return {
    after: db
      .select({ date: restDays.date })
      .from(restDays)
      .where(and(member, gt(restDays.date, p("after"))))
      .orderBy(asc(restDays.date))
      .prepare(),
    /** Every rest day of a guild's members in (afterUser, lastUser], by member then date: a slice's in one read. */
    ofMembersBetween: db
      .select({ userId: restDays.userId, date: restDays.date })
      .from(restDays)
      .where(
        and(
          eq(restDays.guildId, p("guildId")),
          gt(restDays.userId, p("afterUser")),
          lte(restDays.userId, p("lastUser")),
        ),
      )
      .orderBy(asc(restDays.userId), asc(restDays.date))
      .prepare(),
    all: db.select({ date: restDays.date }).from(restDays).where(member).orderBy(asc(restDays.date)).prepare(),
    insert: db
      .insert(restDays)
      .values({ guildId: p("guildId"), userId: p("userId"), date: p("date"), plannedAt: p("plannedAt") })
      .onConflictDoNothing()
      .prepare(),
    remove: db
      .delete(restDays)
      .where(and(member, eq(restDays.date, p("date"))))
      .prepare(),
    removeFrom: db
      .delete(restDays)
      .where(and(member, gte(restDays.date, p("from"))))
      .returning({ date: restDays.date })
      .prepare(),
  };
});

/** A member's rest days after `after` (all of them when null): the only ones a streak figure can still depend on. */
export function* restDaysAfter(s: Session, guildId: string, userId: string, after: LocalDate | null): Gen<RestDays> {
  const q = restStatements(s);
  const rows =
    after === null ? yield* all(q.all, { guildId, userId }) : yield* all(q.after, { guildId, userId, after });
  return rows.map((r) => r.date);
}

export function allRestDays(s: Session, guildId: string, userId: string): Gen<RestDays> {
  return restDaysAfter(s, guildId, userId, null);
}
