/**
 * Faults under load (issue 12): a shard's gateway dropped while interactions stream in, and 429 storms and 5xx
 * bursts (some landing after the write) during a weekly fan-out and a reminder wave. Each test has its own bot and
 * loopback Discord, so each runs alone; the numbers each one met are logged for the record.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import { keepDmChannel, setReminder } from "../src/reminders/store.js";
import { getSlot } from "../src/schedule/store.js";
import { startTestBot, type TestBot, tempDir } from "./support/harness.js";
import {
  aUser,
  type FakeGuild,
  type InteractionRecord,
  LoopbackDiscord,
  type RecordedCall,
  type SentInteraction,
  shardOfGuild,
} from "./support/loopback-discord.js";
import { channelOf, manyGuilds, type SchedulerRig, schedulerRig, spreadGuilds } from "./support/schedule-rig.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string, progress?: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${progress ? `: ${progress()}` : ""}`);
    await sleep(20);
  }
}

const TODAY = [{ type: 1, name: "today", options: [] }];
const RATE = 200;

/**
 * /challenge today at `perSecond`, round-robin over `guilds` (so over every shard), on a fixed schedule that
 * catches up when timers run late, until stopped.
 */
function steadyLoad(discord: LoopbackDiscord, guilds: FakeGuild[], perSecond: number) {
  const sent: SentInteraction[] = [];
  const started = performance.now();
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const due = Math.floor(((performance.now() - started) * perSecond) / 1000);
      while (sent.length < due) {
        const guild = guilds[sent.length % guilds.length] as FakeGuild;
        sent.push(discord.slash("challenge", TODAY, { user: aUser(sent.length % 97), guildId: guild.id }));
      }
      await sleep(5);
    }
  })();
  return {
    sent,
    async stop(): Promise<{ sent: SentInteraction[]; perSecond: number }> {
      stopped = true;
      await running;
      return { sent, perSecond: (sent.length * 1000) / (performance.now() - started) };
    },
  };
}

/** Waits until every delivered interaction has its callback, then a little more, so a late second one would show. */
async function settleAnswers(discord: LoopbackDiscord): Promise<InteractionRecord[]> {
  const unanswered = () => discord.interactionLog.filter((r) => r.delivered && r.callbacks === 0);
  await until(
    () => unanswered().length === 0,
    10_000,
    "every delivered interaction answered",
    () => `${unanswered().length} unanswered`,
  );
  await sleep(500);
  return discord.interactionLog;
}

