/**
 * Keeps every live board current: wakes every minute (src/jobs/minute-ticker.ts) and at start, and for each
 * server's board on this process's shards renders its top 10 as members see it now and then:
 *
 * 1. No message yet (or someone deleted it): the post is CLAIMED in the database first (src/live-board/store.ts),
 *    and sent with the claim's nonce and `enforce_nonce`. A claim found open (a process stopped between Discord's
 *    answer and the write, or Discord did not answer) is recovered as scheduled posts are: the channel's recent
 *    history is searched for our message (its footer starts with LIVE_BOARD_MARKER), else it is sent again with
 *    the same nonce, so that Discord returns the message the first attempt made. So a server has one message
 *    however often processes restart or hand its shard over.
 * 2. A message that shows something else than the board now (its top 10, or the week started over on Monday) is
 *    edited, at most once a minute: the edit is claimed by moving the row's `shownAt`, so neither two ticks nor two
 *    processes edit within one minute, and a burst of completions costs one edit.
 * 3. Discord answering 404 Unknown Message to the edit means someone deleted it: a new one is posted (a new claim,
 *    with a new nonce). 403, or 404 for the channel, pauses the live board with the reason, as scheduled posts do;
 *    /config board lifts it.
 * 4. Every request goes through the bot's pacer, at background priority (the REST client it is given).
 */
import { randomUUID } from "node:crypto";
import type { AppContext } from "../context.js";
import { retryWhileBusy } from "../db/busy.js";
import type { ShardPlan } from "../discord/shards.js";
import { classifyFailure, type SendFailure } from "../jobs/discord.js";
import { MinuteJobs } from "../jobs/minute-ticker.js";
import { findOwnMessages } from "../jobs/recover.js";
import { getGuildTimezone } from "../settings/index.js";
import { boardOn, readBoard, readBoardAt, weekBoard } from "../streaks/boards.js";
import { addDays, localDate } from "../time/index.js";
import { isUnknownMessage, type LiveBoardDiscord, liveBoardPauseReason } from "./discord.js";
import { LIVE_BOARD_MARKER, type LiveBoardView, type RenderedBoard, renderLiveBoard } from "./render.js";
import {
  activeLiveBoardsIn,
  claimEditIn,
  claimPostIn,
  forgetMessageIn,
  type LiveBoardRow,
  pauseLiveBoardIn,
  recordEditIn,
  recordPostIn,
} from "./store.js";

export type LiveBoardCtx = Pick<AppContext, "store" | "config" | "log" | "clock">;

export interface LiveBoardOptions {
  discord: LiveBoardDiscord;
  /** This process's shards: only their servers' boards are kept here. Every server's when absent. */
  shards?: ShardPlan;
  /** Boards kept at once. */
  concurrency?: number;
  /** Attempts with no answer from Discord before a post is given up (and the board paused). */
  maxAttempts?: number;
  /** How many recent channel messages to search for our own after a crash. */
  historyDepth?: number;
}

export type LiveOutcome =
  | "posted"
  | "recovered"
  | "edited"
  | "unchanged"
  /** The board changed, but the message was posted or edited less than a minute ago. */
  | "waiting"
  | "paused"
  /** Discord did not answer: the next tick finds out (the post's claim stays open, the edit is retried). */
  | "unknown"
  | "failed"
  | "stopped";

/** How long a write waits for another process's lock before the next tick takes over. */
const WRITE_BUDGET_MS = 20_000;

export class LiveBoards {
  readonly instanceId = randomUUID();
  readonly #ctx: LiveBoardCtx;
  readonly #options: Required<Omit<LiveBoardOptions, "shards">> & Pick<LiveBoardOptions, "shards">;
  readonly #queue: MinuteJobs<string, LiveBoardRow, LiveOutcome>;

