import { PermissionFlagsBits } from "discord.js";
import type { AppContext } from "../context.js";
import { UserError } from "../errors.js";
import { getLibrarySettings } from "../library/store.js";
import type { ComponentInteraction } from "./command.js";

type GuildComponent = ComponentInteraction<"cached" | "raw">;

/**
 * Review buttons (suggestions, problem reports) are visible to everyone in the channel: the bot checks the clicker
 * itself. Reviewers are members with the server's reviewer role, or Manage Server.
 */
export async function refuseNonReviewer(
  interaction: GuildComponent,
  ctx: Pick<AppContext, "store">,
  refusal: string,
): Promise<void> {
  const { reviewerRoleId } = await getLibrarySettings(ctx, interaction.guildId);
  const roles = interaction.member.roles;
  const hasRole =
    reviewerRoleId !== null &&
    (Array.isArray(roles) ? roles.includes(reviewerRoleId) : roles.cache.has(reviewerRoleId));
  if (!hasRole && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) throw new UserError(refusal);
}

/** Tells a member the outcome of a review by DM; a member whose DMs are closed (50007) simply gets no note. */
export async function tellMember(
  interaction: GuildComponent,
  ctx: Pick<AppContext, "log">,
  userId: string,
  content: string,
  about: Record<string, unknown>,
): Promise<void> {
  try {
    await interaction.client.users.send(userId, { content, allowedMentions: { parse: [] } });
  } catch (error) {
    ctx.log.info({ err: error, guild: interaction.guildId, ...about }, "could not DM the member about a review");
  }
}
