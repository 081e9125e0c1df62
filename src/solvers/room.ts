/**
 * The solvers' room: for each server, date and track, one private thread that every member who solved that daily
 * is added to. A completion only claims rows (./store.ts, in its own transaction); this runs the Discord side after
 * the reply, as background work on the pacer, from those rows: woken by each seat, and every minute for what a
 * restart, a backoff or a pause left. A refusal (403/404) pauses the server's room until a manager sets it again;
 * a day's thread deleted by a moderator (404 Unknown Channel on it) ends that thread only.
 */
import { DiscordAPIError } from "discord.js";
import { findChallenge } from "../content/load.js";
import type { AppContext, SeatSignal } from "../context.js";
import type { ShardPlan } from "../discord/shards.js";
import { channelRefusedReason, classifyFailure, type SendFailure } from "../jobs/discord.js";
import { MinuteJobs } from "../jobs/minute-ticker.js";
import { findOwnMessages } from "../jobs/recover.js";
import { withLibraryOf } from "../library/store.js";
import type { SolversDiscord } from "./discord.js";
import { openingMarker, openingMessage } from "./render.js";
import {
  dueWork,
  keyString,
  type MemberRow,
  pauseRoom,
  pendingMembers,
  type ThreadKey,
  type ThreadRow,
  takeThread,
  updateMember,
  updateThread,
} from "./store.js";

type Ctx = Pick<AppContext, "store" | "config" | "clock" | "content" | "log">;

/** Tries of one thread or one addition before it is given up (recorded failed). */
export const MAX_ATTEMPTS = 8;
/** The wait after the first try Discord did not answer; doubled each time, at most an hour. */
const FIRST_BACKOFF_MS = 15_000;
/** Discord's code for a user who is not a member of the server. */
const UNKNOWN_MEMBER = 10_007;
/** Discord's 404 for a channel or thread that no longer exists. */
const UNKNOWN_CHANNEL = 10_003;

/** A 404 for the thread itself (a moderator deleted it): that day's thread is over, not the whole room. */
const threadDeleted = (error: unknown) => error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL;
/** Additions per run of a thread; a run with more left goes again. */
const MEMBERS_PER_RUN = 50;

export const backoffMs = (attempts: number): number =>
  Math.min(3_600_000, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

/** What /config show and the README name: what Gradient needs in the room's channel. */
export const ROOM_NEEDS = "**View Channel**, **Create Private Threads** and **Send Messages in Threads**";

export interface SolversRoomOptions {
  discord: SolversDiscord;
  ownsGuild?: (guildId: string) => boolean;
  shards?: ShardPlan;
}

/** A step Discord refused for good (any 4xx but 403/404), or did not answer. */
class StepFailed extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.message);
  }
}

/** The thread being opened or added to is gone; its room and the other days' threads are fine. */
class ThreadDeleted extends Error {}

export class SolversRoom implements SeatSignal {
  readonly #ctx: Ctx;
  readonly #discord: SolversDiscord;
  readonly #ownsGuild: (guildId: string) => boolean;
  readonly #shards: ShardPlan | undefined;
  readonly #queue: MinuteJobs<string, ThreadKey, void>;
  /** Threads told of a new seat while their run was under way: the run goes round once more. */
  readonly #again = new Set<string>();

