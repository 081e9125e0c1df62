/** What /config show and /config board say about the live board: its setting, its pause, what it needs. */
import type { Guild } from "discord.js";
import type { AppContext } from "../context.js";
import { ts } from "../format.js";
import { missingIn, POST_PERMISSIONS } from "../schedule/permissions.js";
import { LIVE_BOARD_NEEDS } from "./discord.js";
import { LIVE_BOARD_LABELS } from "./render.js";
import { getLiveBoard, type LiveBoardRow } from "./store.js";

/** Problems with the live board's channel, in words an admin can act on; empty when all is well. */
export function liveBoardProblems(guild: Guild, channelId: string): string[] {
  return missingIn(guild, channelId, POST_PERMISSIONS).map((p) => `Live board: ${p}`);
}

export function describeLiveBoard(row: LiveBoardRow | undefined): string {
  if (!row) return "Off (`/config board` keeps one message with a board's top 10 current in a channel).";
  const lines = [
    `Shows ${LIVE_BOARD_LABELS[row.board]} in <#${row.channelId}>, edited at most once a minute when the top 10 changes. Gradient needs ${LIVE_BOARD_NEEDS} there.`,
  ];
  if (row.messageId)
    lines.push(`Message: https://discord.com/channels/${row.guildId}/${row.channelId}/${row.messageId}`);
  if (row.pausedAt)
    lines.push(`⏸️ **Paused** since ${ts(row.pausedAt, "f")}: ${row.pauseReason ?? "Discord refused it."}`);
  return lines.join("\n");
}

/** The live board's field and problems for /config show. */
export async function liveBoardSection(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  guild: Guild | null,
): Promise<{ field: { name: string; value: string }; problems: string[] }> {
  const row = await getLiveBoard(ctx, guildId);
  const problems: string[] = [];
  if (row?.pausedAt) problems.push(`The live board is paused: ${row.pauseReason ?? "Discord refused it."}`);
  else if (row && guild) problems.push(...liveBoardProblems(guild, row.channelId));
  return { field: { name: "Live board", value: describeLiveBoard(row) }, problems };
}
