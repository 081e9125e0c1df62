/**
 * Members' suggestions and their review. A suggestion is pending until one reviewer decides it; the decision is a
 * conditional update inside one write transaction (src/db/store.ts), so two reviewers pressing at once make one
 * decision, and an accepted suggestion's item is written in that same transaction.
 */
import { and, count, eq } from "drizzle-orm";
import type { Content } from "../content/load.js";
import type { AppContext } from "../context.js";
import type { suggestions } from "../db/schema.js";
import { type Gen, get, run, type Session } from "../db/store.js";
import { UserError } from "../errors.js";
import { insertNewItemIn } from "./edit.js";
import { ITEM_SCHEMAS, type ItemKind, LOCAL_PREFIX, type ServerItem } from "./schema.js";
import { getLibrarySettings } from "./store.js";

type Ctx = Pick<AppContext, "store" | "content" | "clock">;

export const MAX_PENDING = 5;
export const REASON_MAX = 500;

export interface Suggestion {
  id: number;
  guildId: string;
  userId: string;
  kind: ItemKind;
  draft: Record<string, unknown>;
  status: "pending" | "accepted" | "denied";
  decidedBy: string | null;
  reason: string | null;
  itemId: string | null;
}

const toSuggestion = (row: typeof suggestions.$inferSelect): Suggestion => ({
  id: row.id,
  guildId: row.guildId,
  userId: row.userId,
  kind: row.kind,
  draft: JSON.parse(row.body),
  status: row.status,
  decidedBy: row.decidedBy,
  reason: row.reason,
  itemId: row.itemId,
});

