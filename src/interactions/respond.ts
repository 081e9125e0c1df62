import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";

export type ReplyPayload = Omit<InteractionReplyOptions, "flags" | "withResponse" | "fetchReply"> & {
  ephemeral?: boolean;
};

/**
 * Answers whatever state the interaction is in: a first reply, an edit of a deferred reply, or a follow-up.
 * Mentions are parsed only when a payload asks for it.
 */
export async function respond(interaction: RepliableInteraction, payload: ReplyPayload): Promise<void> {
  const { ephemeral = false, ...rest } = payload;
  const message = { allowedMentions: { parse: [] }, ...rest };
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(message as InteractionEditReplyOptions);
  } else if (interaction.replied) {
    await interaction.followUp({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  } else {
    await interaction.reply({ ...message, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}