  constructor(ctx: Ctx, options: SolversRoomOptions) {
    this.#ctx = ctx;
    this.#discord = options.discord;
    this.#ownsGuild = options.ownsGuild ?? (() => true);
    this.#shards = options.shards;
    this.#queue = new MinuteJobs("gradient-solvers", ctx.log, {
      concurrency: 4,
      run: (key) => this.#run(key),
      onError: (error, key) => ctx.log.error({ err: error, ...key }, "solvers' room: a thread's run failed"),
      stopped: () => undefined,
    });
  }

  start(): void {
    this.#queue.start(() => this.sweep());
  }

  /**
   * A completion claimed a seat. Its reply is already on its way (interaction callbacks skip the pacer, and this
   * work waits behind everything on it); setImmediate keeps even the first read off the reply's own turn.
   */
  seated(seat: ThreadKey): void {
    if (this.#queue.stopping || !this.#ownsGuild(seat.guildId)) return;
    const key = { guildId: seat.guildId, date: seat.date, track: seat.track };
    setImmediate(() => this.#enqueue(key));
  }

  /** Queues every thread with work due now (a restart's leftovers, backoffs that ran out); resolves when done. */
  async sweep(): Promise<void> {
    if (this.#queue.stopping) return;
    const due = await dueWork(this.#ctx, this.#ctx.clock.now(), 200, this.#shards);
    await Promise.all(due.filter((k) => this.#ownsGuild(k.guildId)).map((k) => this.#enqueue(k)));
  }

  #enqueue(key: ThreadKey): Promise<void> {
    const id = keyString(key);
    if (this.#queue.running(id)) this.#again.add(id);
    return this.#queue.enqueue(id, key);
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  stop(): Promise<void> {
    return this.#queue.stop();
  }

  async #run(key: ThreadKey): Promise<void> {
    const id = keyString(key);
    let more = true;
    while (more && !this.#queue.stopping) {
      this.#again.delete(id);
      more = (await this.#step(key)) || this.#again.has(id);
    }
  }

  /** One pass over a thread; true when additions are left for another pass. */
  async #step(key: ThreadKey): Promise<boolean> {
    const ctx = this.#ctx;
    const take = await takeThread(ctx, key, ctx.clock.now());
    if (take.action === "none") return false;
    const { room } = take;
    let thread = take.thread;
    try {
      if (take.action !== "ready") thread = await this.#create(key, take.thread, take.action);
      if (thread.status === "created" && thread.threadId) thread = await this.#open(key, thread, take.action);
      if (thread.status !== "open" || !thread.threadId) return false;
      const members = await pendingMembers(ctx, key, ctx.clock.now(), MEMBERS_PER_RUN);
      for (const member of members) await this.#add(thread.threadId, member);
      return members.length === MEMBERS_PER_RUN;
    } catch (error) {
      if (error instanceof ThreadDeleted) {
        await updateThread(ctx, key, { status: "failed", note: "the thread was deleted in Discord" });
        ctx.log.info({ ...key }, "solvers' room: a day's thread was deleted; no more solvers are added to it");
        return false;
      }
      // A step's own failure is recorded already (failed, or its backoff); anything else is the run's.
      if (!(error instanceof StepFailed)) throw error;
      const { failure } = error;
      if (failure.kind !== "channel") return false;
      const reason = channelRefusedReason(room.channelId, failure, {
        what: "solvers' room",
        needs: ROOM_NEEDS,
        command: "`/config solvers`",
      });
      await pauseRoom(ctx, key.guildId, reason, ctx.clock.now());
      ctx.log.warn({ ...key, status: failure.status, code: failure.code }, "solvers' room paused: Discord refused it");
      return false;
    }
  }

  /** The thread's creation, claimed `creating` already: found again if an earlier attempt made it, else made. */
  async #create(key: ThreadKey, thread: ThreadRow, action: "create" | "find"): Promise<ThreadRow> {
    const ctx = this.#ctx;
    const attempts = thread.attempts + 1;
    try {
      const found =
        action === "find" ? await this.#discord.findThread(key.guildId, thread.channelId, thread.name) : undefined;
      const threadId = found ?? (await this.#discord.createPrivateThread(thread.channelId, thread.name));
      const set = { status: "created" as const, threadId, attempts: 0, note: null };
      await updateThread(ctx, key, set);
      return { ...thread, ...set };
    } catch (error) {
      await this.#settle(error, attempts, (set) => updateThread(ctx, key, set), "thread");
      throw new StepFailed(classifyFailure(error));
    }
  }

  /** The opening message, once: sent with its nonce, and looked for first when an earlier attempt may have sent it. */
  async #open(key: ThreadKey, thread: ThreadRow, action: ThreadTakeAction): Promise<ThreadRow> {
    const ctx = this.#ctx;
    const threadId = thread.threadId as string;
    const marker = openingMarker(key);
    try {
      const earlier =
        action === "ready"
          ? await findOwnMessages(this.#discord, ctx.log, {
              guildId: key.guildId,
              channelId: threadId,
              depth: 50,
              matches: (footer) => footer.endsWith(marker),
            })
          : [];
      if (earlier.length === 0) {
        const server = await withLibraryOf(ctx, key.guildId);
        const challenge = findChallenge(server.content, thread.challengeId);
        await this.#discord.postMessage(threadId, {
          ...openingMessage(key, challenge, server.content, ctx.clock.now()),
          nonce: thread.nonce,
          enforce_nonce: true,
        });
      }
      const set = { status: "open" as const, attempts: 0, note: null };
      await updateThread(ctx, key, set);
      return { ...thread, ...set };
    } catch (error) {
      if (threadDeleted(error)) throw new ThreadDeleted();
      await this.#settle(error, thread.attempts + 1, (set) => updateThread(ctx, key, set), "opening message");
      throw new StepFailed(classifyFailure(error));
    }
  }

  /** Adds one solver; Discord's answer decides: added, refused for good (failed), or tried again later. */
  async #add(threadId: string, member: MemberRow): Promise<void> {
    const ctx = this.#ctx;
    try {
      await this.#discord.addMember(threadId, member.userId);
      await updateMember(ctx, member, { status: "added", attempts: member.attempts + 1, note: null });
    } catch (error) {
      // A solver who left the server since: nobody to add, and no fault of the room.
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) {
        await updateMember(ctx, member, { status: "failed", attempts: member.attempts + 1, note: "left the server" });
        return;
      }
      if (threadDeleted(error)) throw new ThreadDeleted();
      await this.#settle(error, member.attempts + 1, (set) => updateMember(ctx, member, set), "addition");
      throw new StepFailed(classifyFailure(error));
    }
  }

  /**
   * Records a failed step: a refusal of the channel is left to the caller (it pauses the room, the step waits);
   * another 4xx fails the step for good; no answer waits its backoff, and fails after MAX_ATTEMPTS tries.
   */
  async #settle(
    error: unknown,
    attempts: number,
    write: (set: { status?: "failed"; attempts: number; nextAt?: Date; note: string }) => Promise<void>,
    what: string,
  ): Promise<void> {
    const failure = classifyFailure(error);
    if (failure.kind === "channel") return;
    const now = this.#ctx.clock.now().getTime();
    const note = failure.kind === "rejected" ? `${failure.status} ${failure.message}` : failure.message;
    if (failure.kind === "rejected" || attempts >= MAX_ATTEMPTS)
      await write({ status: "failed", attempts, note: `${what}: ${note}` });
    else await write({ attempts, nextAt: new Date(now + backoffMs(attempts)), note: `${what}: ${note}` });
    this.#ctx.log.warn({ err: error, attempts }, `solvers' room: ${what} not made; ${failure.kind}`);
  }
}

type ThreadTakeAction = "create" | "find" | "ready";
