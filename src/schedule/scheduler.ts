/**
 * The scheduler: wakes every minute (node-cron, in UTC; the slot arithmetic is ours, cron only wakes us) and at
 * start, and makes sure every guild's due post happens exactly once.
 *
 * The rules, per slot (guild, kind, period):
 *
 * 1. A slot is due at its local time (src/time/zoned.ts decides DST gaps and overlaps). Slots due before the
 *    schedule was last configured are not posted (an admin who sets a time that has just passed does not get a
 *    surprise post; /schedule post-now is the way to post this period's post at once).
 * 2. On every tick, the latest due slot of each running schedule is looked at. Never tried and due within the
 *    catch-up window (weekly 12 h, daily 3 h by default): posted now. Never tried and older: recorded as missed,
 *    not posted. Only the latest slot is looked at: the window is shorter than a period, so older ones are
 *    always outside it.
 * 3. Before a request goes out, the slot is CLAIMED in SQLite (an IMMEDIATE transaction over the slot's unique
 *    key), and after Discord answers it is marked with the message id. The request carries a nonce derived from
 *    the slot with `enforce_nonce`, identical on every attempt.
 * 4. A claim with no message id means a process stopped mid-request (or Discord did not answer): the post may or
 *    may not exist. Within the catch-up window it is recovered: first the channel's recent messages are searched
 *    for our message (its footer names the slot), which settles it whenever the bot can read the channel; if it
 *    is not there, or the history cannot be read, it is sent again with the same nonce, so that if the first
 *    request did land within Discord's nonce window (a few minutes) Discord returns that message instead of
 *    posting a second. The one case left open is a post that landed, in a channel whose history the bot cannot
 *    read, recovered later than Discord's nonce window: /config show asks for Read Message History for this
 *    reason. A claim whose slot is past the window is recorded as missed (outcome unknown), not retried.
 * 5. Discord answering 403 or 404 for the channel pauses that schedule with the reason; reconfiguring it (or a
 *    successful /schedule post-now) lifts the pause. Other guilds are never held up by one guild's failure.
 * 6. Every REST request of the bot is paced at the wire (src/discord/pacer.ts: 50 per 1.1 s, under Discord's
 *    global 50 a second), and at most `concurrency` posts are in progress at once, so a fan-out to thousands of
 *    guilds meets no 429s and no request waits long enough for discord.js to time it out. A 429 that comes
 *    anyway is waited out and retried by discord.js alone; nothing here retries on top.
 */
import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { AppContext } from "../context.js";
import { retryWhileBusy } from "../db/busy.js";
import { truncate } from "../format.js";
import { getGuildTimezone } from "../settings/index.js";
import { classifyFailure, type ScheduleDiscord, type SendFailure } from "./discord.js";
import { renderPost, slotMarker } from "./render.js";
import {
  currentPeriod,
  type Kind,
  latestSlot,
  type Slot,
  type SlotRule,
  slotFor,
  slotNonce,
  upcomingSlots,
} from "./slots.js";
import {
  activeSchedules,
  type Claim,
  claimSlot,
  getSchedule,
  getSlot,
  markFailed,
  markPosted,
  markSent,
  noteAttempt,
  pauseSchedule,
  recordMissed,
  resumeSchedule,
  type ScheduleRow,
  type SlotRef,
  type SlotRow,
} from "./store.js";

export type SchedulerCtx = Pick<AppContext, "db" | "config" | "log" | "clock" | "content">;

export interface SchedulerOptions {
  discord: ScheduleDiscord;
  /**
   * Posts in progress at once. Enough to keep the paced ~45 requests a second busy at Discord's latency, few
   * enough that a request never queues at the pacer for long (discord.js times a request out after 15 s).
   */
  concurrency?: number;
  /** Attempts with no answer from Discord before a slot is given up as failed. */
  maxAttempts?: number;
  /** How many recent channel messages to search for our own post when recovering a claim. */
  historyDepth?: number;
  /**
   * Whether this process posts for a guild: with several shard processes each posts only for the servers on its
   * own shards (the claims still keep a slot to one post if two ever overlap). All guilds when absent.
   */
  ownsGuild?: (guildId: string) => boolean;
}

