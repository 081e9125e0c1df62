import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { ANSWER_MAX } from "../src/challenges/answers.js";
import { doneMessage } from "../src/challenges/messages.js";
import { answerModal } from "../src/challenges/render.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { remindIds } from "../src/reminders/custom-ids.js";
import { restMemberLookup } from "../src/reminders/discord.js";
import {
  answerFromReminder,
  doneFromReminder,
  remindAt,
  remindersShown,
  reminderToAnswer,
  remindOff,
  remindOffFrom,
} from "../src/reminders/member.js";
import {
  reminderAnswerMessage,
  reminderOffMessage,
  reminderSetMessage,
  reminderShowMessage,
} from "../src/reminders/messages.js";
import { requireMemberToCredit } from "../src/reminders/presence.js";
import { timeOfDayFrom } from "../src/time/input.js";

export default defineCommand({
  data: {
    name: remindIds.command,
    description: "A reminder in your own time when today's challenge is still open",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "at",
        description: "Remind me at this time of my day if today's challenge is still open",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "time",
            description: "24-hour time in your time zone (else the server's), like 21:00",
            required: true,
            min_length: 4,
            max_length: 5,
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "only-streak",
            description: "Only when I have a streak to lose (default: no)",
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "off",
        description: "Stop my reminder in this server (in a DM: pick the server)",
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "show", description: "When my reminders come" },
    ],
  },
  // Anywhere, so a reminder's buttons work in the DM it came in; setting one needs its server.
  runIn: "anywhere",

  async execute(interaction, ctx, args) {
    const userId = interaction.user.id;
    const nameOf = (id: string) => interaction.client.guilds.cache.get(id)?.name;
    if (args.subcommand === "show") {
      const views = await remindersShown(ctx, interaction.guildId, userId);
      return respond(interaction, { content: reminderShowMessage(views, nameOf), ephemeral: true });
    }
    if (args.subcommand === "off")
      return respond(interaction, reminderOffMessage(await remindOffFrom(ctx, interaction.guildId, userId), nameOf));
    const guildId = interaction.guildId;
    if (!guildId)
      throw new UserError(
        "Reminders belong to a server: run `/remind at` there. `/remind show` and `/remind off` work here.",
      );
    const time = timeOfDayFrom(args.options.time);
    const view = await remindAt(ctx, guildId, userId, time, args.options["only-streak"] ?? false);
    return respond(interaction, { content: reminderSetMessage(view), ephemeral: true });
  },

  customIds: remindIds,
  async component(interaction, ctx, control) {
    const userId = interaction.user.id;
    if (control.action === "stop") {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      const off = (await remindOff(ctx, control.guildId, userId))
        ? ({ status: "off", guildId: control.guildId } as const)
        : ({ status: "none", inGuild: false } as const);
      return respond(
        interaction,
        reminderOffMessage(off, (id) => interaction.client.guilds.cache.get(id)?.name),
      );
    }
    // Pressed in a DM, nothing says the member is still in the server the button credits: Discord is asked.
    if (interaction.guildId !== control.guildId)
      await requireMemberToCredit(ctx, restMemberLookup(interaction.client.rest), control.guildId, userId);
    if (control.action === "submit") {
      if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
      const given = interaction.fields.getTextInputValue("answer").slice(0, ANSWER_MAX);
      return respond(interaction, reminderAnswerMessage(await answerFromReminder(ctx, control, userId, given), userId));
    }
    if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
    if (control.action === "done") {
      const reply = doneMessage(await doneFromReminder(ctx, control, userId), userId);
      // Rating buttons are /challenge's, which answers only in the server it rates for: none in a DM.
      return respond(interaction, interaction.guildId === control.guildId ? reply : { ...reply, components: [] });
    }
    const open = await reminderToAnswer(ctx, control, userId);
    if ("status" in open) return respond(interaction, reminderAnswerMessage(open, userId));
    return interaction.showModal(answerModal(open.challenge, remindIds.build({ ...control, action: "submit" })));
  },
});
