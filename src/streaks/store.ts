import { and, asc, eq, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import type { Db } from "../db/index.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { completions, memberStats, milestonesReached } from "../db/schema.js";
import type { LocalDate } from "../time/index.js";
import { boardStatementsFor } from "./board-statements.js";
import { creditDailyOnBoards, creditPracticeOnBoards } from "./boards.js";
import {
  type CreditOutcome,
  creditDay,
  creditPractice,
  currentStreak,
  EMPTY_STATE,
  foldLog,
  type LogEntry,
  type StreakState,
} from "./engine.js";
import { allRestDays, restDaysAfter, restStatementsFor } from "./rest.js";

/**
 * The streak store: the completion log (source of truth) and the member_stats cache folded from it. Every write
 * is one immediate transaction of prepared statements that also moves the member's boards (./boards.ts).
 */

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare(db: Db) {
  return {
    readStats: db
      .select()
      .from(memberStats)
      .where(and(eq(memberStats.guildId, p("guildId")), eq(memberStats.userId, p("userId"))))
      .prepare(),
    insertCompletion: db
      .insert(completions)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        kind: p("kind"),
        localDate: p("localDate"),
        zone: p("zone"),
        challengeId: p("challengeId"),
        note: p("note"),
        verified: p("verified"),
        completedAt: p("completedAt"),
      })
      .onConflictDoNothing()
      .prepare(),
    markVerified: db
      .update(completions)
      .set({ verified: true })
      .where(
        and(
          eq(completions.guildId, p("guildId")),
          eq(completions.userId, p("userId")),
          eq(completions.kind, p("kind")),
          eq(completions.challengeId, p("challengeId")),
          sql`(${completions.kind} = 'practice' OR ${completions.localDate} = ${p("date")})`,
        ),
      )
      .prepare(),
    writeStats: db
      .insert(memberStats)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        total: p("total"),
        days: p("days"),
        current: p("current"),
        longest: p("longest"),
        longestAt: p("longestAt"),
        freezes: p("freezes"),
        freezesUsed: p("freezesUsed"),
        run: p("run"),
        lastDate: p("lastDate"),
        lastZone: p("lastZone"),
        lastAt: p("lastAt"),
      })
      .onConflictDoUpdate({
        target: [memberStats.guildId, memberStats.userId],
        set: {
          total: sql`excluded.total`,
          days: sql`excluded.days`,
          current: sql`excluded.current`,
          longest: sql`excluded.longest`,
          longestAt: sql`excluded.longest_at`,
          freezes: sql`excluded.freezes`,
          freezesUsed: sql`excluded.freezes_used`,
          run: sql`excluded.run`,
          lastDate: sql`excluded.last_date`,
          lastZone: sql`excluded.last_zone`,
          lastAt: sql`excluded.last_at`,
        },
      })
      .prepare(),
    reachMilestone: db
      .insert(milestonesReached)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        days: p("days"),
        localDate: p("localDate"),
        reachedAt: p("reachedAt"),
      })
      .onConflictDoNothing()
      .prepare(),
    log: db
      .select({
        kind: completions.kind,
        localDate: completions.localDate,
        zone: completions.zone,
        completedAt: completions.completedAt,
      })
      .from(completions)
      .where(and(eq(completions.guildId, p("guildId")), eq(completions.userId, p("userId"))))
      .orderBy(asc(completions.id))
      .prepare(),
  };
}

export type Statements = ReturnType<typeof prepare>;
/** The prepared statements of this store for `db`, prepared once per connection. */
export const statementsFor: (db: Db) => Statements = preparedPerDatabase(prepare);

type StatsRow = typeof memberStats.$inferSelect;

function toState(row: StatsRow | undefined): StreakState {
  if (!row) return EMPTY_STATE;
  const { guildId: _g, userId: _u, ...state } = row;
  return state;
}

export function readState(ctx: Pick<AppContext, "db">, guildId: string, userId: string): StreakState {
  return toState(statementsFor(ctx.db).readStats.get({ guildId, userId }));
}

/** A member's figures and the current streak shown at `at` in `zone` (rule 6, with their rest days). */
export function shownStreak(
  ctx: Pick<AppContext, "db">,
  guildId: string,
  userId: string,
  at: number,
  zone: string,
): { state: StreakState; current: number } {
  const state = readState(ctx, guildId, userId);
  return { state, current: currentStreak(state, at, zone, restDaysAfter(ctx.db, guildId, userId, state.lastDate)) };
}

/** A member's completions in a guild, in the order they were recorded: what every figure is folded from. */
export function memberLog(db: Db, guildId: string, userId: string): LogEntry[] {
  return statementsFor(db).log.all({ guildId, userId }) as LogEntry[];
}

