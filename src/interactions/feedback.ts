/**
 * The handlers of ratings and problem reports, which two commands route here: a member's buttons and form are
 * /challenge's controls (the completion reply and `/challenge history`), a reviewer's are /library's (the report
 * card and `/library reports`). Kept in one file beside the router so neither command file grows a feature of the
 * other's.
 */
import { type ButtonInteraction, DiscordAPIError, type ModalSubmitInteraction } from "discord.js";
import { type APIMessage, Routes } from "discord-api-types/v10";
import type { ChallengeControl } from "../challenges/custom-ids.js";
import { feedbackRow, ratedMessage, reportModal } from "../challenges/feedback.js";
import { rateChallenge } from "../challenges/ratings.js";
import { findChallenge } from "../content/load.js";
import type { Challenge } from "../content/schema.js";
import { retryWhileBusy } from "../db/busy.js";
import { UserError } from "../errors.js";
import { truncate } from "../format.js";
import { classifyFailure } from "../jobs/discord.js";
import type { LibraryControl } from "../library/custom-ids.js";
import { reportCard, reportOutcomeNote, reportsView, resolveModal } from "../library/report-render.js";
import {
  attachReportCard,
  createReport,
  getReport,
  openReports,
  REPORT_KINDS,
  type Report,
  type ReportDecision,
  reportCardRefused,
  resolveReport,
  retireReported,
} from "../library/reports.js";
import type { ComponentInteraction, HandlerContext } from "./command.js";
import { respond } from "./respond.js";
import { refuseNonReviewer, tellMember } from "./reviewers.js";
import { STALE_CONTROL } from "./router.js";

type GuildComponent = ComponentInteraction<"cached" | "raw">;

/** How long linking a posted card to its report may wait for the write lock. */
const ATTACH_BUDGET_MS = 30_000;

export type FeedbackControl = Extract<ChallengeControl, { action: "rate" | "report" | "reported" | "pick" }>;
export type ReviewControl = Extract<
  LibraryControl,
  { action: "resolve" | "resolved" | "retire" | "reports" | "pick-report" }
>;

/** A forged or stale id names a challenge this server's library does not have: refused, nothing recorded. */
function challengeNamed(ctx: HandlerContext, id: string | undefined): Challenge {
  const challenge = id === undefined ? undefined : findChallenge(ctx.content, id);
  if (!challenge) throw new UserError("That challenge is not in this server's library. Nothing was recorded.");
  return challenge;
}

export async function feedbackComponent(
  interaction: GuildComponent,
  ctx: HandlerContext,
  control: FeedbackControl,
): Promise<unknown> {
  const guildId = interaction.guildId;
  const userId = interaction.user.id;
  switch (control.action) {
    case "rate": {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      const challenge = challengeNamed(ctx, control.challengeId);
      const outcome = await rateChallenge(ctx, guildId, userId, challenge.id, control.rating);
      return respond(interaction, { content: ratedMessage(outcome, control.rating, challenge.title), ephemeral: true });
    }
    case "pick": {
      if (!interaction.isStringSelectMenu()) throw new UserError(STALE_CONTROL);
      const challenge = challengeNamed(ctx, interaction.values[0]);
      return respond(interaction, {
        content: `How was **${truncate(challenge.title, 120)}**? Rate it, or report a problem with it.`,
        components: [feedbackRow(challenge.id)],
        ephemeral: true,
      });
    }
    case "report": {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      const challenge = challengeNamed(ctx, control.challengeId);
      return interaction.showModal(reportModal(challenge.id, challenge.title));
    }
    case "reported": {
      if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
      const challenge = challengeNamed(ctx, control.challengeId);
      const chosen = interaction.fields.getStringSelectValues("kind")[0];
      const kind = REPORT_KINDS.find((k) => k === chosen);
      if (!kind) throw new UserError(STALE_CONTROL);
      const details = interaction.fields.getTextInputValue("details");
      const { report, channelId } = await createReport(ctx, guildId, userId, challenge.id, kind, details);
      const posted = channelId ? await postCard(interaction, ctx, report, channelId) : null;
      await respond(interaction, {
        content: posted
          ? "Thanks! Your report was sent to this server's reviewers. You'll hear by DM when it is resolved."
          : "Thanks! Your report is kept for this server's managers (`/library reports`). You'll hear by DM when it is resolved.",
        ephemeral: true,
      });
      if (!posted || !channelId) return;
      // The card is out and the member answered: from here on nothing may run the handler again (a second card).
      return retryWhileBusy(() => attachReportCard(ctx, report.id, channelId, posted.id), {
        budgetMs: ATTACH_BUDGET_MS,
      }).catch((error) => ctx.log.warn({ err: error, guild: guildId, report: report.id }, "report card not linked"));
    }
  }
}

