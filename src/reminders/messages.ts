import { type APIActionRowComponent, type APIButtonComponent, ComponentType } from "discord-api-types/v10";
import { type AnswerReply, answerMessage } from "../challenges/messages.js";
import type { SubmitOutcome } from "../challenges/submit.js";
import { plural, ts } from "../format.js";
import type { ChallengeChanged, ReminderView, RemindOffOutcome } from "./member.js";
import { LEFT_SERVER } from "./presence.js";
import { stopButton } from "./render.js";
import type { ReminderRow } from "./store.js";

/** What members read about their reminders. */

function delivery(v: ReminderView): string {
  return v.delivery === "channel" && v.channelId ? `in <#${v.channelId}>` : "by direct message";
}

export function reminderLine(v: ReminderView, guildName?: string): string {
  const where = guildName ? `**${guildName}**: ` : "";
  if (v.next === null && v.offReason === LEFT_SERVER)
    return `${where}off: ${LEFT_SERVER}. If you rejoin, \`/remind at\` there switches it back on.`;
  if (v.next === null)
    return `${where}off since Discord refused a message (${v.offReason ?? "unknown reason"}). Run \`/remind at\` to switch it back on.`;
  const only = v.onlyStreak ? ", only while you have a streak to lose" : "";
  return `${where}every day at **${v.time}** (${v.zone}) ${delivery(v)}${only}, unless the day's challenge is done or it's a rest day. Next: ${ts(v.next)}.`;
}

export function reminderSetMessage(v: ReminderView): string {
  return `⏰ Reminder set. ${reminderLine(v)}\n\`/remind off\` stops it.`;
}

export function reminderShowMessage(
  views: readonly ReminderView[],
  nameOf: (guildId: string) => string | undefined,
): string {
  if (views.length === 0) return "You have no reminder here. `/remind at time:21:00` sets one, in your own time zone.";
  return views.map((v) => `• ${reminderLine(v, views.length > 1 ? nameOf(v.guildId) : undefined)}`).join("\n");
}

/** Buttons Discord allows on one message: 5 rows of 5. */
const BUTTONS_MAX = 25;

/** What `/remind off` (or Stop these reminders) says, privately; asked in a DM with several reminders, which to stop. */
export function reminderOffMessage(
  outcome: RemindOffOutcome,
  nameOf: (guildId: string) => string | undefined,
): { content: string; ephemeral: true; components?: APIActionRowComponent<APIButtonComponent>[] } {
  if (outcome.status === "none")
    return {
      content: outcome.inGuild ? "You had no reminder here." : "You have no reminders.",
      ephemeral: true,
    };
  if (outcome.status === "off") {
    const name = nameOf(outcome.guildId);
    return {
      content: `🔕 Your reminder${name ? ` from **${name}**` : ""} is off. \`/remind at\` in that server sets it again.`,
      ephemeral: true,
    };
  }
  const shown = outcome.guildIds.slice(0, BUTTONS_MAX);
  const buttons = shown.map((id) => stopButton(id, `Stop: ${nameOf(id) ?? id}`));
  const rows = Array.from({ length: Math.ceil(buttons.length / 5) }, (_, i) => ({
    type: ComponentType.ActionRow as const,
    components: buttons.slice(i * 5, i * 5 + 5),
  }));
  const more = outcome.guildIds.length > shown.length ? " For the others, run `/remind off` in that server." : "";
  return {
    content: `You have reminders from ${outcome.guildIds.length} servers: which one should stop?${more}`,
    ephemeral: true,
    components: rows,
  };
}

/** Told once, the next time the member uses a command, after Discord refused a DM or said they left the server. */
export function offNoticeMessage(
  rows: readonly ReminderRow[],
  nameOf: (guildId: string) => string | undefined,
): string {
  const head = (some: readonly ReminderRow[]) =>
    `🔕 Your ${plural(some.length, "reminder")} (${some.map((r) => nameOf(r.guildId) ?? "a server").join(", ")}) ${some.length === 1 ? "is" : "are"} now off:`;
  const left = rows.filter((r) => r.offReason === LEFT_SERVER);
  const closed = rows.filter((r) => r.offReason !== LEFT_SERVER);
  return [
    closed.length > 0 &&
      `${head(closed)} Discord won't let Gradient send you direct messages. Allow direct messages from server members in that server's Privacy Settings, then run \`/remind at\` again.`,
    left.length > 0 &&
      `${head(left)} Discord says you are no longer a member of ${left.length === 1 ? "that server" : "those servers"}. If you rejoin, run \`/remind at\` there again.`,
  ]
    .filter((line) => line !== false)
    .join("\n");
}

/** What a member reads after answering from a reminder, or pressing its Submit answer when there is none to give. */
export function reminderAnswerMessage(outcome: SubmitOutcome | ChallengeChanged, userId: string): AnswerReply {
  if (outcome.status === "changed")
    return {
      ephemeral: true,
      content: `That server's challenge of ${outcome.date} is no longer the one this reminder was about, so nothing was checked or recorded. \`/challenge today\` in the server shows its challenge.`,
    };
  // A wrong answer's Next hint is a /challenge button, which works only in a server; the next try shows the hint.
  return { ...answerMessage(outcome, userId), components: [] };
}
