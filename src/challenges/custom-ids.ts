/** The custom_ids of /challenge, built by its cards (also on scheduled daily posts) and parsed by the router. */
import { customIdCodec } from "../discord/custom-id.js";
import type { LocalDate } from "../time/index.js";
import { RATINGS, type Rating } from "./ratings.js";
import { TRACKS, type Track } from "./tracks.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isTrack = (value: string | undefined): value is Track => (TRACKS as readonly string[]).includes(value ?? "");

/** What an answer is for: a day's daily on a track (closes with the day), or a practice challenge. */
export type AnswerTarget = { date: LocalDate; track: Track } | { challengeId: string };

/**
 * A daily card's buttons carry its date and track, so they close with the day and credit the track's challenge;
 * the others carry their challenge.
 */
export type ChallengeControl =
  | { action: "done"; date: LocalDate; track: Track }
  | { action: "practice"; challengeId: string }
  | { action: "resources"; challengeId: string }
  | { action: "hint"; challengeId: string; shown: number }
  | { action: "answer" | "submit"; target: AnswerTarget }
  | { action: "level"; date: LocalDate; track: Track }
  // Feedback on a challenge: a rating, Report a problem (the button, then its form) and history's "Rate…" select.
  | { action: "rate"; challengeId: string; rating: Rating }
  | { action: "report" | "reported"; challengeId: string }
  | { action: "pick" };

const encodeTarget = (t: AnswerTarget) => ("date" in t ? [t.date, t.track] : [t.challengeId]);

function decodeTarget(parts: readonly string[]): AnswerTarget | null {
  const [first, second, ...rest] = parts;
  if (rest.length > 0 || first === undefined) return null;
  if (DATE.test(first)) return isTrack(second) ? { date: first, track: second } : null;
  return second === undefined && SLUG.test(first) ? { challengeId: first } : null;
}

export const challengeIds = customIdCodec<ChallengeControl>("challenge", {
  encode: (c) => {
    switch (c.action) {
      case "done":
      case "level":
        return [c.action, c.date, c.track];
      case "practice":
      case "resources":
      case "report":
      case "reported":
        return [c.action, c.challengeId];
      case "rate":
        return [c.action, c.rating, c.challengeId];
      case "pick":
        return [c.action];
      case "hint":
        return [c.action, c.challengeId, String(c.shown)];
      case "answer":
      case "submit":
        return [c.action, ...encodeTarget(c.target)];
    }
  },
  decode: ([action, value, ...rest]) => {
    if (action === "pick") return value === undefined ? { action } : null;
    if (value === undefined) return null;
    switch (action) {
      case "done": {
        if (!DATE.test(value) || rest.length > 1) return null;
        const [extra] = rest;
        if (isTrack(extra)) return { action, date: value, track: extra };
        // Cards made before tracks carry no track, or the challenge id, after the date; those days were all "mixed".
        if (extra === undefined) return { action, date: value, track: "mixed" };
        return SLUG.test(extra) ? { action, date: value, track: "mixed" } : null;
      }
      case "level": {
        const [track, ...more] = rest;
        return DATE.test(value) && isTrack(track) && more.length === 0 ? { action, date: value, track } : null;
      }
      case "practice":
      case "resources":
      case "report":
      case "reported":
        return rest.length === 0 && SLUG.test(value) ? { action, challengeId: value } : null;
      case "rate": {
        const [challengeId, ...more] = rest;
        const rating = RATINGS.find((r) => r === value);
        return rating && challengeId && SLUG.test(challengeId) && more.length === 0
          ? { action, challengeId, rating }
          : null;
      }
      case "hint": {
        const [shown, ...more] = rest;
        const n = Number(shown);
        return SLUG.test(value) && more.length === 0 && /^[1-3]$/.test(shown ?? "")
          ? { action, challengeId: value, shown: n }
          : null;
      }
      case "answer":
      case "submit": {
        const target = decodeTarget([value, ...rest]);
        return target ? { action, target } : null;
      }
      default:
        return null;
    }
  },
});
