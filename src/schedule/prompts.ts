import { createHash } from "node:crypto";
import type { WeeklyPrompt } from "../content/schema.js";
import { weekNumber } from "../jobs/slots.js";
import { seededRandom } from "../random.js";

const orders = new WeakMap<readonly WeeklyPrompt[], Map<string, readonly WeeklyPrompt[]>>();

/**
 * This guild's own order of every prompt: a Fisher-Yates shuffle of the prompts sorted by id, seeded by the guild
 * id. Sorting first means reordering the content file changes nothing; adding or removing a prompt reshuffles.
 */
export function promptOrder(prompts: readonly WeeklyPrompt[], guildId: string): readonly WeeklyPrompt[] {
  let byGuild = orders.get(prompts);
  if (!byGuild) {
    byGuild = new Map();
    orders.set(prompts, byGuild);
  }
  let order = byGuild.get(guildId);
  if (!order) {
    const shuffled = [...prompts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const random = seededRandom(createHash("sha256").update(guildId).digest().readUInt32BE(0));
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as WeeklyPrompt, shuffled[i] as WeeklyPrompt];
    }
    order = Object.freeze(shuffled);
    byGuild.set(guildId, order);
  }
  return order;
}

/**
 * The prompt for one guild's ISO week. Weeks are counted continuously (not by week-of-year), and week n takes
 * position n mod N of the guild's permutation, so any N consecutive weeks get N different prompts: with the 52 or
 * more prompts the content requires, nothing repeats within a year, across year ends included.
 */
export function promptForWeek(prompts: readonly WeeklyPrompt[], guildId: string, week: string): WeeklyPrompt {
  const order = promptOrder(prompts, guildId);
  if (order.length === 0) throw new Error("the content has no weekly prompts");
  const n = weekNumber(week);
  return order[((n % order.length) + order.length) % order.length] as WeeklyPrompt;
}