export type SlotOutcome =
  | { status: "sent"; channelId: string; messageId: string; recovered: boolean; note?: string }
  | { status: "skipped"; slot: SlotRow }
  | { status: "paused" | "failed" | "unknown"; reason: string }
  | { status: "stopped" };

export interface TickReport {
  at: Date;
  /** Slots this tick started or joined, by outcome. */
  outcomes: SlotOutcome[];
  missed: number;
  errors: number;
}

interface Job {
  key: string;
  ref: SlotRef;
  slot: Slot;
  mode: "scheduled" | "now";
}

const TICK_CRON = "* * * * *";
/** How long a scheduled post's write waits for another process's lock before the next tick takes over. */
const WRITE_BUDGET_MS = 20_000;

export class Scheduler {
  readonly instanceId = randomUUID();
  /** Counters for logs and the benchmark. */
  readonly stats = { posted: 0, recovered: 0, threads: 0, paused: 0, failed: 0, missed: 0 };

  readonly #ctx: SchedulerCtx;
  readonly #discord: ScheduleDiscord;
  readonly #concurrency: number;
  readonly #maxAttempts: number;
  readonly #historyDepth: number;
  readonly #ownsGuild: (guildId: string) => boolean;
  readonly #inflight = new Map<string, Promise<SlotOutcome>>();
  readonly #slotCache = new Map<string, { slot: Slot; nextDue: number }>();
  readonly #queue: { job: Job; resolve: (outcome: SlotOutcome) => void }[] = [];
  #active = 0;
  #task: ScheduledTask | undefined;
  #stopping = false;
  #idleWaiters: (() => void)[] = [];

  constructor(ctx: SchedulerCtx, options: SchedulerOptions) {
    this.#ctx = ctx;
    this.#discord = options.discord;
    this.#concurrency = options.concurrency ?? 24;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#historyDepth = options.historyDepth ?? 50;
    this.#ownsGuild = options.ownsGuild ?? (() => true);
  }

  /** Catches up at once, then ticks every minute until stop(). */
  start(): void {
    if (this.#task || this.#stopping) return;
    const tick = () => {
      this.tick().catch((error: unknown) => this.#ctx.log.error({ err: error }, "schedule tick failed"));
    };
    const log = this.#ctx.log;
    this.#task = cron.schedule(TICK_CRON, tick, {
      timezone: "UTC",
      name: "gradient-schedule",
      // Overlapping ticks are fine: a slot already in flight is joined, never started twice.
      noOverlap: false,
      // node-cron would write to the console; its messages belong in the JSON log.
      logger: {
        info: (message) => log.debug({ cron: message }, "node-cron"),
        warn: (message) => log.warn({ cron: message }, "node-cron"),
        error: (message, err) => log.error({ err: err ?? message }, "node-cron"),
        debug: (message) => log.debug({ cron: String(message) }, "node-cron"),
      },
    });
    tick();
  }

