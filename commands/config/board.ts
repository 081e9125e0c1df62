import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { LIVE_BOARD_LABELS } from "../../src/live-board/render.js";
import { liveBoardProblems } from "../../src/live-board/status.js";
import { type LiveBoardKind, removeLiveBoard, setLiveBoard } from "../../src/live-board/store.js";
import { channelOption, postableChannel } from "./common.js";

const KINDS = ["week", "month", "current", "longest"] as const satisfies readonly LiveBoardKind[];

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "board",
  description: "Keep one message with a leaderboard's top 10 current in a channel (or turn it off)",
  options: [
    channelOption("Where the live board is kept", false),
    {
      type: ApplicationCommandOptionType.String,
      name: "board",
      description: "Which board (this week's if left out: it starts over every Monday)",
      choices: KINDS.map((value) => ({ name: LIVE_BOARD_LABELS[value], value })),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "off",
      description: "Stop keeping it current (the message stays where it is)",
    },
  ],
});

async function configure(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
): Promise<string> {
  const guildId = interaction.guildId;
  if (options.off) {
    if (options.channel || options.board)
      throw new UserError("`off` turns the live board off: leave out the channel and board. Nothing was changed.");
    return (await removeLiveBoard(ctx, guildId))
      ? "The live board is off. Its last message stays where it is, no longer updated."
      : "The live board was already off.";
  }
  if (!options.channel) throw new UserError("Pick the `channel` for the live board. Nothing was changed.");
  const channelId = postableChannel(options.channel);
  const board = options.board ?? "week";
  await setLiveBoard(ctx, guildId, channelId, board);
  ctx.log.info({ guild: guildId, channel: channelId, board, user: interaction.user.id }, "live board configured");
  const lines = [
    `The live board shows ${LIVE_BOARD_LABELS[board]} in <#${channelId}> within a minute, and Gradient keeps that one message current (edited at most once a minute, when the top 10 changes).`,
  ];
  const problems = interaction.guild ? liveBoardProblems(interaction.guild, channelId) : [];
  if (problems.length > 0) lines.push("", "Fix these first, or it will pause:", ...problems.map((p) => `• ${p}`));
  return lines.join("\n");
}

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  await respond(interaction, { content: await configure(interaction, ctx, options), ephemeral: true });
}
