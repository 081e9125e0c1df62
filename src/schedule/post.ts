/**
 * Posting one slot, by rules 3 to 5 of src/schedule/scheduler.ts: claim it, send the post (or, recovering a
 * claim, first look for the one that may have landed), open the weekly thread, and record how it ended.
 */
import { getDailyChallenge } from "../challenges/daily.js";
import { getDailyRules } from "../challenges/rules.js";
import { findChallenge, findPrompt } from "../content/load.js";
import type { AppContext } from "../context.js";
import { retryWhileBusy } from "../db/busy.js";
import { truncate } from "../format.js";
import { slotNonce } from "../jobs/claim.js";
import { classifyFailure, type SendFailure } from "../jobs/discord.js";
import { findOwnMessages } from "../jobs/recover.js";
import type { Slot } from "../jobs/slots.js";
import { libraryFor, withLibraryOf } from "../library/store.js";
import { DIGEST_DAYS, digestMessage, digestThrough } from "../stats/digest.js";
import { buildServerReport } from "../stats/report.js";
import type { LocalDate } from "../time/index.js";
import { pauseReason, type ScheduleDiscord } from "./discord.js";
import { promptForWeek } from "./prompts.js";
import { weeklyRecap } from "./recap.js";
import { type RenderedPost, renderDailyPost, renderWeeklyPost, slotMarker } from "./render.js";
import {
  claimSlot,
  getSchedule,
  markFailed,
  markPosted,
  markSent,
  noteAttempt,
  pauseSchedule,
  type ScheduleRow,
  type SlotRef,
  type SlotRow,
} from "./store.js";

export type PosterCtx = Pick<AppContext, "store" | "log" | "clock" | "content" | "config">;

export interface SlotJob {
  ref: SlotRef;
  slot: Slot;
  /** "scheduled" never re-posts a missed or failed slot; "now" (an admin's post-now) does. */
  mode: "scheduled" | "now";
}

export type SlotOutcome =
  | { status: "sent"; channelId: string; messageId: string; recovered: boolean; note?: string }
  | { status: "skipped"; slot: SlotRow }
  | { status: "paused" | "failed" | "unknown"; reason: string }
  | { status: "stopped" };

/** Whether a post of this schedule owes a discussion thread (weekly posts whose schedule asks for one). */
const threadOwed = (schedule: ScheduleRow): boolean => schedule.kind === "weekly" && schedule.thread;

export interface PosterOptions {
  discord: ScheduleDiscord;
  /** Written into each claim: which process holds it. */
  claimant: string;
  maxAttempts: number;
  historyDepth: number;
}

/** How long a scheduled post's write waits for another process's lock before the next tick takes over. */
const WRITE_BUDGET_MS = 20_000;

export class SlotPoster {
  readonly #ctx: PosterCtx;
  readonly #options: PosterOptions;

  constructor(ctx: PosterCtx, options: PosterOptions) {
    this.#ctx = ctx;
    this.#options = options;
  }

