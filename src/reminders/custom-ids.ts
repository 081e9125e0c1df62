/**
 * The custom_ids of /remind. A reminder's buttons name the guild and date it is for: pressed in a DM, where the
 * interaction names no server, they credit the server the reminder came from, and only on that date.
 */
import { createHash } from "node:crypto";
import { TRACKS, type Track } from "../challenges/tracks.js";
import { customIdCodec } from "../discord/custom-id.js";
import type { LocalDate } from "../time/index.js";

const SNOWFLAKE = /^\d{17,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TAG = /^[A-Za-z0-9_-]{8}$/;
const isTrack = (value: string | undefined): value is Track => (TRACKS as readonly string[]).includes(value ?? "");

/**
 * Which challenge a reminder was about. A challenge id (up to 60 characters) does not fit in a custom_id beside the
 * guild and date, so its first 48 bits of SHA-256 stand for it: enough to tell the day's daily from another.
 */
export const challengeTag = (challengeId: string): string =>
  createHash("sha256").update(challengeId).digest("base64url").slice(0, 8);

/**
 * Mark done; or Submit answer ("answer", which opens the answer box) and the box's submission ("submit"), both
 * carrying the tag of the challenge reminded of, so an answer is never checked against another one. Each names the
 * track whose daily the reminder showed, so it credits that daily even if the member's or the server's track changes
 * before the press. Reminders sent before tracks were named carry none: they showed the server's default track.
 */
export type RemindControl =
  | { action: "done"; guildId: string; date: LocalDate; track?: Track }
  | { action: "answer" | "submit"; guildId: string; date: LocalDate; track?: Track; challengeTag: string }
  /** Stop these reminders: the presser's reminder in the server named goes off (a DM reminder's, and /remind off's). */
  | { action: "stop"; guildId: string };

export const remindIds = customIdCodec<RemindControl>("remind", {
  encode: (control) => {
    if (control.action === "stop") return [control.action, control.guildId];
    const head = [control.action, control.guildId, control.date, ...(control.track ? [control.track] : [])];
    return control.action === "done" ? head : [...head, control.challengeTag];
  },
  decode: ([action, guildId, date, ...rest]) => {
    if (action === "stop") return guildId && SNOWFLAKE.test(guildId) && date === undefined ? { action, guildId } : null;
    if (!guildId || !date || !SNOWFLAKE.test(guildId) || !DATE.test(date)) return null;
    if (action === "done") {
      const [track, ...more] = rest;
      if (more.length > 0) return null;
      if (track === undefined) return { action, guildId, date };
      return isTrack(track) ? { action, guildId, date, track } : null;
    }
    if (action !== "answer" && action !== "submit") return null;
    const tag = rest.at(-1);
    if (!tag || !TAG.test(tag)) return null;
    if (rest.length === 1) return { action, guildId, date, challengeTag: tag };
    const [track] = rest;
    return rest.length === 2 && isTrack(track) ? { action, guildId, date, track, challengeTag: tag } : null;
  },
});