/** Checks a draft against the item's schema (with a stand-in id) without writing anything. */
function checkDraft(kind: ItemKind, draft: Record<string, unknown>): void {
  const parsed = ITEM_SCHEMAS[kind].safeParse({ ...draft, id: `${LOCAL_PREFIX}draft` });
  if (!parsed.success)
    throw new UserError(
      `Not sent:\n${parsed.error.issues.map((i) => `${kind}, ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
}

/** What a member is told while the review channel is paused: nothing is sent to Discord for it. */
export const SUGGESTIONS_PAUSED =
  "This server's review channel is not reachable; a server manager can set it again with `/config suggestions`. Nothing was sent.";

/**
 * The review channel, if suggestions can be taken now: refused, without calling Discord, when none is set or while
 * it is paused after Discord refused it.
 */
export async function reviewChannelOf(ctx: Pick<AppContext, "store">, guildId: string): Promise<string> {
  const settings = await getLibrarySettings(ctx, guildId);
  if (!settings.suggestionsChannelId)
    throw new UserError(
      "This server takes no suggestions yet: a server manager can choose a review channel with `/config suggestions`.",
    );
  if (settings.suggestionsPaused) throw new UserError(SUGGESTIONS_PAUSED);
  return settings.suggestionsChannelId;
}

/** Why suggestions pause after Discord's 403/404 on a card, as /config show tells admins: what, and the fix. */
export function reviewPauseReason(channelId: string, failure: { status: number; message: string }): string {
  const channel = `<#${channelId}>`;
  if (failure.status === 404)
    return `Discord says ${channel} no longer exists (404 ${failure.message}). Choose a review channel with \`/config suggestions\` to resume.`;
  return `Discord refused a review card in ${channel} (403 ${failure.message}). Give Gradient View Channel, Send Messages and Embed Links there, then run \`/config suggestions\` again to resume.`;
}

/** Pauses the server's review channel (suggestions and problem reports share it) until a manager sets it again. */
export function* pauseReviewChannelIn(s: Session, guildId: string, reason: string, now: Date): Gen<void> {
  yield* run(
    s.db
      .update(s.t.librarySettings)
      .set({ suggestionsPausedAt: now, suggestionsPauseReason: reason })
      .where(eq(s.t.librarySettings.guildId, guildId)),
  );
}

function* pauseSuggestionsIn(
  s: Session,
  suggestion: Pick<Suggestion, "id" | "guildId">,
  reason: string,
  now: Date,
): Gen<void> {
  yield* withdrawSuggestionIn(s, suggestion.id);
  yield* pauseReviewChannelIn(s, suggestion.guildId, reason, now);
}

/**
 * Discord refused the review card with 403/404 (the channel is gone or closed to Gradient): the suggestion is
 * withdrawn (it does not count against the member) and the server's suggestions pause, in one transaction, so the
 * next members are answered without a request Discord would refuse again.
 */
export function reviewChannelRefused(
  ctx: Pick<AppContext, "store" | "clock">,
  suggestion: Pick<Suggestion, "id" | "guildId">,
  channelId: string,
  failure: { status: number; message: string },
): Promise<void> {
  return ctx.store.write(pauseSuggestionsIn, suggestion, reviewPauseReason(channelId, failure), ctx.clock.now());
}

function* createSuggestionIn(
  s: Session,
  now: Date,
  guildId: string,
  userId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
): Gen<Suggestion> {
  const { suggestions } = s.t;
  const pending =
    (yield* get(
      s.db
        .select({ n: count() })
        .from(suggestions)
        .where(
          and(eq(suggestions.guildId, guildId), eq(suggestions.userId, userId), eq(suggestions.status, "pending")),
        ),
    ))?.n ?? 0;
  if (pending >= MAX_PENDING)
    throw new UserError(
      `You have ${MAX_PENDING} suggestions waiting for review, the most at once. You'll hear back by DM; then suggest more.`,
    );
  const row = yield* get(
    s.db
      .insert(suggestions)
      .values({ guildId, userId, kind, body: JSON.stringify(draft), createdAt: now })
      .returning(),
  );
  return toSuggestion(row as typeof suggestions.$inferSelect);
}

/** Records a member's suggestion; the caller posts its card and then `attachCard`s it. */
export async function createSuggestion(
  ctx: Ctx,
  guildId: string,
  userId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
): Promise<{ suggestion: Suggestion; channelId: string }> {
  const channelId = await reviewChannelOf(ctx, guildId);
  checkDraft(kind, draft);
  const suggestion = await ctx.store.write(createSuggestionIn, ctx.clock.now(), guildId, userId, kind, draft);
  return { suggestion, channelId };
}

export function attachCard(
  ctx: Pick<AppContext, "store">,
  id: number,
  channelId: string,
  messageId: string,
): Promise<void> {
  return ctx.store.write(function* (s) {
    yield* run(s.db.update(s.t.suggestions).set({ channelId, messageId }).where(eq(s.t.suggestions.id, id)));
  });
}

function* withdrawSuggestionIn(s: Session, id: number): Gen<void> {
  yield* run(s.db.delete(s.t.suggestions).where(eq(s.t.suggestions.id, id)));
}

/** A suggestion whose card could not be posted is withdrawn, so it does not count against the member. */
export function withdrawSuggestion(ctx: Pick<AppContext, "store">, id: number): Promise<void> {
  return ctx.store.write(withdrawSuggestionIn, id);
}

function* suggestionIn(s: Session, guildId: string, id: number): Gen<Suggestion> {
  const row = yield* get(
    s.db
      .select()
      .from(s.t.suggestions)
      .where(and(eq(s.t.suggestions.id, id), eq(s.t.suggestions.guildId, guildId))),
  );
  if (!row) throw new UserError("That suggestion is no longer on record.");
  return toSuggestion(row);
}

export function getSuggestion(ctx: Pick<AppContext, "store">, guildId: string, id: number): Promise<Suggestion> {
  return ctx.store.read(suggestionIn, guildId, id);
}

export type Decision = { accept: true } | { accept: false; reason: string };

export type DecisionOutcome =
  | { status: "decided"; suggestion: Suggestion; item: ServerItem | null }
  | { status: "already"; suggestion: Suggestion };

function* decideSuggestionIn(
  s: Session,
  content: Content,
  now: Date,
  guildId: string,
  id: number,
  reviewerId: string,
  decision: Decision,
): Gen<DecisionOutcome> {
  const reason = decision.accept ? null : decision.reason.trim().slice(0, REASON_MAX);
  const current = yield* suggestionIn(s, guildId, id);
  if (current.status !== "pending") return { status: "already", suggestion: current };
  const item = decision.accept
    ? yield* insertNewItemIn(s, content, now, guildId, current.kind, current.draft, current.userId)
    : null;
  const { suggestions } = s.t;
  const row = yield* get(
    s.db
      .update(suggestions)
      .set({
        status: decision.accept ? "accepted" : "denied",
        decidedBy: reviewerId,
        decidedAt: now,
        reason,
        itemId: item?.id ?? null,
      })
      .where(and(eq(suggestions.id, id), eq(suggestions.status, "pending")))
      .returning(),
  );
  if (!row) throw new Error(`suggestion ${id} changed inside its own transaction`);
  return { status: "decided", suggestion: toSuggestion(row), item };
}

/** Accepts (writing the item, credited to the member) or denies a pending suggestion; one decision only. */
export function decideSuggestion(
  ctx: Ctx,
  guildId: string,
  id: number,
  reviewerId: string,
  decision: Decision,
): Promise<DecisionOutcome> {
  return ctx.store.write(decideSuggestionIn, ctx.content, ctx.clock.now(), guildId, id, reviewerId, decision);
}

function* editSuggestionIn(
  s: Session,
  guildId: string,
  id: number,
  change: Record<string, unknown>,
): Gen<DecisionOutcome | { status: "edited"; suggestion: Suggestion }> {
  const current = yield* suggestionIn(s, guildId, id);
  if (current.status !== "pending") return { status: "already", suggestion: current };
  const draft = { ...current.draft, ...change };
  checkDraft(current.kind, draft);
  const row = yield* get(
    s.db
      .update(s.t.suggestions)
      .set({ body: JSON.stringify(draft) })
      .where(eq(s.t.suggestions.id, id))
      .returning(),
  );
  return { status: "edited", suggestion: toSuggestion(row as typeof suggestions.$inferSelect) };
}

/** A reviewer's edit of a pending suggestion, before deciding it. */
export function editSuggestion(
  ctx: Ctx,
  guildId: string,
  id: number,
  change: Record<string, unknown>,
): Promise<DecisionOutcome | { status: "edited"; suggestion: Suggestion }> {
  return ctx.store.write(editSuggestionIn, guildId, id, change);
}
