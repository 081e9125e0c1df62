import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { getGuildTimezone, getMemberTimezone, resolveTimezone } from "../src/settings/index.js";
import { readState } from "../src/streaks/store.js";
import { addDays, localDate, localParts } from "../src/time/index.js";
import { timeZoneFrom } from "../src/time/input.js";
import { suggestTimeZones } from "../src/time/zones.js";
import { changeMemberTimezone } from "../src/zone-change/index.js";

const clockReading = (now: Date, zone: string) => {
  const p = localParts(now, zone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")} on ${localDate(now, zone)}`;
};

export default defineCommand({
  data: {
    name: "timezone",
    description: "Show or set your time zone, which decides when your day starts",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "zone",
        description: "An IANA time zone such as Europe/Berlin or America/New_York",
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  runIn: "anywhere",
  // Changes only (showing is free): a day's dates follow the zone, so hopping between zones is bounded.
  cooldown: { uses: 4, seconds: 86_400, applies: (args) => args.zone !== null },

  async execute(interaction, ctx, args) {
    const userId = interaction.user.id;
    const guildId = interaction.guildId;
    const now = ctx.clock.now();
    const typed = args.zone;
    if (typed === null) {
      const own = await getMemberTimezone(ctx, userId);
      const zone = await resolveTimezone(ctx, guildId, userId);
      const source = own
        ? "you set it"
        : guildId && zone === (await getGuildTimezone(ctx, guildId))
          ? "this server's zone; you haven't set your own"
          : "the default; you haven't set your own";
      return respond(interaction, {
        content: `Your time zone is **${zone}** (${source}). It's ${clockReading(now, zone)} there. Set yours with \`/timezone zone:\`.`,
        ephemeral: true,
      });
    }
    const zone = timeZoneFrom(typed);
    await changeMemberTimezone(ctx, userId, zone, now);
    const lines = [
      `Your time zone is now **${zone}**. It's ${clockReading(now, zone)} there.`,
      "Days you've already completed keep the dates they were credited with; your next completion counts on this zone's calendar.",
    ];
    if (guildId) {
      const last = (await readState(ctx, guildId, userId)).lastDate;
      if (last && localDate(now, zone) <= last) {
        lines.push(`You've been credited up to ${last} here, so the next day you can complete is ${addDays(last, 1)}.`);
      }
    }
    return respond(interaction, { content: lines.join("\n"), ephemeral: true });
  },

  async autocomplete(interaction) {
    const zones = suggestTimeZones(interaction.options.getFocused());
    await interaction.respond(zones.map((z) => ({ name: z, value: z })));
  },
});
