import { findChallenge } from "../content/load.js";
/** `/challenge solution`: a past day's worked explanation, never before that day has ended for the member. */
import type { Challenge } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { completionsSince } from "../streaks/history.js";
import { addDays, endedEverywhereAt, type LocalDate } from "../time/index.js";
import { LOCAL_DATE, memberToday, storedDailyChallenge } from "./daily.js";
import { trackOf } from "./rules.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock" | "content">;

/**
 * The daily the member had on `date` (the one they completed, else their track's), once `date` is over in every
 * zone (endedEverywhereAt). Defaults to yesterday. Ending in the member's own zone is not enough: they could read
 * it from UTC+14, move to UTC-12, where the date is still open, and submit the answer as verified.
 */
export async function pastDaily(
  ctx: Ctx,
  guildId: string,
  userId: string,
  date?: string | null,
): Promise<{ date: LocalDate; challenge: Challenge }> {
  const today = await memberToday(ctx, guildId, userId);
  const day = date?.trim() || addDays(today.date, -1);
  if (!LOCAL_DATE.test(day))
    throw new UserError(`'${day.slice(0, 20)}' is not a date. Use YYYY-MM-DD, like ${addDays(today.date, -1)}.`);
  const opens = endedEverywhereAt(day);
  if (ctx.clock.now() < opens) {
    const at = Math.floor(opens.getTime() / 1000);
    throw new UserError(
      `The solution for ${day} opens once that day has ended in every time zone, so nobody can still answer it: <t:${at}:f> (<t:${at}:R>). It's ${today.date} in ${today.zone} for you.`,
    );
  }
  const done = (await completionsSince(ctx, guildId, userId, day)).find(
    (r) => r.localDate === day && r.kind === "daily",
  );
  const challenge = done
    ? findChallenge(ctx.content, done.challengeId)
    : await storedDailyChallenge(ctx, guildId, day, await trackOf(ctx, guildId, userId));
  if (!challenge)
    throw new UserError(`There was no daily challenge for you here on ${day}, so there is no solution to show.`);
  return { date: day, challenge };
}
