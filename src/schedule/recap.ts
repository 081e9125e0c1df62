/** The weekly post's recap of the guild's last ISO week (opt-in with `/config weekly recap:true`). */
import type { APIEmbed } from "discord-api-types/v10";
import { and, count, countDistinct, eq, gte, lte } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { all, get, type Session } from "../db/store.js";
import { COLOURS, fitLines, plural } from "../format.js";
import { isoWeekMonday } from "../jobs/slots.js";
import { readBoardAt } from "../streaks/boards.js";
import { addDays } from "../time/index.js";

type Ctx = Pick<AppContext, "store" | "clock">;

/** The week's completions, active members and milestones reached (from `from` to `to`, local dates). */
function* weekIn(s: Session, guildId: string, from: string, to: string) {
  const { completions, milestonesReached } = s.t;
  const totals = yield* get(
    s.db
      .select({ completions: count(), members: countDistinct(completions.userId) })
      .from(completions)
      .where(and(eq(completions.guildId, guildId), gte(completions.localDate, from), lte(completions.localDate, to))),
  );
  const milestones = yield* all(
    s.db
      .select({ userId: milestonesReached.userId, days: milestonesReached.days })
      .from(milestonesReached)
      .where(
        and(
          eq(milestonesReached.guildId, guildId),
          gte(milestonesReached.localDate, from),
          lte(milestonesReached.localDate, to),
        ),
      )
      .orderBy(milestonesReached.reachedAt, milestonesReached.userId, milestonesReached.days),
  );
  return { totals, milestones };
}

/** Completions, active members, milestones reached and the top 5 current streaks, for the week before `week`. */
export async function weeklyRecap(ctx: Ctx, guildId: string, week: string): Promise<APIEmbed> {
  const from = addDays(isoWeekMonday(week), -7);
  const to = addDays(from, 6);
  const { totals, milestones } = await ctx.store.read(weekIn, guildId, from, to);
  const { top } = await readBoardAt(ctx, guildId, "current", "", ctx.clock.now(), 5);
  return {
    color: COLOURS.streak,
    title: `Last week here (${from} to ${to})`,
    fields: [
      { name: "Completions", value: (totals?.completions ?? 0).toLocaleString("en-US"), inline: true },
      { name: "Active members", value: (totals?.members ?? 0).toLocaleString("en-US"), inline: true },
      {
        name: "Milestones reached",
        value:
          milestones.length > 0
            ? fitLines(
                milestones.map((m) => `<@${m.userId}> · ${plural(m.days, "day")}`),
                1024,
              )
            : "None this time.",
      },
      {
        name: "Top current streaks",
        value:
          top.length > 0
            ? top.map((r) => `**${r.rank}.** <@${r.userId}> · ${plural(r.value, "day")}`).join("\n")
            : "Nobody has a streak yet: `/challenge today` starts one.",
      },
    ],
  };
}