  async post(job: SlotJob): Promise<SlotOutcome> {
    const { ref } = job;
    const schedule = await getSchedule(this.#ctx, ref.guildId, ref.kind);
    if (!schedule) return { status: "failed", reason: "the schedule was turned off" };
    const now = this.#ctx.clock.now();
    // Another process holding the write lock is waited out on timers; past the budget, the next tick retries.
    const claim = await retryWhileBusy(
      () =>
        claimSlot(this.#ctx, {
          ...ref,
          dueAt: job.slot.due,
          channelId: schedule.channelId,
          nonce: slotNonce(ref.guildId, ref.kind, ref.period),
          mode: job.mode,
          claimant: this.#options.claimant,
          now,
          maxAttempts: this.#options.maxAttempts,
        }),
      { budgetMs: WRITE_BUDGET_MS },
    );
    const { slot } = claim;
    switch (claim.action) {
      case "skip":
        return { status: "skipped", slot };
      case "gave-up":
        this.#ctx.log.error({ ...ref, attempts: slot.attempts }, "scheduled post given up");
        return { status: "failed", reason: slot.note ?? "gave up" };
      case "thread":
        return this.#finishThread(ref, schedule, slot, slot.messageId ?? "", true);
    }

    let post: RenderedPost;
    try {
      post = await this.#pickAndRender(ref, schedule, job.slot.date);
    } catch (error) {
      const reason = `could not prepare the post: ${error instanceof Error ? error.message : String(error)}`;
      await markFailed(this.#ctx, ref, reason);
      this.#ctx.log.error({ err: error, ...ref }, "could not render a scheduled post");
      return { status: "failed", reason };
    }
    const recovering = claim.action === "recover";
    let messageId = recovering ? await this.#findOwnPost(slot) : undefined;
    if (!messageId) {
      try {
        const posted = await this.#options.discord.postMessage(
          slot.channelId,
          { ...post.body, nonce: slot.nonce, enforce_nonce: true },
          post.files,
        );
        messageId = posted.id;
      } catch (error) {
        return this.#failed(ref, slot, classifyFailure(error));
      }
    }
    const posted = {
      messageId,
      contentId: post.contentId,
      now: this.#ctx.clock.now(),
      threadOwed: threadOwed(schedule),
    };
    // Unrecorded past the budget, the claim stays open and the next tick finds this message in the history.
    await retryWhileBusy(() => markPosted(this.#ctx, ref, posted), { budgetMs: WRITE_BUDGET_MS });
    if (!posted.threadOwed) return { status: "sent", channelId: slot.channelId, messageId, recovered: recovering };
    return this.#finishThread(ref, schedule, { ...slot, contentId: post.contentId, messageId }, messageId, recovering);
  }

  /**
   * The slot's post. Picking the day's challenge records it (src/challenges), so /challenge today shows the one
   * that was posted; the week's prompt follows from guild and week alone; the digest reports the 7 dates before
   * its own (src/stats).
   */
  async #pickAndRender(ref: SlotRef, schedule: ScheduleRow, date: LocalDate): Promise<RenderedPost> {
    if (ref.kind === "digest") {
      const report = await buildServerReport(this.#ctx, ref.guildId, {
        days: DIGEST_DAYS,
        through: digestThrough(date),
      });
      const library = await libraryFor(this.#ctx, ref.guildId);
      const title = (id: string) => findChallenge(library, id)?.title ?? id;
      return {
        contentId: `${report.period.from}..${report.period.through}`,
        ...digestMessage(report, title, slotMarker("digest", ref.period)),
      };
    }
    const ctx = await withLibraryOf(this.#ctx, ref.guildId);
    const { content } = ctx;
    if (ref.kind === "weekly") {
      const recap = schedule.recap ? await weeklyRecap(ctx, ref.guildId, ref.period) : undefined;
      return renderWeeklyPost(content, promptForWeek(content.prompts, ref.guildId, ref.period), ref.period, recap);
    }
    const { track } = await getDailyRules(ctx, ref.guildId);
    const challenge = await getDailyChallenge(ctx, ref.guildId, ref.period, track);
    return renderDailyPost(content, challenge, ref.period, schedule.roleId, track);
  }

  /** Opens the weekly discussion thread when the schedule asks for one, then marks the slot sent. */
  async #finishThread(
    ref: SlotRef,
    schedule: ScheduleRow,
    slot: SlotRow,
    messageId: string,
    recovered: boolean,
  ): Promise<SlotOutcome> {
    const sent = async (note?: string, threadId?: string): Promise<SlotOutcome> => {
      await markSent(this.#ctx, ref, { threadId, note });
      return { status: "sent", channelId: slot.channelId, messageId, recovered, ...(note ? { note } : {}) };
    };
    if (!threadOwed(schedule)) return sent();
    const prompt = findPrompt(await libraryFor(this.#ctx, ref.guildId), slot.contentId ?? "");
    try {
      const name = truncate(prompt?.title ?? `Weekly prompt ${slot.period}`, 100);
      const thread = await this.#options.discord.startThread(slot.channelId, messageId, name);
      return thread === "exists" ? sent() : sent(undefined, thread.id);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "unknown") {
        // The message stands; the thread is retried on the next tick while the slot stays "posted".
        await noteAttempt(this.#ctx, ref, `thread not created yet: ${failure.message}`);
        return { status: "unknown", reason: failure.message };
      }
      this.#ctx.log.warn({ ...ref, status: failure.status, code: failure.code }, "discussion thread refused");
      return sent(`posted, but Discord refused the discussion thread (${failure.status} ${failure.message})`);
    }
  }

  /** Our message for this slot among the channel's recent ones, when the channel can be read. */
  async #findOwnPost(slot: SlotRow): Promise<string | undefined> {
    const marker = slotMarker(slot.kind, slot.period);
    const [mine] = await findOwnMessages(this.#options.discord, this.#ctx.log, {
      guildId: slot.guildId,
      channelId: slot.channelId,
      depth: this.#options.historyDepth,
      matches: (footer) => footer === marker,
    });
    return mine?.id;
  }

  async #failed(ref: SlotRef, slot: SlotRow, failure: SendFailure): Promise<SlotOutcome> {
    const log = { guild: ref.guildId, kind: ref.kind, period: ref.period, channel: slot.channelId };
    switch (failure.kind) {
      case "channel": {
        const reason = pauseReason(ref.kind, slot.channelId, failure);
        await markFailed(this.#ctx, ref, `${failure.status} ${failure.message}`);
        await pauseSchedule(this.#ctx, ref.guildId, ref.kind, slot.channelId, reason, this.#ctx.clock.now());
        this.#ctx.log.warn(
          { ...log, status: failure.status, code: failure.code },
          "schedule paused: channel refused the post",
        );
        return { status: "paused", reason };
      }
      case "rejected": {
        const reason = `Discord rejected the post: ${failure.status} ${failure.message}`;
        await markFailed(this.#ctx, ref, reason);
        this.#ctx.log.error({ ...log, status: failure.status, code: failure.code }, "scheduled post rejected");
        return { status: "failed", reason };
      }
      case "unknown": {
        // The claim stays: the next tick recovers it (history, then the same nonce).
        await noteAttempt(this.#ctx, ref, `no answer from Discord: ${failure.message}`);
        this.#ctx.log.warn({ ...log, reason: failure.message }, "scheduled post outcome unknown; will recover");
        return { status: "unknown", reason: failure.message };
      }
    }
  }
}