  constructor(ctx: LiveBoardCtx, options: LiveBoardOptions) {
    this.#ctx = ctx;
    this.#options = { concurrency: 8, maxAttempts: 5, historyDepth: 50, ...options };
    this.#queue = new MinuteJobs("gradient-live-boards", ctx.log, {
      concurrency: this.#options.concurrency,
      run: (row) => this.#keep(row),
      onError: (error, row) => {
        ctx.log.error({ err: error, guild: row.guildId }, "live board failed unexpectedly");
        return "failed";
      },
      stopped: () => "stopped",
    });
  }

  /** Keeps the boards at once, then every minute until stop(). */
  start(): void {
    this.#queue.start(() => this.tick());
  }

  /** Brings every board on this process's shards up to date at the clock's now; resolves with what each did. */
  async tick(): Promise<LiveOutcome[]> {
    if (this.#queue.stopping) return [];
    const rows = await this.#ctx.store.read(activeLiveBoardsIn, this.#options.shards);
    return Promise.all(rows.map((row) => this.#queue.enqueue(row.guildId, row)));
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  stop(): Promise<void> {
    return this.#queue.stop();
  }

  /** The board as members see it now, in the server's zone: this week's (or month's) board, streaks swept. */
  async #view(row: LiveBoardRow, now: Date): Promise<LiveBoardView> {
    const ctx = this.#ctx;
    const zone = await getGuildTimezone(ctx, row.guildId);
    const date = localDate(now, zone);
    const board = boardOn(row.board, date);
    const { top } = await readBoardAt(ctx, row.guildId, board, "", now, 10);
    const view: LiveBoardView = { kind: row.board, board, top, asOf: { date, zone } };
    if (row.board !== "week") return view;
    const last = weekBoard(addDays(date, -7));
    const [first] = (await readBoard(ctx, row.guildId, last, "", 1)).top;
    return { ...view, lastWeek: first && { board: last, top: first } };
  }

  async #keep(row: LiveBoardRow): Promise<LiveOutcome> {
    const ctx = this.#ctx;
    const now = ctx.clock.now();
    const rendered = renderLiveBoard(await this.#view(row, now));
    const { guildId, messageId } = row;
    if (messageId === null) return this.#post(row, rendered, now);
    if (row.shown === rendered.shown) return "unchanged";
    const claimed = await retryWhileBusy(() => ctx.store.write(claimEditIn, guildId, messageId, rendered.shown, now), {
      budgetMs: WRITE_BUDGET_MS,
    });
    if (!claimed) return "waiting";
    try {
      await this.#options.discord.editMessage(row.channelId, messageId, rendered.body);
    } catch (error) {
      if (!isUnknownMessage(error)) return this.#failed(row, classifyFailure(error), now);
      ctx.log.info({ guild: guildId, channel: row.channelId }, "live board message deleted; posting it again");
      await retryWhileBusy(() => ctx.store.write(forgetMessageIn, guildId, messageId), { budgetMs: WRITE_BUDGET_MS });
      return this.#post(row, rendered, now);
    }
    await retryWhileBusy(() => ctx.store.write(recordEditIn, guildId, messageId, rendered.shown), {
      budgetMs: WRITE_BUDGET_MS,
    });
    return "edited";
  }

  async #post(row: LiveBoardRow, rendered: RenderedBoard, now: Date): Promise<LiveOutcome> {
    const ctx = this.#ctx;
    const { guildId, channelId } = row;
    const claim = await retryWhileBusy(
      () =>
        ctx.store.write(claimPostIn, guildId, channelId, {
          claimant: this.instanceId,
          now,
          maxAttempts: this.#options.maxAttempts,
        }),
      { budgetMs: WRITE_BUDGET_MS },
    );
    if (claim.action === "none") return "unchanged";
    if (claim.action === "gave-up") {
      ctx.log.error({ guild: guildId, channel: channelId }, "live board post given up");
      return "paused";
    }
    // Found in the history, the message may show an older board: recorded as showing nothing, it is edited next.
    const found = claim.action === "recover" ? await this.#findOwn(guildId, channelId) : undefined;
    let messageId = found;
    if (!messageId) {
      try {
        const posted = await this.#options.discord.postMessage(channelId, {
          ...rendered.body,
          nonce: claim.nonce,
          enforce_nonce: true,
        });
        messageId = posted.id;
      } catch (error) {
        return this.#failed(row, classifyFailure(error), now);
      }
    }
    const id = messageId;
    // Unrecorded past the budget, the claim stays open and the next tick finds this message in the history.
    await retryWhileBusy(
      () => ctx.store.write(recordPostIn, guildId, claim.nonce, id, found ? null : rendered.shown, now),
      { budgetMs: WRITE_BUDGET_MS },
    );
    return claim.action === "recover" ? "recovered" : "posted";
  }

  async #findOwn(guildId: string, channelId: string): Promise<string | undefined> {
    const [mine] = await findOwnMessages(this.#options.discord, this.#ctx.log, {
      guildId,
      channelId,
      depth: this.#options.historyDepth,
      matches: (footer) => footer.startsWith(LIVE_BOARD_MARKER),
    });
    return mine?.id;
  }

  async #failed(row: LiveBoardRow, failure: SendFailure, now: Date): Promise<LiveOutcome> {
    const ctx = this.#ctx;
    const log = { guild: row.guildId, channel: row.channelId };
    if (failure.kind === "unknown") {
      ctx.log.warn({ ...log, reason: failure.message }, "live board: no answer from Discord; the next tick retries");
      return "unknown";
    }
    const reason =
      failure.kind === "channel"
        ? liveBoardPauseReason(row.channelId, failure)
        : `Discord rejected the live board (${failure.status} ${failure.message}). Run /config board again to resume.`;
    await retryWhileBusy(() => ctx.store.write(pauseLiveBoardIn, row.guildId, row.channelId, reason, now), {
      budgetMs: WRITE_BUDGET_MS,
    });
    ctx.log.warn({ ...log, status: failure.status, code: failure.code }, "live board paused: Discord refused it");
    return "paused";
  }
}
