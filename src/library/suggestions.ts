/**
 * Members' suggestions and their review. A suggestion is pending until one reviewer decides it; the decision is a
 * conditional update inside an immediate transaction, so two reviewers pressing at once make one decision, and an
 * accepted suggestion's item is written in that same transaction.
 */
import { and, count, eq } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { librarySettings, suggestions } from "../db/schema.js";
import { UserError } from "../errors.js";
import { insertNewItem } from "./edit.js";
import { ITEM_SCHEMAS, type ItemKind, LOCAL_PREFIX, type ServerItem } from "./schema.js";
import { getLibrarySettings } from "./store.js";

type Ctx = Pick<AppContext, "db" | "content" | "clock">;

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
export function reviewChannelOf(ctx: Pick<AppContext, "db">, guildId: string): string {
  const settings = getLibrarySettings(ctx, guildId);
  if (!settings.suggestionsChannelId)
    throw new UserError(
      "This server takes no suggestions yet: a server manager can choose a review channel with `/config suggestions`.",
    );
  if (settings.suggestionsPaused) throw new UserError(SUGGESTIONS_PAUSED);
  return settings.suggestionsChannelId;
}

/** Why suggestions pause after Discord's 403/404 on a card, as /config show tells admins: what, and the fix. */
function reviewPauseReason(channelId: string, failure: { status: number; message: string }): string {
  const channel = `<#${channelId}>`;
  if (failure.status === 404)
    return `Discord says ${channel} no longer exists (404 ${failure.message}). Choose a review channel with \`/config suggestions\` to resume.`;
  return `Discord refused a review card in ${channel} (403 ${failure.message}). Give Gradient View Channel, Send Messages and Embed Links there, then run \`/config suggestions\` again to resume.`;
}

/**
 * Discord refused the review card with 403/404 (the channel is gone or closed to Gradient): the suggestion is
 * withdrawn (it does not count against the member) and the server's suggestions pause, in one transaction, so the
 * next members are answered without a request Discord would refuse again.
 */
export function reviewChannelRefused(
  ctx: Pick<AppContext, "db" | "clock">,
  suggestion: Pick<Suggestion, "id" | "guildId">,
  channelId: string,
  failure: { status: number; message: string },
): void {
  ctx.db.transaction(
    () => {
      withdrawSuggestion(ctx, suggestion.id);
      ctx.db
        .update(librarySettings)
        .set({ suggestionsPausedAt: ctx.clock.now(), suggestionsPauseReason: reviewPauseReason(channelId, failure) })
        .where(eq(librarySettings.guildId, suggestion.guildId))
        .run();
    },
    { behavior: "immediate" },
  );
}

/** Records a member's suggestion; the caller posts its card and then `attachCard`s it. */
export function createSuggestion(
  ctx: Ctx,
  guildId: string,
  userId: string,
  kind: ItemKind,
  draft: Record<string, unknown>,
): { suggestion: Suggestion; channelId: string } {
  const channelId = reviewChannelOf(ctx, guildId);
  checkDraft(kind, draft);
  const suggestion = ctx.db.transaction(
    () => {
      const pending =
        ctx.db
          .select({ n: count() })
          .from(suggestions)
          .where(
            and(eq(suggestions.guildId, guildId), eq(suggestions.userId, userId), eq(suggestions.status, "pending")),
          )
          .get()?.n ?? 0;
      if (pending >= MAX_PENDING)
        throw new UserError(
          `You have ${MAX_PENDING} suggestions waiting for review, the most at once. You'll hear back by DM; then suggest more.`,
        );
      const row = ctx.db
        .insert(suggestions)
        .values({ guildId, userId, kind, body: JSON.stringify(draft), createdAt: ctx.clock.now() })
        .returning()
        .get();
      return toSuggestion(row);
    },
    { behavior: "immediate" },
  );
  return { suggestion, channelId };
}

export function attachCard(ctx: Pick<AppContext, "db">, id: number, channelId: string, messageId: string): void {
  ctx.db.update(suggestions).set({ channelId, messageId }).where(eq(suggestions.id, id)).run();
}

/** A suggestion whose card could not be posted is withdrawn, so it does not count against the member. */
export function withdrawSuggestion(ctx: Pick<AppContext, "db">, id: number): void {
  ctx.db.delete(suggestions).where(eq(suggestions.id, id)).run();
}

export function getSuggestion(ctx: Pick<AppContext, "db">, guildId: string, id: number): Suggestion {
  const row = ctx.db
    .select()
    .from(suggestions)
    .where(and(eq(suggestions.id, id), eq(suggestions.guildId, guildId)))
    .get();
  if (!row) throw new UserError("That suggestion is no longer on record.");
  return toSuggestion(row);
}

export type Decision = { accept: true } | { accept: false; reason: string };

export type DecisionOutcome =
  | { status: "decided"; suggestion: Suggestion; item: ServerItem | null }
  | { status: "already"; suggestion: Suggestion };

/** Accepts (writing the item, credited to the member) or denies a pending suggestion; one decision only. */
export function decideSuggestion(
  ctx: Ctx,
  guildId: string,
  id: number,
  reviewerId: string,
  decision: Decision,
): DecisionOutcome {
  const reason = decision.accept ? null : decision.reason.trim().slice(0, REASON_MAX);
  return ctx.db.transaction(
    (): DecisionOutcome => {
      const current = getSuggestion(ctx, guildId, id);
      if (current.status !== "pending") return { status: "already", suggestion: current };
      const item = decision.accept ? insertNewItem(ctx, guildId, current.kind, current.draft, current.userId) : null;
      const row = ctx.db
        .update(suggestions)
        .set({
          status: decision.accept ? "accepted" : "denied",
          decidedBy: reviewerId,
          decidedAt: ctx.clock.now(),
          reason,
          itemId: item?.id ?? null,
        })
        .where(and(eq(suggestions.id, id), eq(suggestions.status, "pending")))
        .returning()
        .get();
      if (!row) throw new Error(`suggestion ${id} changed inside its own transaction`);
      return { status: "decided", suggestion: toSuggestion(row), item };
    },
    { behavior: "immediate" },
  );
}

/** A reviewer's edit of a pending suggestion, before deciding it. */
export function editSuggestion(
  ctx: Ctx,
  guildId: string,
  id: number,
  change: Record<string, unknown>,
): DecisionOutcome | { status: "edited"; suggestion: Suggestion } {
  return ctx.db.transaction(
    () => {
      const current = getSuggestion(ctx, guildId, id);
      if (current.status !== "pending") return { status: "already" as const, suggestion: current };
      const draft = { ...current.draft, ...change };
      checkDraft(current.kind, draft);
      const row = ctx.db
        .update(suggestions)
        .set({ body: JSON.stringify(draft) })
        .where(eq(suggestions.id, id))
        .returning()
        .get();
      return { status: "edited" as const, suggestion: toSuggestion(row as typeof suggestions.$inferSelect) };
    },
    { behavior: "immediate" },
  );
}
