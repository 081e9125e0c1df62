import { MessageFlags } from "discord.js";
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/interactions/command.js";
import { reviewComponent } from "../src/interactions/feedback.js";
import { respond } from "../src/interactions/respond.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { CHALLENGE_SORTS, libraryIds } from "../src/library/custom-ids.js";
import { downloadImport } from "../src/library/download.js";
import {
  addItem,
  applyImport,
  cancelImport,
  exportLibrary,
  exportText,
  previewImport,
  setRetired,
} from "../src/library/edit.js";
import { draftFrom, itemModal } from "../src/library/modals.js";
import { draftParams, topicChoices } from "../src/library/params.js";
import { DRAFT_OPTIONS, itemEmbed, KIND_LABELS, listView, previewMessage } from "../src/library/render.js";
import { reportsView } from "../src/library/report-render.js";
import { openReports } from "../src/library/reports.js";
import { KINDS } from "../src/library/schema.js";
import { storedItems } from "../src/library/store.js";
import { libraryStats, libraryStatsView } from "../src/stats/library-view.js";

const idOption = (description: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: "id",
    description,
    required: true,
    max_length: 60,
  }) as const;

export default defineCommand({
  data: {
    name: libraryIds.command,
    description: "This server's own curriculum: add, import, export, list, stats, retire and restore items (managers)",
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "add",
        description: "Add a challenge, resource or weekly prompt through a form",
        options: DRAFT_OPTIONS,
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "import",
        description: "Import a gradient-library.json file (at most 1 MiB): a preview first, then Apply",
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: "file", description: "The JSON file", required: true },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "export",
        description: "This server's items and pool as gradient-library.json",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "list",
        description: "This server's own items, retired ones marked",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "kind",
            description: "Only one kind",
            choices: KINDS.map((k) => ({ name: KIND_LABELS[k], value: k })),
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "stats",
        description: "Each challenge drawn here: completion rate, verified answers, tries, ratings, open reports",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "sort",
            description: "The order (default: hardest first)",
            choices: CHALLENGE_SORTS.map((value) => ({ name: value, value })),
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "retire",
        description: "Hide an item from new draws; members' history keeps showing it",
        options: [idOption("The item's id, as /library list shows it")],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "restore",
        description: "Put a retired item back into draws",
        options: [idOption("The item's id, as /library list shows it")],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "reports",
        description: "Members' open problem reports on challenges, to resolve one",
      },
    ],
  },
  runIn: "guild",
  managersOnly: true,
  // An import reads and validates a file of up to 1 MiB.
  cooldown: { uses: 5, seconds: 60, applies: (args) => args.subcommand === "import" },

  async execute(interaction, ctx, args) {
    const guildId = interaction.guildId;
    switch (args.subcommand) {
      case "add": {
        const params = draftParams(args.options, ctx.content);
        return interaction.showModal(itemModal(params.kind, libraryIds.build({ action: "add", params }), "Add a"));
      }
      case "import": {
        const { file } = args.options;
        // The download and the checks of a large file can outlast Discord's 3-second reply window.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const text = await downloadImport(file.url, file.size);
        const { plan, importId } = await previewImport(ctx, guildId, interaction.user.id, text);
        return respond(interaction, { ...previewMessage(plan, importId), ephemeral: true });
      }
      case "export": {
        const file = await exportLibrary(ctx, guildId);
        const count = file.topics.length + file.challenges.length + file.resources.length + file.prompts.length;
        return respond(interaction, {
          content: `This server's library: ${count} items (${file.retired.length} retired) and its pool settings. \`/library import\` takes this file back, here or in another server.`,
          files: [{ attachment: Buffer.from(exportText(file)), name: "gradient-library.json" }],
          ephemeral: true,
        });
      }
      case "list": {
        const kind = args.options.kind ?? "all";
        return respond(interaction, { ...listView(await storedItems(ctx, guildId), kind, 0), ephemeral: true });
      }
      case "stats": {
        const view = libraryStatsView(await libraryStats(ctx, guildId), args.options.sort ?? "hardest", 0);
        return respond(interaction, { ...view, ephemeral: true });
      }
      case "retire":
      case "restore": {
        const retire = args.subcommand === "retire";
        const item = await setRetired(ctx, guildId, args.options.id.trim(), retire);
        const already = item.was === retire ? " (it already was)" : "";
        return respond(interaction, {
          content: retire
            ? `\`${item.id}\` is retired${already}: no new draw picks it; members' history keeps showing it.`
            : `\`${item.id}\` is back in draws${already}.`,
          ephemeral: true,
        });
      }
      case "reports":
        return respond(interaction, {
          ...reportsView(await openReports(ctx, guildId, 0), 0, ctx.content),
          ephemeral: true,
        });
    }
  },

  async autocomplete(interaction, ctx, args) {
    const kind = args.subcommand === "add" ? args.options.kind : null;
    await interaction.respond(topicChoices(ctx.content, interaction.options.getFocused(), kind === "prompt"));
  },

  customIds: libraryIds,
  async component(interaction, ctx, control) {
    const guildId = interaction.guildId;
    switch (control.action) {
      case "resolve":
      case "resolved":
      case "retire":
      case "reports":
      case "pick-report":
        return reviewComponent(interaction, ctx, control);
      case "add": {
        if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
        const draft = draftFrom(control.params, {
          text: (id) => interaction.fields.getTextInputValue(id),
          select: (id) => interaction.fields.getStringSelectValues(id),
        });
        const item = await addItem(ctx, guildId, control.params.kind, draft);
        return respond(interaction, {
          content: `Added \`${item.id}\` to this server's library; it is in draws from now on.`,
          embeds: [itemEmbed(control.params.kind, item, ctx.content)],
          ephemeral: true,
        });
      }
      case "apply": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        const plan = await applyImport(ctx, guildId, interaction.user.id, control.importId);
        return interaction.update({
          content: `Imported: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.unchanged.length} left as they were${plan.poolChanged ? "; pool settings updated" : ""}.`,
          components: [],
          allowedMentions: { parse: [] },
        });
      }
      case "cancel": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        await cancelImport(ctx, guildId, control.importId);
        return interaction.update({
          content: "Import cancelled; nothing was changed.",
          components: [],
          allowedMentions: { parse: [] },
        });
      }
      case "stats": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        return interaction.update({
          ...libraryStatsView(await libraryStats(ctx, guildId), control.sort, control.page),
          allowedMentions: { parse: [] },
        });
      }
      case "page": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        return interaction.update({
          ...listView(await storedItems(ctx, guildId), control.kind, control.page),
          allowedMentions: { parse: [] },
        });
      }
    }
  },
});
