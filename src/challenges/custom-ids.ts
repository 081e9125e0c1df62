/** The custom_ids of /challenge, built by its cards (also on scheduled daily posts) and parsed by the router. */
import { customIdCodec } from "../discord/custom-id.js";
import type { LocalDate } from "../time/index.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "Mark done" on a daily card carries its date, so it closes with the day; the others carry their challenge. */
export type ChallengeControl =
  | { action: "done"; date: LocalDate }
  | { action: "practice"; challengeId: string }
  | { action: "resources"; challengeId: string };

export const challengeIds = customIdCodec<ChallengeControl>("challenge", {
  encode: (control) =>
    control.action === "done" ? [control.action, control.date] : [control.action, control.challengeId],
  decode: ([action, value, ...rest]) => {
    if (value === undefined) return null;
    if (action === "done" && DATE.test(value)) {
      // Daily posts made before the id was dropped still carry the challenge id after the date; nothing reads it.
      if (rest.length > 1 || (rest.length === 1 && !SLUG.test(rest[0] ?? ""))) return null;
      return { action, date: value };
    }
    if ((action === "practice" || action === "resources") && rest.length === 0 && SLUG.test(value))
      return { action, challengeId: value };
    return null;
  },
});
