/**
 * The scheduler: wakes every minute (node-cron, in UTC; the slot arithmetic is ours, cron only wakes us) and at
 * start, and makes sure every guild's due post happens exactly once. It asks src/jobs/due.ts what is due and
 * queues it (src/jobs/minute-ticker.ts); src/schedule/post.ts carries out rules 3 to 5 for one slot.
 *
 * The rules, per slot (guild, kind, period):
 *
 * 1. A slot is due at its local time (src/time/zoned.ts decides DST gaps and overlaps). Slots due before the
 *    schedule was last configured are not posted: an admin who sets a time that has just passed gets no surprise
 *    post (/schedule post-now posts at once).
 * 2. On every tick, the latest due slot of each running schedule is looked at, by the same rule /config show
 *    describes. Never tried and due within the catch-up window (weekly 12 h, daily 3 h by default): posted now.
 *    Never tried and older: recorded as missed, not posted. Message posted but weekly thread not yet: the thread.
 * 3. Before a request goes out, the slot is CLAIMED in the database (one write transaction over the slot's
 *    primary key, on either engine), and after Discord answers it is marked with the message id. The request
 *    carries a nonce derived from the slot with `enforce_nonce`, identical on every attempt.
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
 *    global 50 a second), and few enough posts are in progress at once that a fan-out to thousands of guilds
 *    meets no 429s and no request waits long enough for discord.js to time it out. A 429 that comes anyway is
 *    waited out and retried by discord.js alone; nothing here retries on top.
 */
import { randomUUID } from "node:crypto";
import type { AppContext } from "../context.js";
import { slotNonce } from "../jobs/claim.js";
import { catchUpHours, scheduleRule } from "../jobs/due.js";
import { MinuteJobs } from "../jobs/minute-ticker.js";
import { currentPeriod, type PostKind, slotFor } from "../jobs/slots.js";
import { getGuildTimezone } from "../settings/index.js";
import type { ScheduleDiscord } from "./discord.js";
import { type SlotJob, type SlotOutcome, SlotPoster } from "./post.js";
import { activeSchedules, duesIn, getSchedule, recordMissed, resumeSchedule, slotKey } from "./store.js";

export type { SlotOutcome } from "./post.js";

export type SchedulerCtx = Pick<AppContext, "store" | "config" | "log" | "clock" | "content">;

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

export interface TickReport {
  at: Date;
  /** Slots this tick started or joined, by outcome. */
  outcomes: SlotOutcome[];
  missed: number;
  errors: number;
}

export class Scheduler {
  readonly instanceId = randomUUID();
  /** Posts settled by this process, by outcome (and slots recorded as missed), for the metrics. */
  readonly stats: Record<string, number> = {};

  readonly #ctx: SchedulerCtx;
  readonly #queue: MinuteJobs<string, SlotJob, SlotOutcome>;
  readonly #ownsGuild: (guildId: string) => boolean;

