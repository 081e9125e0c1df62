/** What the solvers' room says: the thread's opening message, and the line a completion's reply gets. */
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import type { Content } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import { COLOURS, plural, ts } from "../format.js";
import { renderChallengeEmbed } from "../taxonomy/render.js";
import { endedEverywhereAt } from "../time/index.js";
import type { Seat, ThreadKey } from "./store.js";

/** The opening message's footer ends with this, so a retake recognises one an earlier attempt posted. */
export const openingMarker = (key: ThreadKey): string => `solvers' room · ${key.date} · ${key.track}`;

/**
 * The challenge (its card, never the worked explanation) and who is here. The explanation opens with
 * `/challenge solution` once the date has ended everywhere (src/challenges/solution.ts), and this says when.
 */
export function openingMessage(
  key: ThreadKey,
  challenge: Challenge | undefined,
  content: Content,
  now: Date,
): RESTPostAPIChannelMessageJSONBody {
  const opens = endedEverywhereAt(key.date);
  const solution =
    now < opens
      ? `The worked solution opens with \`/challenge solution date:${key.date}\` at ${ts(opens)}, once the date has ended in every time zone; until then, please keep final answers out of plain sight for anyone still catching up.`
      : `The worked solution is open: \`/challenge solution date:${key.date}\`.`;
  const card = challenge
    ? renderChallengeEmbed(challenge, content)
    : { color: COLOURS.challenge, title: "This challenge has since left the library" };
  return {
    content: `🧵 **Solvers' room · ${key.date}.** Everyone here has solved this daily: compare approaches, share what tripped you up, ask about what you're unsure of. Gradient adds each new solver as they finish.\n${solution}`,
    embeds: [{ ...card, footer: { text: openingMarker(key) } }],
    allowed_mentions: { parse: [] },
  };
}

/** The one line a completion's reply gets about the room: the thread, or that it is being opened. */
export function seatLine(seat: Seat): string {
  const before =
    seat.before === 0 ? "you're the first to solve it" : `${plural(seat.before, "member")} solved it before you`;
  return seat.threadId
    ? `🧵 Compare approaches in the solvers' room: <#${seat.threadId}> (${before}); Gradient is adding you.`
    : `🧵 The solvers' room for this daily is being opened, and you'll be added (${before}).`;
}