/** The figures folded afresh from the member's log and rest days: what member_stats must hold. */
export function rebuildState(db: Db, guildId: string, userId: string): StreakState {
  return foldLog(memberLog(db, guildId, userId), allRestDays(db, guildId, userId));
}

export interface DailyInput {
  guildId: string;
  userId: string;
  date: LocalDate;
  zone: string;
  at: number;
  challengeId: string;
  note: string | null;
  /** Recorded through a right checked answer rather than marked done. */
  verified?: boolean;
}

export type DailyResult =
  | {
      status: "recorded";
      state: StreakState;
      previous: StreakState;
      outcome: Exclude<CreditOutcome, { kind: "already" }>;
    }
  | { status: "already"; state: StreakState; creditedDate: LocalDate };

/**
 * Records a daily completion and folds it into the member's figures and boards, in one immediate transaction.
 * A date already credited (or earlier than the last one credited) records nothing; the unique index on
 * (guild, user, local date) for daily rows backs that up even against a stale read. Completing on a planned
 * rest day credits it and drops that rest day (it is no longer needed, so it does not count against the
 * allowance); the first time the streak reaches a milestone is recorded with it.
 */
export function recordDaily(ctx: Pick<AppContext, "db">, input: DailyInput): DailyResult {
  return writersFor(ctx.db).daily.immediate(input);
}

export type PracticeResult = { status: "recorded"; state: StreakState } | { status: "already" };

type PracticeInput = Omit<DailyInput, "note"> & { note?: string | null };

/** Records a practice completion (totals and the month board, never the streak); once per challenge. */
export function recordPractice(ctx: Pick<AppContext, "db">, input: PracticeInput): PracticeResult {
  return writersFor(ctx.db).practice.immediate(input);
}

/**
 * The write transactions, made once per connection: drizzle's db.transaction() builds a new better-sqlite3
 * transaction function on every call, which costs more than the statements inside. Same BEGIN IMMEDIATE.
 */
const writersFor = preparedPerDatabase((db: Db) => {
  const s = statementsFor(db);
  const boards = boardStatementsFor(db);
  const rests = restStatementsFor(db);

  const daily = (input: DailyInput): DailyResult => {
    const { guildId, userId } = input;
    const previous = toState(s.readStats.get({ guildId, userId }));
    const rest = restDaysAfter(db, guildId, userId, previous.lastDate);
    const { state, outcome } = creditDay(previous, { date: input.date, zone: input.zone, at: input.at }, rest);
    if (outcome.kind === "already") return { status: "already", state: previous, creditedDate: outcome.date };
    const inserted = s.insertCompletion.run({
      guildId,
      userId,
      kind: "daily",
      localDate: input.date,
      zone: input.zone,
      challengeId: input.challengeId,
      note: input.note,
      verified: input.verified ?? false,
      completedAt: input.at,
    });
    if (inserted.changes === 0) return { status: "already", state: previous, creditedDate: input.date };
    s.writeStats.run({ guildId, userId, ...state });
    if (rest.includes(input.date)) rests.remove.run({ guildId, userId, date: input.date });
    if (outcome.milestone !== null)
      s.reachMilestone.run({ guildId, userId, days: outcome.milestone, localDate: input.date, reachedAt: input.at });
    const ahead = rest.filter((date) => date > input.date);
    creditDailyOnBoards(boards, input, previous, state, ahead);
    return { status: "recorded", state, previous, outcome };
  };

  const practice = (input: PracticeInput): PracticeResult => {
    const { guildId, userId } = input;
    const inserted = s.insertCompletion.run({
      guildId,
      userId,
      kind: "practice",
      localDate: input.date,
      zone: input.zone,
      challengeId: input.challengeId,
      note: input.note ?? null,
      verified: input.verified ?? false,
      completedAt: input.at,
    });
    if (inserted.changes === 0) return { status: "already" };
    const state = creditPractice(toState(s.readStats.get({ guildId, userId })));
    s.writeStats.run({ guildId, userId, ...state });
    creditPracticeOnBoards(boards, input);
    return { status: "recorded", state };
  };

  return { daily: db.$client.transaction(daily), practice: db.$client.transaction(practice) };
});

/** Marks a completion already recorded (that day's daily of the challenge, or its practice) as verified. */
export function markVerified(
  ctx: Pick<AppContext, "db">,
  key: { guildId: string; userId: string; challengeId: string; kind: "daily" | "practice"; date: LocalDate },
): boolean {
  return statementsFor(ctx.db).markVerified.run(key).changes > 0;
}
