/**
 * Sending one reminder, or one channel message naming the members due at one minute: claim (deciding in the
 * same transaction whether there is anything to remind of), send, or, recovering a claim, first look for the
 * message that may have landed (src/jobs/recover.ts), then send again with the same nonce. The rules are those of
 * scheduled posts (src/schedule/scheduler.ts, rules 3 and 4).
 */
import { DiscordAPIError } from "discord.js";
import { getDailyChallenge } from "../challenges/daily.js";
import { TRACKS, type Track, trackOf } from "../challenges/rules.js";
import type { AppContext } from "../context.js";
import { retryWhileBusy } from "../db/busy.js";
import type { Gen, Session } from "../db/store.js";
import { nonceFor } from "../jobs/claim.js";
import { classifyFailure } from "../jobs/discord.js";
import { findOwnMessages } from "../jobs/recover.js";
import type { Slot } from "../jobs/slots.js";
import { withLibraryOf } from "../library/store.js";
import { isRestDayIn } from "../streaks/rest-plan.js";
import { shownStreak, shownStreakIn } from "../streaks/store.js";
import { startOfDay } from "../time/day-start.js";
import { addDays } from "../time/index.js";
import { pauseChannelReminders } from "./channel-pause.js";
import { CANNOT_DM, type RemindDiscord } from "./discord.js";
import { LEFT_SERVER, stillMember } from "./presence.js";
import {
  channelMarkerPrefix,
  chunkMentions,
  mentionedIn,
  reminderMarker,
  renderChannelReminder,
  renderDmReminder,
} from "./render.js";
import {
  claimReminder,
  dmChannelOf,
  keepDmChannel,
  markFailed,
  markSent,
  noteAttempt,
  type SendRef,
  turnOffReminder,
} from "./store.js";

export type RemindCtx = Pick<AppContext, "store" | "config" | "log" | "clock" | "content">;

export interface MemberDue {
  guildId: string;
  userId: string;
  zone: string;
  slot: Slot;
  onlyStreak: boolean;
  /** When the member was last known to be in the guild (src/reminders/presence.ts). */
  presentAt: Date | null;
}

export type RemindJob =
  | { kind: "dm"; member: MemberDue }
  | { kind: "channel"; guildId: string; channelId: string; date: string; due: Date; members: MemberDue[] };

/** Members reminded, found with nothing to remind of, refused, or of unknown outcome (recovered next tick). */
export interface RemindOutcome {
  sent: number;
  skipped: number;
  failed: number;
  unknown: number;
}

export const NO_OUTCOME: RemindOutcome = Object.freeze({ sent: 0, skipped: 0, failed: 0, unknown: 0 });

const MINUTE = 60_000;
/** A reminder caught up after its minute is still worth sending with at least this much of the day left. */
export const LEAST_DAY_LEFT_MS = 30 * MINUTE;

/** When the member's `date` ends in `zone`. */
export function dayEnd(date: string, zone: string): number {
  return startOfDay(addDays(date, 1), zone);
}

/**
 * The last instant a reminder may go out: on its own minute whatever is left of the day, otherwise only while
 * half an hour of the member's day remains.
 */
export function lastChance(slot: Slot, zone: string): Date {
  return new Date(Math.max(slot.due.getTime() + MINUTE, dayEnd(slot.date, zone) - LEAST_DAY_LEFT_MS));
}

/** How long a claim waits out another writer (SQLite's lock, PostgreSQL's conflicts) before the next tick takes over. */
const CLAIM_BUDGET_MS = 20_000;

/**
 * Records what became of a claim, waiting out another writer as the claim does: on PostgreSQL concurrent reminders'
 * transactions meet serialization failures now and then, and one reaching the send's catch would be taken for
 * Discord not answering, leaving a delivered reminder open to be recovered. Unrecorded past the budget, the claim
 * stays open and the next tick finds the message in the history.
 */
function settle(write: () => Promise<void>): Promise<void> {
  return retryWhileBusy(write, { budgetMs: CLAIM_BUDGET_MS });
}

/** How many recent messages of a DM or channel are searched for our own reminder when recovering a claim. */
const HISTORY_DEPTH = 50;

export function reminderNonce(ref: SendRef): string {
  return nonceFor(`r${ref.date.replace(/-/g, "")}`, `${ref.guildId}:${ref.userId}:${ref.date}`);
}

export interface SenderOptions {
  discord: RemindDiscord;
  claimant: string;
  maxAttempts: number;
}

export class ReminderSender {
  readonly #ctx: RemindCtx;
  readonly #options: SenderOptions;

  constructor(ctx: RemindCtx, options: SenderOptions) {
    this.#ctx = ctx;
    this.#options = options;
  }

  run(job: RemindJob): Promise<RemindOutcome> {
    return job.kind === "dm" ? this.#dm(job.member) : this.#channel(job);
  }

