import { type AnswerReply, answerMessage } from "../challenges/messages.js";
import type { SubmitOutcome } from "../challenges/submit.js";
import { plural, ts } from "../format.js";
import type { ChallengeChanged, ReminderView } from "./member.js";
import type { ReminderRow } from "./store.js";

/** What members read about their reminders. */

function delivery(v: ReminderView): string {
  return v.delivery === "channel" && v.channelId ? `in <#${v.channelId}>` : "by direct message";
}

export function reminderLine(v: ReminderView, guildName?: string): string {
  const where = guildName ? `**${guildName}**: ` : "";
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

/** Told once, the next time the member uses a command, after Discord refused a DM. */
export function offNoticeMessage(
  rows: readonly ReminderRow[],
  nameOf: (guildId: string) => string | undefined,
): string {
  const names = rows.map((r) => nameOf(r.guildId) ?? "a server").join(", ");
  return `🔕 Your ${plural(rows.length, "reminder")} (${names}) ${rows.length === 1 ? "is" : "are"} now off: Discord won't let Gradient send you direct messages. Allow direct messages from server members in that server's Privacy Settings, then run \`/remind at\` again.`;
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
