/**
 * Members' problem reports on challenges ("the answer is wrong", "the task is unclear"…) and their review. A report
 * goes to the server's review channel (the suggestions' one) as a card, or, without a reachable one, is kept and
 * listed by `/library reports`; either way it stays open until one reviewer resolves it (a note the reporter gets
 * by DM) or retires the server's own item it is about. Decisions are conditional updates inside one write, so two
 * reviewers pressing at once make one decision.
 */
import { and, asc, count, eq } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { AppContext } from "../context.js";
import type { problemReports } from "../db/schema.js";
import { all, type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { setRetiredIn } from "./edit.js";
import { LOCAL_PREFIX } from "./schema.js";
import { getLibrarySettings } from "./store.js";
import { pauseReviewChannelIn, reviewPauseReason } from "./suggestions.js";

export const REPORT_KINDS = ["answer-wrong", "unclear", "broken-link", "out-of-date", "other"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  "answer-wrong": "The answer is wrong",
  unclear: "The task is unclear",
  "broken-link": "A link is broken",
  "out-of-date": "It is out of date",
  other: "Something else",
};

export const DETAILS_MAX = 500;
export const RESOLUTION_MAX = 300;
export const MAX_OPEN_REPORTS = 5;

export type Report = typeof problemReports.$inferSelect;

/** A server's own item (which a reviewer may retire), as opposed to a shipped one. */
export const isServerItem = (challengeId: string) => challengeId.startsWith(LOCAL_PREFIX);

/** The report's details as the member typed them, trimmed; refused when empty or over DETAILS_MAX characters. */
export function validateDetails(details: string): string {
  const trimmed = details.trim();
  const length = [...trimmed].length;
  if (length === 0) throw new UserError("Say what is wrong in a few words. Nothing was sent.");
  if (length > DETAILS_MAX)
    throw new UserError(
      `Your details have ${length} characters; at most ${DETAILS_MAX} fit. Shorten them and try again (nothing was sent).`,
    );
  return trimmed;
}

function* createReportIn(
  s: Session,
  now: Date,
  guildId: string,
  userId: string,
  challengeId: string,
  kind: ReportKind,
  details: string,
): Gen<Report> {
  const { problemReports } = s.t;
  const open =
    (yield* get(
      s.db
        .select({ n: count() })
        .from(problemReports)
        .where(
          and(
            eq(problemReports.guildId, guildId),
            eq(problemReports.userId, userId),
            eq(problemReports.status, "open"),
          ),
        ),
    ))?.n ?? 0;
  if (open >= MAX_OPEN_REPORTS)
    throw new UserError(
      `You have ${MAX_OPEN_REPORTS} open problem reports, the most at once. You'll hear by DM when a reviewer resolves one; then report more. Nothing was sent.`,
    );
  const row = yield* get(
    s.db.insert(problemReports).values({ guildId, userId, challengeId, kind, details, createdAt: now }).returning(),
  );
  return row as Report;
}

/**
 * Records a member's report; `channelId` is where the caller posts its card (then `attachReportCard`), or null
 * when the server has no reachable review channel and the report is only kept for `/library reports`.
 */
export async function createReport(
  ctx: Pick<AppContext, "store" | "clock">,
  guildId: string,
  userId: string,
  challengeId: string,
  kind: ReportKind,
  details: string,
): Promise<{ report: Report; channelId: string | null }> {
  const text = validateDetails(details);
  const settings = await getLibrarySettings(ctx, guildId);
  const report = await ctx.store.write(createReportIn, ctx.clock.now(), guildId, userId, challengeId, kind, text);
  const channelId = settings.suggestionsPaused ? null : settings.suggestionsChannelId;
  return { report, channelId };
}

export function attachReportCard(
  ctx: Pick<AppContext, "store">,
  id: number,
  channelId: string,
  messageId: string,
): Promise<void> {
  return ctx.store.write(function* (s) {
    yield* run(s.db.update(s.t.problemReports).set({ channelId, messageId }).where(eq(s.t.problemReports.id, id)));
  });
}

/**
 * Discord refused a report's card with 403/404: the review channel pauses (for suggestions too, as when their card
 * is refused) and the report stays, kept for `/library reports`.
 */
export function reportCardRefused(
  ctx: Pick<AppContext, "store" | "clock">,
  guildId: string,
  channelId: string,
  failure: { status: number; message: string },
): Promise<void> {
  return ctx.store.write(pauseReviewChannelIn, guildId, reviewPauseReason(channelId, failure), ctx.clock.now());
}

function* reportIn(s: Session, guildId: string, id: number): Gen<Report> {
  const { problemReports } = s.t;
  const row = yield* get(
    s.db
      .select()
      .from(problemReports)
      .where(and(eq(problemReports.id, id), eq(problemReports.guildId, guildId))),
  );
  if (!row) throw new UserError("That problem report is no longer on record.");
  return row;
}

export function getReport(ctx: Pick<AppContext, "store">, guildId: string, id: number): Promise<Report> {
  return ctx.store.read(reportIn, guildId, id);
}

export type ReportDecision = { status: "decided" | "already"; report: Report };

function* closeIn(
  s: Session,
  now: Date,
  guildId: string,
  id: number,
  reviewerId: string,
  status: "resolved" | "retired",
  resolution: string | null,
): Gen<ReportDecision> {
  const { problemReports } = s.t;
  const row = yield* get(
    s.db
      .update(problemReports)
      .set({ status, resolution, resolvedBy: reviewerId, resolvedAt: now })
      .where(and(eq(problemReports.id, id), eq(problemReports.guildId, guildId), eq(problemReports.status, "open")))
      .returning(),
  );
  return row ? { status: "decided", report: row } : { status: "already", report: yield* reportIn(s, guildId, id) };
}

/** Resolves an open report with a note for the reporter; one decision only. */
export function resolveReport(
  ctx: Pick<AppContext, "store" | "clock">,
  guildId: string,
  id: number,
  reviewerId: string,
  note: string,
): Promise<ReportDecision> {
  const text = note.trim().slice(0, RESOLUTION_MAX);
  if (text === "") throw new UserError("Write a short note for the member. Nothing was changed.");
  return ctx.store.write(closeIn, ctx.clock.now(), guildId, id, reviewerId, "resolved", text);
}

function* retireReportedIn(
  s: Session,
  content: Content,
  now: Date,
  guildId: string,
  id: number,
  reviewerId: string,
): Gen<ReportDecision> {
  const report = yield* reportIn(s, guildId, id);
  if (!isServerItem(report.challengeId))
    throw new UserError("Only this server's own items can be retired; resolve a report on a shipped challenge.");
  if (report.status !== "open") return { status: "already", report };
  // The library's own retire: the item leaves draws, members' history keeps it, and every process recomposes.
  yield* setRetiredIn(s, content, now, guildId, report.challengeId, true);
  return yield* closeIn(s, now, guildId, id, reviewerId, "retired", null);
}

/** Retires the server's item an open report is about and closes the report, in one transaction. */
export function retireReported(
  ctx: Pick<AppContext, "store" | "clock" | "content">,
  guildId: string,
  id: number,
  reviewerId: string,
): Promise<ReportDecision> {
  return ctx.store.write(retireReportedIn, ctx.content, ctx.clock.now(), guildId, id, reviewerId);
}

export const REPORTS_PAGE = 10;

function* openReportsIn(s: Session, guildId: string, page: number): Gen<{ total: number; reports: Report[] }> {
  const { problemReports } = s.t;
  const where = and(eq(problemReports.guildId, guildId), eq(problemReports.status, "open"));
  const total = (yield* get(s.db.select({ n: count() }).from(problemReports).where(where)))?.n ?? 0;
  const reports = yield* all(
    s.db
      .select()
      .from(problemReports)
      .where(where)
      .orderBy(asc(problemReports.id))
      .limit(REPORTS_PAGE)
      .offset(page * REPORTS_PAGE),
  );
  return { total, reports };
}

/** One page of the server's open reports, oldest first. */
export function openReports(
  ctx: Pick<AppContext, "store">,
  guildId: string,
  page: number,
): Promise<{ total: number; reports: Report[] }> {
  return ctx.store.read(openReportsIn, guildId, page);
}
