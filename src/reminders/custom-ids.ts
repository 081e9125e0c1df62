/**
 * The custom_ids of /remind. A reminder's buttons name the guild and date it is for: pressed in a DM, where the
 * interaction names no server, they credit the server the reminder came from, and only on that date.
 */
import { createHash } from "node:crypto";
import { customIdCodec } from "../discord/custom-id.js";
import type { LocalDate } from "../time/index.js";

const SNOWFLAKE = /^\d{17,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TAG = /^[A-Za-z0-9_-]{8}$/;

/**
 * Which challenge a reminder was about. A challenge id (up to 60 characters) does not fit in a custom_id beside the
 * guild and date, so its first 48 bits of SHA-256 stand for it: enough to tell the day's daily from another.
 */
export const challengeTag = (challengeId: string): string =>
  createHash("sha256").update(challengeId).digest("base64url").slice(0, 8);

/**
 * Mark done; or Submit answer ("answer", which opens the answer box) and the box's submission ("submit"), both
 * carrying the tag of the challenge reminded of, so an answer is never checked against another one.
 */
export type RemindControl =
  | { action: "done"; guildId: string; date: LocalDate }
  | { action: "answer" | "submit"; guildId: string; date: LocalDate; challengeTag: string };

export const remindIds = customIdCodec<RemindControl>("remind", {
  encode: (control) =>
    control.action === "done"
      ? [control.action, control.guildId, control.date]
      : [control.action, control.guildId, control.date, control.challengeTag],
  decode: ([action, guildId, date, ...rest]) => {
    if (!guildId || !date || !SNOWFLAKE.test(guildId) || !DATE.test(date)) return null;
    const [tag, ...more] = rest;
    if (action === "done") return tag === undefined ? { action, guildId, date } : null;
    return (action === "answer" || action === "submit") && tag && TAG.test(tag) && more.length === 0
      ? { action, guildId, date, challengeTag: tag }
      : null;
  },
});
