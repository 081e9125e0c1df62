import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { UserError } from "../../src/errors.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { ROOM_NEEDS } from "../../src/solvers/room.js";
import { roomProblems } from "../../src/solvers/status.js";
import { roomOff, setRoom } from "../../src/solvers/store.js";
import { channelOption, postableChannel } from "./common.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "solvers",
  description: "A private thread per daily, for the members who solved it: where, or off",
  options: [
    channelOption("Where each daily's private thread opens", false),
    { type: ApplicationCommandOptionType.Boolean, name: "off", description: "Turn the solvers' room off" },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const guildId = interaction.guildId;
  if (options.off) {
    if (options.channel) throw new UserError("Give either a channel or `off:true`, not both. Nothing was changed.");
    const removed = await roomOff(ctx, guildId);
    return respond(interaction, {
      content: removed
        ? "The solvers' room is off: no new threads open. Earlier threads stay as they are."
        : "The solvers' room was already off.",
      ephemeral: true,
    });
  }
  if (!options.channel)
    throw new UserError("Give a channel for the solvers' room, or `off:true` to turn it off. Nothing was changed.");
  const channelId = postableChannel(options.channel);
  await setRoom(ctx, guildId, channelId, ctx.clock.now());
  const problems = interaction.guild ? roomProblems(interaction.guild, channelId) : [];
  const lines = [
    `The solvers' room is on in <#${channelId}>: when the first member solves a day's daily on a track, Gradient opens a private thread there and adds everyone who solves it. Gradient needs ${ROOM_NEEDS} there. Members with Manage Threads see every private thread.`,
  ];
  if (problems.length > 0) lines.push("", "Fix these first, or the room will pause:", ...problems.map((p) => `• ${p}`));
  return respond(interaction, { content: lines.join("\n"), ephemeral: true });
}
