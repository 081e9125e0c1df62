/**
 * The custom_ids of /remind. A reminder's Mark done names the guild and date it is for: pressed in a DM, where
 * the interaction names no server, it credits the server the reminder came from, and only on that date.
 */
import { customIdCodec } from "../discord/custom-id.js";
import type { LocalDate } from "../time/index.js";

const SNOWFLAKE = /^\d{17,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type RemindControl = { action: "done"; guildId: string; date: LocalDate };

export const remindIds = customIdCodec<RemindControl>("remind", {
  encode: (control) => [control.action, control.guildId, control.date],
  decode: ([action, guildId, date, ...rest]) =>
    action === "done" && guildId && date && rest.length === 0 && SNOWFLAKE.test(guildId) && DATE.test(date)
      ? { action, guildId, date }
      : null,
});
