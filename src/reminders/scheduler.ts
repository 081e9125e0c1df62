/**
 * The reminder scheduler: wakes every minute (node-cron, in UTC) and at start, asks the due rule every timed job
 * follows (src/jobs/due.ts) what each member's reminder owes, and queues it (src/jobs/minute-ticker.ts). The rules:
 *
 * 1. A member's reminder is a daily slot at their time on their calendar (their zone, else the server's, else
 *    DEFAULT_TIMEZONE), keyed by their local date; src/time/zoned.ts decides DST gaps and overlaps, as for posts.
 *    A reminder set or moved takes effect from then: a time already passed today waits for tomorrow.
 * 2. It is CLAIMED in the database before the request goes out, keyed (guild, member, local date), and whether
 *    there is anything to remind of (done today, a rest day, no streak to lose with only-streak) is decided in the
 *    same transaction. So restarts, overlapping ticks and kills send at most one a date, and a change of zone that
 *    repeats a date finds it settled. The request carries a nonce derived from the record, the same on every
 *    attempt; a claim of unknown outcome is recovered by reading the DM (or channel) for our message first.
 * 3. On its own minute a reminder is sent whatever is left of the day; found later (Gradient was down) it is sent
 *    only while at least 30 minutes of the member's day remain, and otherwise recorded as missed.
 * 4. Discord answering 50007 (the member does not accept DMs) turns that reminder off; they are told privately
 *    the next time they use a command. Channel mode sends one message per guild and minute naming the members due.
 *    A DM goes only to a member known to be in the server, and one Discord says left has the reminder turned off
 *    alike (src/reminders/presence.ts).
 * 5. Every request goes through the bot's pacer at background priority, after scheduled posts.
 *
 * Each tick also grants the milestone roles owed (src/milestones/grant.ts): background work on the same client.
 */
import { randomUUID } from "node:crypto";
import type { ShardPlan } from "../discord/shards.js";
import { whatIsDue } from "../jobs/due.js";
import { MinuteJobs } from "../jobs/minute-ticker.js";
import { latestSlot, type SlotRule } from "../jobs/slots.js";
import { grantMilestoneRoles } from "../milestones/grant.js";
import type { RemindDiscord } from "./discord.js";
import {
  lastChance,
  type MemberDue,
  NO_OUTCOME,
  type RemindCtx,
  ReminderSender,
  type RemindJob,
  type RemindOutcome,
  reminderNonce,
} from "./send.js";
import { activeReminders, recordMissed, sendStatus } from "./store.js";

export interface ReminderSchedulerOptions {
  discord: RemindDiscord;
  /** Reminders in progress at once: enough to keep the pacer's background slots busy. */
  concurrency?: number;
  maxAttempts?: number;
  /** Whether this process reminds for a guild (its shards' servers only); all guilds when absent. */
  ownsGuild?: (guildId: string) => boolean;
  /** The same shards as a plan, for the milestone role sweep's query; every guild's grants when absent. */
  shards?: ShardPlan;
}

export interface RemindReport {
  at: Date;
  outcome: RemindOutcome;
  missed: number;
  granted: number;
  errors: number;
}

export class ReminderScheduler {
  readonly instanceId = randomUUID();
  readonly #ctx: RemindCtx;
  readonly #discord: RemindDiscord;
  readonly #ownsGuild: (guildId: string) => boolean;
  readonly #shards: ShardPlan | undefined;
  readonly #queue: MinuteJobs<string, RemindJob, RemindOutcome>;
  #granting: Promise<number> | undefined;