  /**
   * Looks at every running schedule at the clock's now, starts whatever is due, and resolves once every slot it
   * started or found in flight is settled. Tests call it directly with a ManualClock.
   */
  async tick(): Promise<TickReport> {
    const now = this.#ctx.clock.now();
    const report: TickReport = { at: now, outcomes: [], missed: 0, errors: 0 };
    if (this.#stopping) return report;
    const pending: Promise<SlotOutcome>[] = [];
    for (const schedule of activeSchedules(this.#ctx)) {
      if (!this.#ownsGuild(schedule.guildId)) continue;
      try {
        const slot = this.#latestSlot(this.#rule(schedule, schedule.timezone), now);
        if (slot.due.getTime() < schedule.effectiveFrom.getTime()) continue;
        const ref = { guildId: schedule.guildId, kind: schedule.kind, period: slot.period };
        const key = slotKey(ref);
        const running = this.#inflight.get(key);
        if (running) {
          pending.push(running);
          continue;
        }
        const existing = getSlot(this.#ctx, ref.guildId, ref.kind, ref.period);
        if (existing && existing.status !== "claimed" && existing.status !== "posted") continue;
        const late = now.getTime() - slot.due.getTime();
        if (late > this.#windowMs(schedule.kind) && existing?.status !== "posted") {
          const note = existing
            ? "interrupted mid-send and not recovered within the catch-up window; it may or may not have been posted"
            : `not posted: Gradient was not running within ${this.#windowHours(schedule.kind)} h of the time`;
          recordMissed(
            this.#ctx,
            {
              ...ref,
              dueAt: slot.due,
              channelId: schedule.channelId,
              nonce: slotNonce(ref.guildId, ref.kind, ref.period),
            },
            note,
          );
          this.stats.missed += 1;
          report.missed += 1;
          this.#ctx.log.warn({ guild: ref.guildId, kind: ref.kind, period: ref.period }, "scheduled post missed");
          continue;
        }
        pending.push(this.#enqueue({ key, ref, slot, mode: "scheduled" }));
      } catch (error) {
        report.errors += 1;
        this.#ctx.log.error({ err: error, guild: schedule.guildId, kind: schedule.kind }, "could not schedule a post");
      }
    }
    report.outcomes = await Promise.all(pending);
    return report;
  }

  /**
   * Posts this period's post for a guild now, as this period's post (the scheduled one will then not happen).
   * Resolves with `skipped` and the slot when this period's post already exists.
   */
  async postNow(guildId: string, kind: Kind): Promise<SlotOutcome> {
    const schedule = getSchedule(this.#ctx, guildId, kind);
    if (!schedule) throw new Error(`no ${kind} schedule for guild ${guildId}`);
    const rule = this.#rule(schedule, getGuildTimezone(this.#ctx, guildId));
    const slot = slotFor(rule, currentPeriod(rule, this.#ctx.clock.now()));
    const ref = { guildId, kind, period: slot.period };
    const key = slotKey(ref);
    const running = this.#inflight.get(key);
    const outcome = await (running ?? this.#enqueue({ key, ref, slot, mode: "now" }));
    if (outcome.status === "sent" && schedule.pausedAt) resumeSchedule(this.#ctx, guildId, kind);
    return outcome;
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.#inflight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  get busy(): number {
    return this.#inflight.size;
  }

  /** Stops ticking, drops what has not been claimed yet (the next start catches it up) and waits for the rest. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#task) {
      await this.#task.destroy();
      this.#task = undefined;
    }
    for (const { resolve } of this.#queue.splice(0)) resolve({ status: "stopped" });
    await Promise.allSettled(this.#inflight.values());
  }

  #rule(schedule: Pick<ScheduleRow, "kind" | "weekday" | "time">, zone: string | null): SlotRule {
    return {
      kind: schedule.kind,
      weekday: schedule.weekday,
      time: schedule.time,
      zone: zone ?? this.#ctx.config.DEFAULT_TIMEZONE,
    };
  }

  /**
   * latestSlot, remembered per rule until the next slot is due: thousands of guilds share a handful of rules,
   * and the zone arithmetic is the costly part of a tick.
   */
  #latestSlot(rule: SlotRule, now: Date): Slot {
    const key = `${rule.kind}|${rule.weekday}|${rule.time}|${rule.zone}`;
    const cached = this.#slotCache.get(key);
    const t = now.getTime();
    if (cached && cached.slot.due.getTime() <= t && t < cached.nextDue) return cached.slot;
    const slot = latestSlot(rule, now);
    const [next] = upcomingSlots(rule, now, 1);
    if (this.#slotCache.size > 10_000) this.#slotCache.clear();
    this.#slotCache.set(key, { slot, nextDue: next?.due.getTime() ?? t });
    return slot;
  }

  #windowHours(kind: Kind): number {
    return kind === "weekly"
      ? this.#ctx.config.SCHEDULE_WEEKLY_CATCH_UP_HOURS
      : this.#ctx.config.SCHEDULE_DAILY_CATCH_UP_HOURS;
  }

  #windowMs(kind: Kind): number {
    return this.#windowHours(kind) * 3_600_000;
  }

  #enqueue(job: Job): Promise<SlotOutcome> {
    const promise = new Promise<SlotOutcome>((resolve) => {
      if (this.#stopping) resolve({ status: "stopped" });
      else this.#queue.push({ job, resolve });
    });
    this.#inflight.set(job.key, promise);
    promise.then(() => {
      this.#inflight.delete(job.key);
      if (this.#inflight.size === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    });
    this.#drain();
    return promise;
  }

  #drain(): void {
    while (this.#active < this.#concurrency && this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (!next) break;
      this.#active += 1;
      this.#execute(next.job)
        .catch((error: unknown): SlotOutcome => {
          this.#ctx.log.error({ err: error, ...next.job.ref }, "scheduled post failed unexpectedly");
          return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
        })
        .then((outcome) => {
          this.#active -= 1;
          next.resolve(outcome);
          this.#drain();
        });
    }
  }

  async #execute(job: Job): Promise<SlotOutcome> {
    const { ref } = job;
    if (this.#stopping) return { status: "stopped" };
    const schedule = getSchedule(this.#ctx, ref.guildId, ref.kind);
    if (!schedule) return { status: "failed", reason: "the schedule was turned off" };
    const now = this.#ctx.clock.now();
    // Another process holding the write lock is waited out on timers; past the budget, the next tick retries.
    const claim: Claim = await retryWhileBusy(
      () =>
        claimSlot(this.#ctx, {
          ...ref,
          dueAt: job.slot.due,
          channelId: schedule.channelId,
          nonce: slotNonce(ref.guildId, ref.kind, ref.period),
          mode: job.mode,
          claimant: this.instanceId,
          now,
          maxAttempts: this.#maxAttempts,
        }),
      { budgetMs: WRITE_BUDGET_MS },
    );
    const { slot } = claim;
    switch (claim.action) {
      case "skip":
        return { status: "skipped", slot };
      case "gave-up":
        this.stats.failed += 1;
        this.#ctx.log.error({ ...ref, attempts: slot.attempts }, "scheduled post given up");
        return { status: "failed", reason: slot.note ?? "gave up" };
      case "thread":
        return this.#finishThread(job, schedule, slot, slot.messageId ?? "", true);
    }

    let post: ReturnType<typeof renderPost>;
    try {
      post = renderPost(this.#ctx, ref.guildId, ref.kind, ref.period, schedule.roleId);
    } catch (error) {
      const reason = `could not prepare the post: ${error instanceof Error ? error.message : String(error)}`;
      markFailed(this.#ctx, ref, reason);
      this.stats.failed += 1;
      this.#ctx.log.error({ err: error, ...ref }, "could not render a scheduled post");
      return { status: "failed", reason };
    }
    const recovering = claim.action === "recover";
    let messageId = recovering ? await this.#findOwnPost(slot) : undefined;
    if (!messageId) {
      try {
        const posted = await this.#discord.postMessage(slot.channelId, {
          ...post.body,
          nonce: slot.nonce,
          enforce_nonce: true,
        });
        messageId = posted.id;
      } catch (error) {
        return this.#failed(ref, slot, classifyFailure(error), "post");
      }
    }
    const postedId = messageId;
    // Unrecorded past the budget, the claim stays open and the next tick finds this message in the history.
    await retryWhileBusy(() => markPosted(this.#ctx, ref, postedId, post.contentId, this.#ctx.clock.now()), {
      budgetMs: WRITE_BUDGET_MS,
    });
    this.stats.posted += 1;
    if (recovering) this.stats.recovered += 1;
    return this.#finishThread(job, schedule, { ...slot, contentId: post.contentId, messageId }, messageId, recovering);
  }

  /** Opens the weekly discussion thread when the schedule asks for one, then marks the slot sent. */
  async #finishThread(
    job: Job,
    schedule: ScheduleRow,
    slot: SlotRow,
    messageId: string,
    recovered: boolean,
  ): Promise<SlotOutcome> {
    const { ref } = job;
    const sent = (note?: string, threadId?: string): SlotOutcome => {
      markSent(this.#ctx, ref, { threadId, note });
      return { status: "sent", channelId: slot.channelId, messageId, recovered, ...(note ? { note } : {}) };
    };
    if (ref.kind !== "weekly" || !schedule.thread) return sent();
    const prompt = this.#ctx.content.prompts.find((p) => p.id === slot.contentId);
    try {
      const name = truncate(prompt?.title ?? `Weekly prompt ${slot.period}`, 100);
      const thread = await this.#discord.startThread(slot.channelId, messageId, name);
      this.stats.threads += 1;
      return thread === "exists" ? sent() : sent(undefined, thread.id);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "unknown") {
        // The message stands; the thread is retried on the next tick while the slot stays "posted".
        noteAttempt(this.#ctx, ref, `thread not created yet: ${failure.message}`);
        return { status: "unknown", reason: failure.message };
      }
      this.#ctx.log.warn({ ...ref, status: failure.status, code: failure.code }, "discussion thread refused");
      return sent(`posted, but Discord refused the discussion thread (${failure.status} ${failure.message})`);
    }
  }

  /** Our message for this slot among the channel's recent ones, when the channel can be read. */
  async #findOwnPost(slot: SlotRow): Promise<string | undefined> {
    const marker = slotMarker(slot.kind, slot.period);
    const botId = this.#discord.botUserId();
    try {
      const messages = await this.#discord.recentMessages(slot.channelId, this.#historyDepth);
      const mine = messages.find(
        (m) => (!botId || m.author.id === botId) && m.embeds.some((e) => e.footer?.text === marker),
      );
      return mine?.id;
    } catch (error) {
      this.#ctx.log.info(
        { err: error, guild: slot.guildId, channel: slot.channelId },
        "history unreadable; resending with the same nonce",
      );
      return undefined;
    }
  }

  #failed(ref: SlotRef, slot: SlotRow, failure: SendFailure, what: string): SlotOutcome {
    const log = { guild: ref.guildId, kind: ref.kind, period: ref.period, channel: slot.channelId };
    switch (failure.kind) {
      case "channel": {
        const reason = pauseReason(ref.kind, slot.channelId, failure);
        markFailed(this.#ctx, ref, `${failure.status} ${failure.message}`);
        if (pauseSchedule(this.#ctx, ref.guildId, ref.kind, slot.channelId, reason, this.#ctx.clock.now()))
          this.stats.paused += 1;
        this.#ctx.log.warn(
          { ...log, status: failure.status, code: failure.code },
          "schedule paused: channel refused the post",
        );
        return { status: "paused", reason };
      }
      case "rejected": {
        const reason = `Discord rejected the ${what}: ${failure.status} ${failure.message}`;
        markFailed(this.#ctx, ref, reason);
        this.stats.failed += 1;
        this.#ctx.log.error({ ...log, status: failure.status, code: failure.code }, "scheduled post rejected");
        return { status: "failed", reason };
      }
      case "unknown": {
        // The claim stays: the next tick recovers it (history, then the same nonce).
        noteAttempt(this.#ctx, ref, `no answer from Discord: ${failure.message}`);
        this.#ctx.log.warn({ ...log, reason: failure.message }, "scheduled post outcome unknown; will recover");
        return { status: "unknown", reason: failure.message };
      }
    }
  }
}

export function slotKey(ref: SlotRef): string {
  return `${ref.guildId}:${ref.kind}:${ref.period}`;
}

const KIND_COMMAND: Record<Kind, string> = { weekly: "/config weekly", daily: "/config daily" };

/** What an admin reads in /config show: what happened, and what to do about it. */
export function pauseReason(
  kind: Kind,
  channelId: string,
  failure: { status: number; code: number | string; message: string },
): string {
  const channel = `<#${channelId}>`;
  if (failure.status === 404)
    return `Discord says ${channel} no longer exists (404 ${failure.message}). Choose another channel with ${KIND_COMMAND[kind]} to resume.`;
  const needs =
    kind === "weekly"
      ? "View Channel, Send Messages, Embed Links and Create Public Threads"
      : "View Channel, Send Messages and Embed Links";
  return `Discord refused the post in ${channel} (403 ${failure.message}). Give Gradient ${needs} there, then run ${KIND_COMMAND[kind]} again (the same settings are fine) or /schedule post-now to resume.`;
}
