import { DiscordAPIError } from "discord.js";
import { type APIMessage, ApplicationCommandType, Routes } from "discord-api-types/v10";
import type { AppContext } from "../src/context.js";
import { retryWhileBusy } from "../src/db/busy.js";
import { UserError } from "../src/errors.js";
import { type ComponentInteraction, defineCommand } from "../src/interactions/command.js";
import { respond } from "../src/interactions/respond.js";
import { refuseNonReviewer, tellMember } from "../src/interactions/reviewers.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { classifyFailure } from "../src/jobs/discord.js";
import { suggestIds } from "../src/library/custom-ids.js";
import { draftFrom, itemModal, modalFields } from "../src/library/modals.js";
import { draftParams, topicChoices } from "../src/library/params.js";
import { DRAFT_OPTIONS, decisionNote, reviewCard } from "../src/library/render.js";
import {
  attachCard,
  createSuggestion,
  decideSuggestion,
  editSuggestion,
  getSuggestion,
  REASON_MAX,
  reviewChannelOf,
  reviewChannelRefused,
  SUGGESTIONS_PAUSED,
  type Suggestion,
  withdrawSuggestion,
} from "../src/library/suggestions.js";

type GuildComponent = ComponentInteraction<"cached" | "raw">;

/** How long linking a posted card to its suggestion may wait for the write lock. */
const ATTACH_BUDGET_MS = 30_000;

const alreadyDecided = (s: Suggestion) =>
  new UserError(`This suggestion was already ${s.status} by <@${s.decidedBy}>. Nothing was changed.`);

/** Tells the suggester by DM; closed DMs simply get no note. */
function tellSuggester(interaction: GuildComponent, ctx: AppContext, s: Suggestion): Promise<void> {
  return tellMember(interaction, ctx, s.userId, decisionNote(s, interaction.guild?.name ?? "the server"), {
    suggestion: s.id,
  });
}

export default defineCommand({
  data: {
    name: suggestIds.command,
    description: "Suggest a challenge, resource or weekly prompt for this server's library; reviewers decide",
    type: ApplicationCommandType.ChatInput,
    options: DRAFT_OPTIONS,
  },
  runIn: "guild",
  // Each suggestion posts a card to the review channel.
  cooldown: { uses: 3, seconds: 600 },

  async execute(interaction, ctx, args) {
    await reviewChannelOf(ctx, interaction.guildId);
    const params = draftParams(args, ctx.content);
    return interaction.showModal(itemModal(params.kind, suggestIds.build({ action: "new", params }), "Suggest a"));
  },

  async autocomplete(interaction, ctx, args) {
    await interaction.respond(topicChoices(ctx.content, interaction.options.getFocused(), args.kind === "prompt"));
  },

  customIds: suggestIds,
  async component(interaction, ctx, control) {
    const guildId = interaction.guildId;
    if (control.action === "new") {
      if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
      const draft = draftFrom(control.params, {
        text: (id) => interaction.fields.getTextInputValue(id),
        select: (id) => interaction.fields.getStringSelectValues(id),
      });
      const { suggestion, channelId } = await createSuggestion(
        ctx,
        guildId,
        interaction.user.id,
        control.params.kind,
        draft,
      );
      let posted: APIMessage;
      try {
        posted = (await interaction.client.rest.post(Routes.channelMessages(channelId), {
          // The suggestion's own nonce: a request retried after Discord had the card returns that card again.
          body: {
            ...reviewCard(suggestion, ctx.content),
            allowed_mentions: { parse: [] },
            nonce: `suggestion-${suggestion.id}`,
            enforce_nonce: true,
          },
        })) as APIMessage;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "channel") {
          await reviewChannelRefused(ctx, suggestion, channelId, failure);
          ctx.log.warn({ guild: guildId, status: failure.status, code: failure.code }, "suggestions paused");
          throw new UserError(SUGGESTIONS_PAUSED);
        }
        await withdrawSuggestion(ctx, suggestion.id);
        if (!(error instanceof DiscordAPIError)) throw error;
        throw new UserError(
          "Your suggestion could not be posted to the review channel (Gradient may not be allowed there). Please tell a server manager; nothing was saved.",
        );
      }
      await respond(interaction, {
        content: "Thanks! Your suggestion was sent to the reviewers. You'll hear by DM whether it was accepted.",
        ephemeral: true,
      });
      // The card is out and the member answered: from here on nothing may run the handler again (a second card).
      // The card's buttons carry the suggestion's id, so linking the two may wait for a write lock held elsewhere.
      return retryWhileBusy(() => attachCard(ctx, suggestion.id, channelId, posted.id), {
        budgetMs: ATTACH_BUDGET_MS,
      }).catch((error) => ctx.log.warn({ err: error, guild: guildId, suggestion: suggestion.id }, "card not linked"));
    }
    await refuseNonReviewer(
      interaction,
      ctx,
      "Only this server's reviewers can accept, edit or deny suggestions. Nothing was changed.",
    );
    switch (control.action) {
      case "accept": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        const outcome = await decideSuggestion(ctx, guildId, control.id, interaction.user.id, { accept: true });
        if (outcome.status === "already") throw alreadyDecided(outcome.suggestion);
        await interaction.update({ ...reviewCard(outcome.suggestion, ctx.content), allowedMentions: { parse: [] } });
        return tellSuggester(interaction, ctx, outcome.suggestion);
      }
      case "deny":
      case "edit": {
        if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
        const s = await getSuggestion(ctx, guildId, control.id);
        if (s.status !== "pending") throw alreadyDecided(s);
        if (control.action === "edit")
          return interaction.showModal(
            itemModal(s.kind, suggestIds.build({ action: "edited", id: s.id }), "Edit the", s.draft),
          );
        return interaction.showModal({
          custom_id: suggestIds.build({ action: "denied", id: s.id }),
          title: "Deny this suggestion",
          components: [
            {
              type: 18,
              label: "Why (sent to the member)",
              component: {
                type: 4,
                custom_id: "reason",
                style: 2,
                required: true,
                min_length: 3,
                max_length: REASON_MAX,
              },
            },
          ],
        });
      }
      case "denied": {
        if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
        const reason = interaction.fields.getTextInputValue("reason");
        const outcome = await decideSuggestion(ctx, guildId, control.id, interaction.user.id, {
          accept: false,
          reason,
        });
        if (outcome.status === "already") throw alreadyDecided(outcome.suggestion);
        if (interaction.isFromMessage())
          await interaction.update({ ...reviewCard(outcome.suggestion, ctx.content), allowedMentions: { parse: [] } });
        else await respond(interaction, { content: "Denied; the member is told why.", ephemeral: true });
        return tellSuggester(interaction, ctx, outcome.suggestion);
      }
      case "edited": {
        if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
        const s = await getSuggestion(ctx, guildId, control.id);
        const change = modalFields(s.kind, {
          text: (id) => interaction.fields.getTextInputValue(id),
          select: (id) => interaction.fields.getStringSelectValues(id),
        });
        const outcome = await editSuggestion(ctx, guildId, control.id, change);
        if (outcome.status === "already") throw alreadyDecided(outcome.suggestion);
        if (interaction.isFromMessage())
          return interaction.update({ ...reviewCard(outcome.suggestion, ctx.content), allowedMentions: { parse: [] } });
        return respond(interaction, { content: "Suggestion edited.", ephemeral: true });
      }
    }
  },
});