  constructor(ctx: RemindCtx, options: ReminderSchedulerOptions) {
    this.#ctx = ctx;
    this.#discord = options.discord;
    this.#ownsGuild = options.ownsGuild ?? (() => true);
    this.#shards = options.shards;
    const sender = new ReminderSender(ctx, {
      discord: options.discord,
      claimant: this.instanceId,
      maxAttempts: options.maxAttempts ?? 5,
    });
    this.#queue = new MinuteJobs("gradient-reminders", ctx.log, {
      concurrency: options.concurrency ?? 24,
      run: (job) => sender.run(job),
      onError: (error, job) => {
        ctx.log.error({ err: error, job: job.kind }, "reminder failed unexpectedly");
        return { ...NO_OUTCOME, failed: job.kind === "dm" ? 1 : job.members.length };
      },
      stopped: () => NO_OUTCOME,
    });
  }

  start(): void {
    this.#queue.start(() => this.tick());
  }

  /** Starts every reminder due at the clock's now and resolves once each it started or joined is settled. */
  async tick(): Promise<RemindReport> {
    const ctx = this.#ctx;
    const now = ctx.clock.now();
    const report: RemindReport = { at: now, outcome: { ...NO_OUTCOME }, missed: 0, granted: 0, errors: 0 };
    if (this.#queue.stopping) return report;
    const pending: Promise<RemindOutcome>[] = [];
    const groups = new Map<string, Extract<RemindJob, { kind: "channel" }>>();
    for (const reminder of await activeReminders(ctx)) {
      if (!this.#ownsGuild(reminder.guildId)) continue;
      try {
        const { guildId, userId } = reminder;
        const zone = reminder.memberZone ?? reminder.guildZone ?? ctx.config.DEFAULT_TIMEZONE;
        const rule: SlotRule = { kind: "daily", weekday: null, time: reminder.time, zone };
        // The due rule asks only about the latest slot: its status is read first, reads being asynchronous.
        const status = await sendStatus(ctx, { guildId, userId, date: latestSlot(rule, now).period });
        const due = whatIsDue({
          rule,
          effectiveFrom: reminder.effectiveFrom,
          statusOf: () => status,
          catchUpHours: 0,
          lastChance: (slot) => lastChance(slot, zone),
          now,
        });
        if (due.action === "nothing" || due.action === "thread") continue;
        const ref = { guildId, userId, date: due.slot.date };
        const member: MemberDue = {
          guildId,
          userId,
          zone,
          slot: due.slot,
          onlyStreak: reminder.onlyStreak,
          presentAt: reminder.presentAt,
        };
        const channel = reminder.mode === "channel" ? reminder.channelId : null;
        if (due.action === "missed") {
          if (this.#queue.running(`dm:${guildId}:${userId}:${ref.date}`)) continue;
          const note = due.interrupted
            ? "interrupted mid-send and not recovered while enough of the day was left"
            : "not sent: Gradient was not running until less than 30 minutes of the member's day were left";
          await recordMissed(
            ctx,
            { ...ref, dueAt: due.slot.due, mode: channel ? "channel" : "dm", nonce: reminderNonce(ref) },
            note,
          );
          report.missed += 1;
          continue;
        }
        if (channel) {
          const key = `ch:${guildId}:${ref.date}:${due.slot.due.getTime()}`;
          const group = groups.get(key) ?? {
            kind: "channel" as const,
            guildId,
            channelId: channel,
            date: ref.date,
            due: due.slot.due,
            members: [],
          };
          group.members.push(member);
          groups.set(key, group);
        } else {
          pending.push(this.#queue.enqueue(`dm:${guildId}:${userId}:${ref.date}`, { kind: "dm", member }));
        }
      } catch (error) {
        report.errors += 1;
        ctx.log.error({ err: error, guild: reminder.guildId, user: reminder.userId }, "could not schedule a reminder");
      }
    }
    for (const [key, group] of groups) pending.push(this.#queue.enqueue(key, group));
    const granting = this.#grant();
    for (const outcome of await Promise.all(pending)) {
      report.outcome.sent += outcome.sent;
      report.outcome.skipped += outcome.skipped;
      report.outcome.failed += outcome.failed;
      report.outcome.unknown += outcome.unknown;
    }
    report.granted = await granting;
    return report;
  }

  /** One sweep of owed milestone roles at a time; a tick that finds one running waits for it. */
  #grant(): Promise<number> {
    if (!this.#granting) {
      this.#granting = grantMilestoneRoles(this.#ctx, this.#discord, this.#shards)
        .catch((error: unknown) => {
          this.#ctx.log.error({ err: error }, "milestone role sweep failed");
          return 0;
        })
        .finally(() => {
          this.#granting = undefined;
        });
    }
    return this.#granting;
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Stops ticking, drops what has not been claimed yet (the next start catches it up) and waits for the rest. */
  async stop(): Promise<void> {
    await this.#queue.stop();
    await this.#granting;
  }
}