  constructor(ctx: SchedulerCtx, options: SchedulerOptions) {
    this.#ctx = ctx;
    const poster = new SlotPoster(ctx, {
      discord: options.discord,
      claimant: this.instanceId,
      maxAttempts: options.maxAttempts ?? 5,
      historyDepth: options.historyDepth ?? 50,
    });
    this.#queue = new MinuteJobs("gradient-schedule", ctx.log, {
      concurrency: options.concurrency ?? 24,
      run: async (job) => {
        const outcome = await poster.post(job);
        this.stats[outcome.status] = (this.stats[outcome.status] ?? 0) + 1;
        return outcome;
      },
      onError: (error, job) => {
        ctx.log.error({ err: error, ...job.ref }, "scheduled post failed unexpectedly");
        return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
      },
      stopped: () => ({ status: "stopped" }),
    });
    this.#ownsGuild = options.ownsGuild ?? (() => true);
  }

  /** Catches up at once, then ticks every minute until stop(). */
  start(): void {
    this.#queue.start(() => this.tick());
  }

  /**
   * Looks at every running schedule at the clock's now, starts whatever is due, and resolves once every slot it
   * started or found in flight is settled. Tests call it directly with a ManualClock.
   */
  async tick(): Promise<TickReport> {
    const ctx = this.#ctx;
    const now = ctx.clock.now();
    const report: TickReport = { at: now, outcomes: [], missed: 0, errors: 0 };
    if (this.#queue.stopping) return report;
    const pending: Promise<SlotOutcome>[] = [];
    const schedules = (await activeSchedules(ctx)).filter((schedule) => this.#ownsGuild(schedule.guildId));
    // What is due for every schedule, read in a few statements up front rather than one per schedule.
    const dues = await ctx.store.read(
      duesIn,
      schedules.map((schedule) => ({
        guildId: schedule.guildId,
        kind: schedule.kind,
        rule: scheduleRule(schedule, schedule.timezone ?? ctx.config.DEFAULT_TIMEZONE),
        effectiveFrom: schedule.effectiveFrom,
        catchUpHours: catchUpHours(ctx.config, schedule.kind),
        now,
      })),
    );
    for (const [i, schedule] of schedules.entries()) {
      try {
        const due = dues[i];
        if (due === undefined || due instanceof Error) throw due ?? new Error("no due slot was worked out");
        const { guildId, kind } = schedule;
        if (due.action === "nothing" && due.reason === "before-schedule") continue;
        const ref = { guildId, kind, period: due.slot.period };
        const key = slotKey(ref);
        // A slot already in progress here (a post-now, a slower tick's post) is joined, whatever its record says.
        const running = this.#queue.running(key);
        if (running) {
          pending.push(running);
          continue;
        }
        switch (due.action) {
          case "nothing":
            break;
          case "missed": {
            const note = due.interrupted
              ? "interrupted mid-send and not recovered within the catch-up window; it may or may not have been posted"
              : `not posted: Gradient was not running within ${catchUpHours(ctx.config, kind)} h of the time`;
            const nonce = slotNonce(guildId, kind, ref.period);
            await recordMissed(ctx, { ...ref, dueAt: due.slot.due, channelId: schedule.channelId, nonce }, note);
            report.missed += 1;
            this.stats.missed = (this.stats.missed ?? 0) + 1;
            ctx.log.warn({ guild: guildId, kind, period: ref.period }, "scheduled post missed");
            break;
          }
          case "post":
          case "recover":
          case "thread":
            pending.push(this.#queue.enqueue(key, { ref, slot: due.slot, mode: "scheduled" }));
            break;
        }
      } catch (error) {
        report.errors += 1;
        ctx.log.error({ err: error, guild: schedule.guildId, kind: schedule.kind }, "could not schedule a post");
      }
    }
    report.outcomes = await Promise.all(pending);
    return report;
  }

  /**
   * Posts this period's post for a guild now, as this period's post (the scheduled one will then not happen).
   * Resolves with `skipped` and the slot when this period's post already exists.
   */
  async postNow(guildId: string, kind: PostKind): Promise<SlotOutcome> {
    const schedule = await getSchedule(this.#ctx, guildId, kind);
    if (!schedule) throw new Error(`no ${kind} schedule for guild ${guildId}`);
    const rule = scheduleRule(schedule, await getGuildTimezone(this.#ctx, guildId));
    const slot = slotFor(rule, currentPeriod(rule, this.#ctx.clock.now()));
    const ref = { guildId, kind, period: slot.period };
    const outcome = await this.#queue.enqueue(slotKey(ref), { ref, slot, mode: "now" });
    if (outcome.status === "sent" && schedule.pausedAt) await resumeSchedule(this.#ctx, guildId, kind);
    return outcome;
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Stops ticking, drops what has not been claimed yet (the next start catches it up) and waits for the rest. */
  stop(): Promise<void> {
    return this.#queue.stop();
  }
}
