import { findChallenge } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { randomIndex } from "../random.js";
import type { StreakState } from "../streaks/engine.js";
import { onOldDb } from "../streaks/old-db.js";
import { type DailyResult, dailyIn, recordPractice } from "../streaks/store.js";
import type { LocalDate } from "../time/index.js";
import { memberToday } from "./daily.js";
import { type ClosedDaily, type DailyAsk, type MarkRefusal, openDaily, refuseMarking } from "./open.js";

export const NOTE_MAX = 300;

type Ctx = Pick<AppContext, "db" | "config" | "clock" | "content">;

/** A note is optional; blank means none. Over NOTE_MAX characters is refused with a message and records nothing. */
export function validateNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  if (trimmed === "") return null;
  const length = [...trimmed].length;
  if (length > NOTE_MAX) {
    throw new UserError(
      `Your note has ${length} characters; a note can have at most ${NOTE_MAX}. Shorten it and try again (nothing was recorded).`,
    );
  }
  return trimmed;
}

export type DoneOutcome =
  | {
      status: "recorded";
      date: LocalDate;
      zone: string;
      challenge: Challenge;
      result: Extract<DailyResult, { status: "recorded" }>;
      note: string | null;
    }
  | MarkRefusal
  | ClosedDaily;

/**
 * Credits the member with the open daily (src/challenges/open.ts): today's on their track, or the one a card or
 * reminder names while its day lasts. One immediate transaction, so a busy store retries it whole.
 */
export function completeToday(
  ctx: Ctx,
  guildId: string,
  userId: string,
  options: DailyAsk & { note?: string | null } = {},
): DoneOutcome {
  const note = validateNote(options.note);
  return ctx.db.transaction(
    (): DoneOutcome => {
      const open = openDaily(ctx, guildId, userId, options);
      if ("status" in open) return open;
      const refused = refuseMarking(ctx, guildId, userId, open);
      if (refused) return refused;
      const { date, zone, challenge } = open;
      const at = open.now.getTime();
      const result = onOldDb(ctx.db, dailyIn, { guildId, userId, date, zone, at, challengeId: challenge.id, note });
      if (result.status === "already") {
        return { status: "already", date, zone, challenge, creditedDate: result.creditedDate, state: result.state };
      }
      return { status: "recorded", date, zone, challenge, result, note };
    },
    { behavior: "immediate" },
  );
}

export type PracticeOutcome =
  | { status: "recorded"; challenge: Challenge; state: StreakState }
  | { status: "already"; challenge: Challenge };

/** Records a practice completion of `challengeId` (counted in totals, never in the streak). */
export async function completePractice(
  ctx: Ctx & Pick<AppContext, "store">,
  guildId: string,
  userId: string,
  challengeId: string,
): Promise<PracticeOutcome> {
  const challenge = findChallenge(ctx.content, challengeId);
  if (!challenge) throw new UserError("That challenge is no longer in the library, so it can't be marked done.");
  const now = ctx.clock.now();
  const { zone, date } = memberToday(ctx, guildId, userId, now);
  const result = await recordPractice(ctx, { guildId, userId, date, zone, at: now.getTime(), challengeId });
  return result.status === "recorded"
    ? { status: "recorded", challenge, state: result.state }
    : { status: "already", challenge };
}

/** A practice challenge for the member: matching the filters, preferring ones they have not done yet. */
export function pickPractice(
  ctx: Pick<AppContext, "content" | "random">,
  filters: { area?: string | null; level?: string | null },
  done: ReadonlySet<string>,
): Challenge {
  const topicArea = new Map(ctx.content.topics.map((t) => [t.id, t.area]));
  const matching = ctx.content.challenges.filter(
    (c) => (!filters.area || topicArea.get(c.topic) === filters.area) && (!filters.level || c.level === filters.level),
  );
  if (matching.length === 0) {
    throw new UserError("No challenge matches that area and level yet. Try another level, or leave the level out.");
  }
  const fresh = matching.filter((c) => !done.has(c.id));
  const pool = fresh.length > 0 ? fresh : matching;
  return pool[randomIndex(ctx.random, pool.length)] as Challenge;
}