/**
 * Posts the report's card to the review channel; null when Discord would not take it, the report then being kept
 * for `/library reports` (and the review channel paused on 403/404, as for a suggestion's card).
 */
async function postCard(
  interaction: GuildComponent,
  ctx: HandlerContext,
  report: Report,
  channelId: string,
): Promise<APIMessage | null> {
  try {
    return (await interaction.client.rest.post(Routes.channelMessages(channelId), {
      // The report's own nonce: a request retried after Discord had the card returns that card again.
      body: {
        ...reportCard(report, ctx.content),
        allowed_mentions: { parse: [] },
        nonce: `report-${report.id}`,
        enforce_nonce: true,
      },
    })) as APIMessage;
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === "channel") {
      await reportCardRefused(ctx, report.guildId, channelId, failure);
      ctx.log.warn({ guild: report.guildId, status: failure.status, code: failure.code }, "review channel paused");
      return null;
    }
    if (!(error instanceof DiscordAPIError)) throw error;
    ctx.log.warn({ err: error, guild: report.guildId, report: report.id }, "report card not posted; kept");
    return null;
  }
}

const REFUSAL = "Only this server's reviewers can resolve problem reports or retire items. Nothing was changed.";

function alreadyClosed(r: Report): UserError {
  return new UserError(
    `Problem report #${r.id} was already ${r.status === "retired" ? "closed by retiring its item" : "resolved"} by <@${r.resolvedBy}>. Nothing was changed.`,
  );
}

export async function reviewComponent(
  interaction: GuildComponent,
  ctx: HandlerContext,
  control: ReviewControl,
): Promise<unknown> {
  const guildId = interaction.guildId;
  await refuseNonReviewer(interaction, ctx, REFUSAL);
  switch (control.action) {
    case "reports": {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      const page = await openReports(ctx, guildId, control.page);
      return interaction.update({ ...reportsView(page, control.page, ctx.content), allowedMentions: { parse: [] } });
    }
    case "resolve": {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      return interaction.showModal(resolveModal(await openReport(ctx, guildId, control.reportId)));
    }
    case "pick-report": {
      if (!interaction.isStringSelectMenu()) throw new UserError(STALE_CONTROL);
      const value = interaction.values[0] ?? "";
      if (!/^[1-9]\d{0,15}$/.test(value)) throw new UserError(STALE_CONTROL);
      return interaction.showModal(resolveModal(await openReport(ctx, guildId, Number(value))));
    }
    case "resolved": {
      if (!interaction.isModalSubmit()) throw new UserError(STALE_CONTROL);
      const note = interaction.fields.getTextInputValue("note");
      return closed(interaction, ctx, await resolveReport(ctx, guildId, control.reportId, interaction.user.id, note));
    }
    case "retire": {
      if (!interaction.isButton()) throw new UserError(STALE_CONTROL);
      return closed(interaction, ctx, await retireReported(ctx, guildId, control.reportId, interaction.user.id));
    }
  }
}

async function openReport(ctx: HandlerContext, guildId: string, id: number): Promise<Report> {
  const report = await getReport(ctx, guildId, id);
  if (report.status !== "open") throw alreadyClosed(report);
  return report;
}

/** After a decision: the card shows it, and the reporter hears by DM. */
async function closed(
  interaction: ButtonInteraction<"cached" | "raw"> | ModalSubmitInteraction<"cached" | "raw">,
  ctx: HandlerContext,
  decision: ReportDecision,
): Promise<void> {
  const { report } = decision;
  if (decision.status === "already") throw alreadyClosed(report);
  const card = { ...reportCard(report, ctx.content), allowedMentions: { parse: [] } };
  const onCard = interaction.message !== null && interaction.message.id === report.messageId;
  if (interaction.isButton() && onCard) await interaction.update(card);
  else if (interaction.isModalSubmit() && interaction.isFromMessage() && onCard) await interaction.update(card);
  else
    await respond(interaction, {
      content: `Problem report #${report.id} is ${report.status === "retired" ? "closed and its item retired" : "resolved"}; the member is told by DM.`,
      ephemeral: true,
    });
  // Resolved from /library reports, the card in the review channel still shows Resolve: bring it up to date.
  if (!onCard && report.channelId && report.messageId)
    await interaction.client.rest
      .patch(Routes.channelMessage(report.channelId, report.messageId), {
        body: { ...reportCard(report, ctx.content), allowed_mentions: { parse: [] } },
      })
      .catch((error) => ctx.log.info({ err: error, report: report.id }, "could not update a report's card"));
  await tellMember(
    interaction,
    ctx,
    report.userId,
    reportOutcomeNote(report, ctx.content, interaction.guild?.name ?? "the server"),
    { report: report.id },
  );
}