  /** Why there is nothing to remind `member` of today, or null; read inside the claim's transaction. */
  *#skipReason(s: Session, member: MemberDue, now: Date): Gen<string | null> {
    const { state, current } = yield* shownStreakIn(s, member.guildId, member.userId, now.getTime(), member.zone);
    if (state.lastDate !== null && state.lastDate >= member.slot.date) return "today's challenge was already done";
    if (yield* isRestDayIn(s, member.guildId, member.userId, member.slot.date)) return "a planned rest day";
    if (member.onlyStreak && current === 0) return "no streak to lose (only-streak)";
    return null;
  }

  #claim(member: MemberDue, mode: "dm" | "channel", channelId: string | null, nonce: string) {
    const ref = { guildId: member.guildId, userId: member.userId, date: member.slot.date };
    const now = this.#ctx.clock.now();
    return retryWhileBusy(
      () =>
        claimReminder(this.#ctx, {
          ...ref,
          dueAt: member.slot.due,
          mode,
          channelId,
          nonce,
          claimant: this.#options.claimant,
          now,
          maxAttempts: this.#options.maxAttempts,
          skipReason: (s) => this.#skipReason(s, member, now),
        }),
      { budgetMs: CLAIM_BUDGET_MS },
    );
  }

  async #dm(member: MemberDue): Promise<RemindOutcome> {
    const ctx = this.#ctx;
    const { discord } = this.#options;
    const ref = { guildId: member.guildId, userId: member.userId, date: member.slot.date };
    const claim = await this.#claim(member, "dm", (await dmChannelOf(ctx, member.userId)) ?? null, reminderNonce(ref));
    if (claim.action === "skip") return { ...NO_OUTCOME, skipped: 1 };
    if (claim.action === "gave-up") return { ...NO_OUTCOME, failed: 1 };
    let channelId = claim.send.channelId ?? (await dmChannelOf(ctx, member.userId));
    try {
      if (!(await stillMember(ctx, discord, member))) {
        await settle(() => markFailed(ctx, ref, `404 Unknown Member: ${LEFT_SERVER}`));
        ctx.log.info({ guild: ref.guildId, user: ref.userId }, "reminder off: member left the server");
        return { ...NO_OUTCOME, failed: 1 };
      }
      if (!channelId) {
        channelId = await discord.openDm(member.userId);
        const opened = channelId;
        await settle(() => keepDmChannel(ctx, member.userId, opened, ctx.clock.now()));
      }
      if (claim.action === "recover") {
        const marker = reminderMarker(ref.guildId, ref.date);
        const [found] = await this.#ownMessages(ref.guildId, channelId, (footer) => footer === marker);
        if (found) {
          const sent = { messageId: found.id, channelId, now: ctx.clock.now() };
          await settle(() => markSent(ctx, ref, sent));
          return { ...NO_OUTCOME, sent: 1 };
        }
      }
      const now = ctx.clock.now().getTime();
      const { current } = await shownStreak(ctx, ref.guildId, ref.userId, now, member.zone);
      const server = await withLibraryOf(ctx, ref.guildId);
      // The daily /challenge today shows this member: their own track's, else the server's default.
      const track = await trackOf(server, ref.guildId, ref.userId);
      const body = renderDmReminder({
        guildId: ref.guildId,
        guildName: discord.guildName(ref.guildId),
        date: ref.date,
        track,
        challenge: await getDailyChallenge(server, ref.guildId, ref.date, track),
        streak: current,
        left: dayEnd(ref.date, member.zone) - now,
        zone: member.zone,
      });
      const posted = await discord.postMessage(channelId, { ...body, nonce: claim.send.nonce, enforce_nonce: true });
      const sent = { messageId: posted.id, channelId, now: ctx.clock.now() };
      await settle(() => markSent(ctx, ref, sent));
      return { ...NO_OUTCOME, sent: 1 };
    } catch (error) {
      return await this.#failed([ref], error, channelId ?? undefined);
    }
  }

  async #channel(job: Extract<RemindJob, { kind: "channel" }>): Promise<RemindOutcome> {
    const ctx = this.#ctx;
    const outcome = { ...NO_OUTCOME };
    const nonce = nonceFor(`rc${job.date.replace(/-/g, "")}`, `${job.guildId}:${job.date}:${job.due.getTime()}`);
    const pending: string[] = [];
    let recovering = false;
    for (const member of job.members) {
      const claim = await this.#claim(member, "channel", job.channelId, nonce);
      if (claim.action === "skip") outcome.skipped += 1;
      else if (claim.action === "gave-up") outcome.failed += 1;
      else {
        pending.push(member.userId);
        recovering ||= claim.action === "recover";
      }
    }
    if (pending.length === 0) return outcome;
    const refOf = (userId: string) => ({ guildId: job.guildId, userId, date: job.date });
    let part = 1;
    const prefix = channelMarkerPrefix(job.date, job.due);
    if (recovering) {
      // Members named in a message of ours for this minute already have their reminder.
      const ours = await this.#ownMessages(job.guildId, job.channelId, (footer) => footer.startsWith(prefix));
      for (const message of ours) {
        part = Math.max(part, Number(message.footer.slice(prefix.length)) + 1);
        for (const userId of mentionedIn(message.content)) {
          const at = pending.indexOf(userId);
          if (at < 0) continue;
          pending.splice(at, 1);
          await settle(() =>
            markSent(ctx, refOf(userId), {
              messageId: message.id,
              channelId: job.channelId,
              now: ctx.clock.now(),
            }),
          );
          outcome.sent += 1;
        }
      }
    }
    pending.sort();
    const server = await withLibraryOf(ctx, job.guildId);
    // Each member is shown the daily /challenge today shows them, so members on other tracks get messages of their
    // own: one run of parts per track, in TRACKS order, so a resend after a crash makes the same parts.
    const onTrack = new Map<Track, string[]>();
    for (const userId of pending) {
      const track = await trackOf(server, job.guildId, userId);
      const members = onTrack.get(track);
      if (members) members.push(userId);
      else onTrack.set(track, [userId]);
    }
    const chunks = [];
    for (const track of TRACKS) {
      const members = onTrack.get(track);
      if (!members) continue;
      const daily = { track, challenge: await getDailyChallenge(server, job.guildId, job.date, track) };
      chunks.push(...chunkMentions(members).map((chunk) => ({ daily, chunk })));
    }
    let paused: string | undefined;
    for (const { daily, chunk } of chunks) {
      if (paused) {
        // The channel refused this minute's first message; the rest are not tried.
        const note = paused;
        for (const userId of chunk) await settle(() => markFailed(ctx, refOf(userId), note));
        outcome.failed += chunk.length;
        continue;
      }
      const body = renderChannelReminder(job.guildId, job.date, job.due, part, daily, chunk);
      try {
        const posted = await this.#options.discord.postMessage(job.channelId, {
          ...body,
          nonce: nonceFor(`rc${part}`, `${nonce}:${part}`),
          enforce_nonce: true,
        });
        for (const userId of chunk)
          await settle(() =>
            markSent(ctx, refOf(userId), { messageId: posted.id, channelId: job.channelId, now: ctx.clock.now() }),
          );
        outcome.sent += chunk.length;
      } catch (error) {
        const failed = await this.#failed(chunk.map(refOf), error, job.channelId);
        outcome.failed += failed.failed;
        outcome.unknown += failed.unknown;
        paused = await pauseChannelReminders(ctx, job.guildId, job.channelId, classifyFailure(error), ctx.clock.now());
      }
      part += 1;
    }
    return outcome;
  }

  #ownMessages(guildId: string, channelId: string, matches: (footer: string) => boolean) {
    return findOwnMessages(this.#options.discord, this.#ctx.log, { guildId, channelId, depth: HISTORY_DEPTH, matches });
  }

  async #failed(refs: SendRef[], error: unknown, channelId: string | undefined): Promise<RemindOutcome> {
    const ctx = this.#ctx;
    const failure = classifyFailure(error);
    if (error instanceof DiscordAPIError && error.code === CANNOT_DM) {
      for (const ref of refs) {
        await settle(() => markFailed(ctx, ref, `${error.status} ${error.message}`));
        await settle(() =>
          turnOffReminder(
            ctx,
            ref.guildId,
            ref.userId,
            "Discord won't let Gradient send you direct messages (your privacy settings for this server)",
            ctx.clock.now(),
          ),
        );
      }
      ctx.log.info({ guild: refs[0]?.guildId, user: refs[0]?.userId }, "reminder off: member does not accept DMs");
      return { ...NO_OUTCOME, failed: refs.length };
    }
    if (failure.kind === "unknown") {
      // The claim stays: the next tick recovers it (history, then the same nonce).
      for (const ref of refs)
        await settle(() => noteAttempt(ctx, ref, `no answer from Discord: ${failure.message}`, channelId));
      ctx.log.warn({ guild: refs[0]?.guildId, reason: failure.message }, "reminder outcome unknown; will recover");
      return { ...NO_OUTCOME, unknown: refs.length };
    }
    for (const ref of refs) await settle(() => markFailed(ctx, ref, `${failure.status} ${failure.message}`));
    ctx.log.warn(
      { guild: refs[0]?.guildId, channel: channelId, status: failure.status, code: failure.code },
      "reminder refused by Discord",
    );
    return { ...NO_OUTCOME, failed: refs.length };
  }
}
