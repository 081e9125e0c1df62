/**
 * A time of day and a time zone as members and admins type them, read or refused in one place, with one wording,
 * for /config, /remind and /timezone.
 */
import { UserError } from "../errors.js";
import { closestTimeZones } from "./closest.js";
import { parseTimeOfDay, type TimeOfDay } from "./zoned.js";
import { canonicalTimeZone, suggestTimeZones } from "./zones.js";

/** `HH:MM` for what was typed, or a refusal naming the format. */
export function timeOfDayFrom(raw: string): TimeOfDay {
  const time = parseTimeOfDay(raw);
  if (!time)
    throw new UserError(
      `'${raw.slice(0, 20)}' is not a time. Use 24-hour HH:MM, like 09:00 or 21:30. Nothing was changed.`,
    );
  return time;
}

/** The IANA zone for what was typed, or a refusal with the closest zones Gradient knows. */
export function timeZoneFrom(raw: string): string {
  const zone = canonicalTimeZone(raw);
  if (zone) return zone;
  const hints = [...new Set([...closestTimeZones(raw), ...suggestTimeZones(raw, 3)])].slice(0, 5);
  throw new UserError(
    `'${raw.slice(0, 100)}' is not a time zone I know. ` +
      (hints.length > 0
        ? `Did you mean ${hints.map((h) => `\`${h}\``).join(", ")}?`
        : "Use an IANA name such as `Europe/Berlin`, `America/New_York` or `Asia/Kolkata`; pick one as you type.") +
      " Nothing was changed.",
  );
}
