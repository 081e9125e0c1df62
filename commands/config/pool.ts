import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { subcommand } from "../../src/discord/command-json.js";
import { plural } from "../../src/format.js";
import type { GuildChatInput, HandlerContext, SubcommandOptions } from "../../src/interactions/command.js";
import { respond } from "../../src/interactions/respond.js";
import { setPool } from "../../src/library/edit.js";
import { describePool } from "../../src/library/render.js";

export const data = subcommand({
  type: ApplicationCommandOptionType.Subcommand,
  name: "pool",
  description: "What the daily, /challenge random and the weekly prompts draw from",
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "shipped",
      description: "Include Gradient's shipped library (no: only this server's own items)",
    },
    {
      type: ApplicationCommandOptionType.String,
      name: "areas",
      description: "Area ids, comma-separated (local is this server's own area), or 'all'",
      max_length: 500,
    },
  ],
});

export async function execute(
  interaction: GuildChatInput,
  ctx: HandlerContext,
  options: SubcommandOptions<typeof data>,
) {
  const raw = options.areas?.trim();
  const listed = raw === undefined || raw.toLowerCase() === "all" ? [] : raw.split(/[\s,]+/).filter(Boolean);
  // Left out, the areas stay as they are; "all" (or nothing listed) is every area.
  const { pool, library } = await setPool(ctx, interaction.guildId, {
    shipped: options.shipped ?? undefined,
    areas: raw === undefined ? undefined : listed.length > 0 ? listed : null,
  });
  const warnings = [
    ...(library.challenges.length === 0 ? ["No challenge is in the pool now, so there is no daily until one is."] : []),
    ...(library.prompts.length === 0
      ? ["No weekly prompt is in the pool now, so weekly posts will fail until one is."]
      : []),
  ];
  await respond(interaction, {
    content: [
      `Pool saved: ${describePool(pool, library)} Days already chosen stay as they were.`,
      `${plural(library.challenges.length, "challenge")} and ${plural(library.prompts.length, "weekly prompt")} are in the pool now.`,
      ...warnings,
    ].join("\n"),
    ephemeral: true,
  });
}
