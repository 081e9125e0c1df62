import { and, asc, eq, gt, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { restDays } from "../db/schema.js";
import type { LocalDate } from "../time/index.js";
import type { RestDays } from "./engine.js";

/** Planned rest days (rule 8 of ./engine.ts): the statements every streak figure that depends on them reads. */

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare(db: Db) {
  const member = and(eq(restDays.guildId, p("guildId")), eq(restDays.userId, p("userId")));
  return {
    after: db
      .select({ date: restDays.date })
      .from(restDays)
      .where(and(member, gt(restDays.date, p("after"))))
      .orderBy(asc(restDays.date))
      .prepare(),
    between: db
      .select({ date: restDays.date })
      .from(restDays)
      .where(and(member, gte(restDays.date, p("from")), lte(restDays.date, p("to"))))
      .orderBy(asc(restDays.date))
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
}

export const restStatementsFor = preparedPerDatabase(prepare);

/** A member's rest days after `after` (all of them when null): the only ones a streak figure can still depend on. */
export function restDaysAfter(db: Db, guildId: string, userId: string, after: LocalDate | null): RestDays {
  const s = restStatementsFor(db);
  const rows = after === null ? s.all.all({ guildId, userId }) : s.after.all({ guildId, userId, after });
  return rows.map((r) => r.date);
}

export function restDaysBetween(db: Db, guildId: string, userId: string, from: LocalDate, to: LocalDate): RestDays {
  return restStatementsFor(db)
    .between.all({ guildId, userId, from, to })
    .map((r) => r.date);
}

export function allRestDays(db: Db, guildId: string, userId: string): RestDays {
  return restDaysAfter(db, guildId, userId, null);
}
