import { and, asc, eq, sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { preparedPerSession } from "../db/prepared.js";
import type { memberStats } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import type { LocalDate } from "../time/index.js";
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
import { allRestDays, restDaysAfter, restStatements } from "./rest.js";

/**
 * The streak store: the completion log (source of truth) and the member_stats cache folded from it. Every write
 * is one transaction of prepared statements that also moves the member's boards (./boards.ts).
 */

const p = <T extends string>(name: T) => sql.placeholder(name);

function prepare({ db, t }: Session) {
  const { completions, memberStats, milestonesReached } = t;
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
/** The prepared statements of this store, prepared once per session. */
export const statements: (s: Session) => Statements = preparedPerSession(prepare);

type StatsRow = typeof memberStats.$inferSelect;

function toState(row: StatsRow | undefined): StreakState {
  if (!row) return EMPTY_STATE;
  const { guildId: _g, userId: _u, ...state } = row;
  return state;
}

/** A member's figures in a guild, as member_stats holds them. */
export function* stateIn(s: Session, guildId: string, userId: string): Gen<StreakState> {
  return toState(yield* get(statements(s).readStats, { guildId, userId }));
}

export function readState(ctx: Pick<AppContext, "store">, guildId: string, userId: string): Promise<StreakState> {
  return ctx.store.read(stateIn, guildId, userId);
}

export type ShownStreak = { state: StreakState; current: number };

/** A member's figures and the current streak shown at `at` in `zone` (rule 6, with their rest days). */
export function* shownStreakIn(
  s: Session,
  guildId: string,
  userId: string,
  at: number,
  zone: string,
): Gen<ShownStreak> {
  const state = yield* stateIn(s, guildId, userId);
  return { state, current: currentStreak(state, at, zone, yield* restDaysAfter(s, guildId, userId, state.lastDate)) };
}

export function shownStreak(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  at: number,
  zone: string,
): Promise<ShownStreak> {
  return ctx.store.read(shownStreakIn, guildId, userId, at, zone);
}

/** A member's completions in a guild, in the order they were recorded: what every figure is folded from. */
export function* memberLog(s: Session, guildId: string, userId: string): Gen<LogEntry[]> {
  return (yield* all(statements(s).log, { guildId, userId })) as LogEntry[];
}

/** The figures folded afresh from the member's log and rest days: what member_stats must hold. */
export function* rebuildState(s: Session, guildId: string, userId: string): Gen<StreakState> {
  return foldLog(yield* memberLog(s, guildId, userId), yield* allRestDays(s, guildId, userId));
}

/**
 * A member's figures as member_stats holds them beside those folded afresh from their log and rest days, and
 * whether the two agree: what a copy of the database (`npm run db:copy`) checks on its target for every member.
 */
export function* rebuildStateIn(
  s: Session,
  guildId: string,
  userId: string,
): Gen<{ same: boolean; stored: StreakState; rebuilt: StreakState }> {
  const stored = yield* stateIn(s, guildId, userId);
  const rebuilt = yield* rebuildState(s, guildId, userId);
  const keys = Object.keys({ ...stored, ...rebuilt }) as (keyof StreakState)[];
  return { same: keys.every((key) => stored[key] === rebuilt[key]), stored, rebuilt };
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
 * Records a daily completion and folds it into the member's figures and boards, inside the caller's transaction.
 * A date already credited (or earlier than the last one credited) records nothing; the unique index on
 * (guild, user, local date) for daily rows backs that up even against a stale read. Completing on a planned
 * rest day credits it and drops that rest day (it is no longer needed, so it does not count against the
 * allowance); the first time the streak reaches a milestone is recorded with it.
 */
export function* dailyIn(s: Session, input: DailyInput): Gen<DailyResult> {
  const q = statements(s);
  const { guildId, userId } = input;
  const previous = toState(yield* get(q.readStats, { guildId, userId }));
  const rest = yield* restDaysAfter(s, guildId, userId, previous.lastDate);
  const { state, outcome } = creditDay(previous, { date: input.date, zone: input.zone, at: input.at }, rest);
  if (outcome.kind === "already") return { status: "already", state: previous, creditedDate: outcome.date };
  const inserted = yield* run(q.insertCompletion, {
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
  yield* run(q.writeStats, { guildId, userId, ...state });
  if (rest.includes(input.date)) yield* run(restStatements(s).remove, { guildId, userId, date: input.date });
  if (outcome.milestone !== null)
    yield* run(q.reachMilestone, {
      guildId,
      userId,
      days: outcome.milestone,
      localDate: input.date,
      reachedAt: input.at,
    });
  const ahead = rest.filter((date) => date > input.date);
  yield* creditDailyOnBoards(s, input, previous, state, ahead);
  return { status: "recorded", state, previous, outcome };
}

/** dailyIn as one transaction of its own. */
export function recordDaily(ctx: Pick<AppContext, "store">, input: DailyInput): Promise<DailyResult> {
  return ctx.store.write(dailyIn, input);
}

export type PracticeResult = { status: "recorded"; state: StreakState } | { status: "already" };

export type PracticeInput = Omit<DailyInput, "note"> & { note?: string | null };

/** Records a practice completion (totals and the month board, never the streak); once per challenge. */
export function* practiceIn(s: Session, input: PracticeInput): Gen<PracticeResult> {
  const q = statements(s);
  const { guildId, userId } = input;
  const inserted = yield* run(q.insertCompletion, {
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
  const state = creditPractice(toState(yield* get(q.readStats, { guildId, userId })));
  yield* run(q.writeStats, { guildId, userId, ...state });
  yield* creditPracticeOnBoards(s, input);
  return { status: "recorded", state };
}

/** practiceIn as one transaction of its own. */
export function recordPractice(ctx: Pick<AppContext, "store">, input: PracticeInput): Promise<PracticeResult> {
  return ctx.store.write(practiceIn, input);
}

export type VerifiedKey = {
  guildId: string;
  userId: string;
  challengeId: string;
  kind: "daily" | "practice";
  date: LocalDate;
};

/** Marks a completion already recorded (that day's daily of the challenge, or its practice) as verified. */
export function* markVerifiedIn(s: Session, key: VerifiedKey): Gen<boolean> {
  return (yield* run(statements(s).markVerified, key)).changes > 0;
}
