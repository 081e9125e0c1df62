import { EmbedBuilder } from "discord.js";
import { ApplicationCommandType } from "discord-api-types/v10";
import { LIMITS } from "../src/discord/limits.js";
import { COLOURS, fitLines, formatDuration } from "../src/format.js";
import { defineCommand, type HandlerContext } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { getGuildTimezone } from "../src/settings/index.js";
import { VERSION } from "../src/version.js";

async function aboutEmbed(ctx: HandlerContext, guildId: string | null) {
  const sorted = [...ctx.commands].sort((a, b) => a.name.localeCompare(b.name));
  // Every command with what it does fits the description (4,096 characters); a field holds only 1,024.
  const commandLines = sorted.map((c) => `\`/${c.name}\` ${c.description}`);
  const { areas, topics, challenges, resources } = ctx.content;
  return new EmbedBuilder()
    .setColor(COLOURS.brand)
    .setTitle("About Gradient")
    .setDescription(
      "Gradient is a study companion for machine-learning-engineering servers: a daily challenge for the whole server, " +
        "hand-picked resources from a map of ML-engineering skills, weekly discussion prompts, and a streak that keeps count for you." +
        `\n\n**Commands**\n${fitLines(commandLines, LIMITS.embedDescription - 400)}`,
    )
    .addFields(
      { name: "Version", value: VERSION, inline: true },
      { name: "Uptime", value: formatDuration(ctx.clock.now().getTime() - ctx.startedAt.getTime()), inline: true },
      { name: "Server time zone", value: await getGuildTimezone(ctx, guildId), inline: true },
      {
        name: "Library",
        value: `${areas.length} areas, ${topics.length} topics, ${challenges.length} challenges, ${resources.length} resources`,
      },
      { name: "Commands", value: fitLines([sorted.map((c) => `\`/${c.name}\``).join(" · ")], LIMITS.fieldValue) },
    )
    .setFooter({ text: "Open source. Your progress is stored only on this bot's server." });
}

export default defineCommand({
  data: {
    name: "about",
    description: "What Gradient is, its version, uptime, this server's time zone and its commands",
    type: ApplicationCommandType.ChatInput,
  },
  runIn: "anywhere",
  async execute(interaction, ctx) {
    await respond(interaction, { embeds: [await aboutEmbed(ctx, interaction.guildId)], ephemeral: true });
  },
});