describe("a shard's gateway connection dropped while members use the bot at 200 interactions a second", () => {
  const guilds = spreadGuilds(20);
  let t: TestBot | undefined;

  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  const start = async () => {
    // Sixteen identify buckets, so both shards come up at once (re-identifying still waits out the 5 s rule).
    t = await startTestBot({ loopback: { guilds, recommendedShards: 2, maxConcurrency: 16 } });
    expect([...t.discord.identifies].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    return t.discord;
  };
  const onShard = (shard: number) => guilds.filter((g) => shardOfGuild(g.id, 2) === shard).length;

  it("resumes after a resumable close (4000) and answers every interaction exactly once, none lost", async () => {
    const began = performance.now();
    const discord = await start();
    expect(onShard(0)).toBeGreaterThan(0);
    expect(onShard(1)).toBeGreaterThan(0);
    const load = steadyLoad(discord, guilds, RATE);
    await sleep(1500);
    discord.dropShard(1, 4000);
    await until(() => discord.resumes.length > 0 && discord.connectedShards.includes(1), 10_000, "the resume");
    await sleep(1500);
    const { sent, perSecond } = await load.stop();
    const log = await settleAnswers(discord);

    expect(discord.closeCodes).toEqual([4000]);
    expect(discord.resumes).toEqual([{ shard: 1, accepted: true }]);
    // Resumed, not identified again: still one IDENTIFY per shard.
    expect(discord.identifies).toHaveLength(2);
    expect(log).toHaveLength(sent.length);
    // A resumed session loses nothing: whatever came while it was away is replayed.
    expect(log.filter((r) => !r.delivered)).toEqual([]);
    expect(log.filter((r) => r.callbacks !== 1)).toEqual([]);
    expect(perSecond).toBeGreaterThan(RATE * 0.8);
    console.info(
      `4000 drop: ${sent.length} sent at ${perSecond.toFixed(0)}/s, ${log.filter((r) => r.callbacks === 1).length} answered once, ` +
        `${discord.resumes.length} resume, ${discord.identifies.length} identifies, ${(performance.now() - began).toFixed(0)} ms`,
    );
  }, 30_000);

  it("identifies again after a session timeout (4009) and answers every interaction it was delivered exactly once", async () => {
    const began = performance.now();
    const discord = await start();
    const load = steadyLoad(discord, guilds, RATE);
    await sleep(1500);
    discord.dropShard(1, 4009);
    await until(
      () => discord.identifies.length === 3 && discord.connectedShards.includes(1),
      15_000,
      "shard 1 identifying again",
    );
    await sleep(1500);
    const { sent, perSecond } = await load.stop();
    const log = await settleAnswers(discord);

    expect(discord.closeCodes).toEqual([4009]);
    // discord.js tries to resume first; the session is gone, so Discord says Invalid Session.
    expect(discord.resumes).toEqual([{ shard: 1, accepted: false }]);
    expect(discord.identifies.filter(([shard]) => shard === 1)).toHaveLength(2);
    expect(discord.identifies.filter(([shard]) => shard === 0)).toHaveLength(1);
    const delivered = log.filter((r) => r.delivered);
    const undelivered = log.filter((r) => !r.delivered);
    expect(log).toHaveLength(sent.length);
    // Those sent to shard 1 between the close and the new session never reached the bot, as on Discord...
    expect(undelivered.length).toBeGreaterThan(0);
    expect(undelivered.every((r) => r.callbacks === 0)).toBe(true);
    // ...and everything else, before and after, on both shards, is answered exactly once.
    expect(delivered.filter((r) => r.callbacks !== 1)).toEqual([]);
    expect(perSecond).toBeGreaterThan(RATE * 0.8);
    console.info(
      `4009 drop: ${sent.length} sent at ${perSecond.toFixed(0)}/s, ${delivered.length} delivered and answered once, ` +
        `${undelivered.length} undelivered during the gap, ${discord.identifies.length} identifies, ` +
        `${(performance.now() - began).toFixed(0)} ms`,
    );
  }, 40_000);
});

const POSTS = /^\/channels\/\d+\/messages$/;
const isPost = (c: RecordedCall) => c.method === "POST" && POSTS.test(c.path);

describe("a weekly fan-out to 300 servers while Discord fails channel posts", () => {
  const guilds = manyGuilds(300);
  let rig: SchedulerRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  /**
   * The rig with every server's weekly post due at 09:00. The pacer lets 300 requests a second through, not
   * Discord's 50, to keep the fan-out short: the 429s here are the loopback's, not earned by the rhythm.
   */
  const fanOut = async () => {
    rig = await schedulerRig({ guilds, pacing: { limit: 300, windowMs: 1000 } });
    for (const guild of guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    return rig;
  };

  /** Ticks a minute apart until every slot is sent (a post whose outcome stayed unknown is recovered next tick). */
  const postAll = async (r: SchedulerRig) => {
    let ticks = 0;
    let unknown = 0;
    const sent = async () =>
      (await Promise.all(guilds.map((g) => getSlot(r.ctx, g.id, "weekly", "2026-W10")))).filter(
        (slot) => slot?.status === "sent",
      ).length;
    for (let done = await sent(); done < guilds.length; done = await sent()) {
      ticks += 1;
      expect(ticks, `${done} of ${guilds.length} sent`).toBeLessThanOrEqual(4);
      const report = await r.scheduler.tick();
      unknown += report.outcomes.filter((o) => o.status === "unknown").length;
      r.clock.advance(60_000);
    }
    return { ticks, unknown };
  };

  it("posts each server's weekly prompt exactly once through a storm of 429s, some of them global", async () => {
    const began = performance.now();
    const r = await fanOut();
    // One post in four meets a route 429 (up to 80), one in sixty-one a global one (up to 5), each a second's wait.
    const route = r.discord.fail({ method: "POST", path: POSTS, status: 429, every: 4, times: 80, retryAfter: 0.25 });
    const global = r.discord.fail({
      method: "POST",
      path: POSTS,
      status: 429,
      every: 61,
      times: 5,
      retryAfter: 0.1,
      global: true,
    });
    const { ticks } = await postAll(r);

    for (const guild of guilds) expect(r.posts(guild), guild.id).toHaveLength(1);
    const posts = r.discord.calls.filter(isPost);
    const limited = posts.filter((c) => c.status === 429).length;
    expect(route.met).toBeGreaterThan(0);
    expect(global.met).toBeGreaterThan(0);
    expect(limited).toBe(route.met + global.met);
    // Every 429 was waited out and retried: one 200 per server, nothing else.
    expect(posts.filter((c) => c.status === 200)).toHaveLength(guilds.length);
    expect(posts).toHaveLength(guilds.length + limited);
    console.info(
      `429 storm: ${guilds.length} servers, ${posts.length} post requests, ${route.met} route 429s, ` +
        `${global.met} global 429s, ${ticks} tick(s), ${(performance.now() - began).toFixed(0)} ms`,
    );
  }, 40_000);

  it("posts each server's weekly prompt exactly once through a 5xx burst, even when the post landed before the error", async () => {
    const began = performance.now();
    const r = await fanOut();
    // Four servers whose post lands on every try yet never gets a good answer, past discord.js's three retries:
    // the outcome stays unknown until the next tick finds the post in the channel. (Listed first, so these four
    // requests each are theirs.)
    const stubborn = guilds.slice(0, 4);
    const unanswered = stubborn.map((g) =>
      r.discord.fail({
        method: "POST",
        path: `/channels/${channelOf(g)}/messages`,
        status: 500,
        times: 4,
        landed: true,
      }),
    );
    const lost = r.discord.fail({ method: "POST", path: POSTS, status: 502, every: 4, times: 60 });
    const unavailable = r.discord.fail({ method: "POST", path: POSTS, status: 503, every: 9, times: 20 });
    // The write happened, the answer was an error: a blind retry would post twice.
    const landed = r.discord.fail({ method: "POST", path: POSTS, status: 500, every: 7, times: 30, landed: true });
    const { ticks, unknown } = await postAll(r);

    for (const guild of guilds) expect(r.posts(guild), guild.id).toHaveLength(1);
    const posts = r.discord.calls.filter(isPost);
    const errors = posts.filter((c) => c.status >= 500).length;
    const landedCalls = posts.filter((c) => c.landed).length;
    expect(lost.met + unavailable.met).toBeGreaterThan(0);
    expect(landed.met).toBeGreaterThan(0);
    expect(unanswered.map((f) => f.met)).toEqual([4, 4, 4, 4]);
    expect(errors).toBe(lost.met + unavailable.met + landed.met + 16);
    expect(landedCalls).toBe(landed.met + 16);
    // Those four (and any other post whose every try failed) were settled by reading the channel, not posting again.
    expect(ticks).toBe(2);
    const reads = r.discord.calls.filter((c) => c.method === "GET" && POSTS.test(c.path));
    expect(reads).toHaveLength(unknown);
    for (const g of stubborn) expect(reads.map((c) => c.path)).toContain(`/channels/${channelOf(g)}/messages`);
    console.info(
      `5xx burst: ${guilds.length} servers, ${posts.length} post requests, ${errors} answered 5xx ` +
        `(${lost.met} 502, ${unavailable.met} 503, ${landedCalls} landed 500), ${reads.length} history reads, ` +
        `${ticks} ticks, ${(performance.now() - began).toFixed(0)} ms`,
    );
  }, 40_000);
});

describe("a reminder wave to 300 members while Discord answers DMs with 429s", () => {
  const MEMBERS = 300;
  const GUILD = "200000000000000001";
  let t: TestBot | undefined;
  const dir = tempDir();

  afterEach(async () => {
    await t?.stop();
    t = undefined;
    dir.remove();
  });

  it("sends each member exactly one reminder DM", async () => {
    const began = performance.now();
    const clock = new ManualClock("2026-03-02T12:00:00Z");
    const databasePath = join(dir.path, "gradient.sqlite");
    const discord = await LoopbackDiscord.start();
    const users = Array.from({ length: MEMBERS }, (_, i) => aUser(1000 + i));
    const setup = { store: openSqliteStore(databasePath) };
    for (const [i, user] of users.entries()) {
      await setReminder(
        setup,
        { guildId: GUILD, userId: user.id, time: "12:30", onlyStreak: false },
        new Date("2026-03-02T11:00:00Z"),
      );
      // The DM channels are open already (as after the first day), so each reminder is one post.
      const channelId = (900000000000000000n + BigInt(i)).toString();
      await keepDmChannel(setup, user.id, channelId, new Date("2026-03-01T12:00:00Z"));
      discord.dmChannels.set(channelId, user.id);
    }
    await setup.store.close();
    // The pacer's rhythm is tested elsewhere; a generous limit keeps the wave short.
    t = await startTestBot({ discord, clock, databasePath, env: { DISCORD_GLOBAL_RATE_LIMIT: "400" } });
    const route = discord.fail({ method: "POST", path: POSTS, status: 429, every: 3, times: 100, retryAfter: 0.25 });
    const global = discord.fail({
      method: "POST",
      path: POSTS,
      status: 429,
      every: 53,
      times: 8,
      retryAfter: 0.1,
      global: true,
    });
    clock.set("2026-03-02T12:30:00Z");
    await t.bot.reminders.tick();
    await t.bot.reminders.idle();

    for (const user of users) expect(discord.dmsTo(user.id), user.id).toHaveLength(1);
    const posts = discord.calls.filter(isPost);
    const limited = posts.filter((c) => c.status === 429).length;
    expect(route.met).toBeGreaterThan(0);
    expect(global.met).toBeGreaterThan(0);
    expect(limited).toBe(route.met + global.met);
    expect(posts.filter((c) => c.status === 200)).toHaveLength(MEMBERS);
    // A later tick finds nothing left to send.
    clock.advance(60_000);
    await t.bot.reminders.tick();
    expect(discord.calls.filter(isPost)).toHaveLength(posts.length);
    console.info(
      `reminder wave: ${MEMBERS} members, ${posts.length} DM posts, ${route.met} route 429s, ` +
        `${global.met} global 429s, ${(performance.now() - began).toFixed(0)} ms`,
    );
    await t.stop();
    t = undefined;
    await discord.close();
    discord.assertNoViolations();
  }, 40_000);
});
