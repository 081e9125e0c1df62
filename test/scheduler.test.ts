import { Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { slotNonce } from "../src/jobs/claim.js";
import { slotMarker } from "../src/schedule/render.js";
import { claimSlot, getSchedule, getSlot } from "../src/schedule/store.js";
import type { FakeGuild } from "./support/loopback-discord.js";
import { channelOf, manyGuilds, type SchedulerRig, schedulerRig, slotStatusesIn } from "./support/schedule-rig.js";

const HOUR = 3_600_000;
let rig: SchedulerRig;
afterEach(async () => {
  expect(rig.discord.violations).toEqual([]);
  await rig.close();
});

const embedOf = (message: Record<string, unknown> | undefined) =>
  (message?.embeds as { title?: string; footer?: { text: string } }[] | undefined)?.[0];
/** The i-th loopback guild. */
const g = (i: number): FakeGuild => rig.discord.guilds[i] as FakeGuild;
const postsTo = (channelId: string) =>
  rig.discord.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages`);

describe("the scheduler", () => {
  it("posts a due weekly prompt exactly once, at its minute, with a nonce Discord enforces", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = g(0);
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T08:59:00Z");
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(0);
    rig.clock.set("2026-03-02T09:00:00Z");
    for (let i = 0; i < 4; i++) await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(1);
    const [call] = postsTo(channelOf(guild));
    expect(call?.body).toMatchObject({ nonce: slotNonce(guild.id, "weekly", "2026-W10"), enforce_nonce: true });
    const slot = await getSlot(rig.ctx, guild.id, "weekly", "2026-W10");
    expect(slot).toMatchObject({ status: "sent", messageId: rig.posts(guild)[0]?.id, attempts: 1 });
    expect(slot?.dueAt.toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("catches up a slot missed by up to 12 hours, and records an older one as missed without posting", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(2) });
    const [late, tooLate] = [g(0), g(1)];
    await rig.configure(late, { kind: "weekly", weekday: 1, time: "09:00" });
    await rig.configure(tooLate, { kind: "weekly", weekday: 1, time: "09:00" });
    await rig.setZone(tooLate, "Asia/Tokyo");
    // 20:59 UTC: 11 h 59 min after 09:00 UTC, but 20 h 59 min after 09:00 in Tokyo.
    rig.clock.set("2026-03-02T20:59:00Z");
    const report = await rig.scheduler.tick();
    expect(report.missed).toBe(1);
    expect(rig.posts(late)).toHaveLength(1);
    expect(rig.posts(tooLate)).toHaveLength(0);
    expect(await getSlot(rig.ctx, tooLate.id, "weekly", "2026-W10")).toMatchObject({ status: "missed" });
    rig.clock.advance(HOUR);
    await rig.scheduler.tick();
    expect(rig.posts(tooLate)).toHaveLength(0);
  });

  it("does not post at once when an admin sets a time that already passed this period; post-now does, once", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    rig.clock.set("2026-03-02T10:00:00Z");
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(0);
    const outcome = await rig.scheduler.postNow(guild.id, "weekly");
    expect(outcome).toMatchObject({ status: "sent" });
    expect(await rig.scheduler.postNow(guild.id, "weekly")).toMatchObject({ status: "skipped" });
    rig.clock.set("2026-03-04T09:00:00Z");
    // Moving the day within the week after this week's post does not post this week again.
    await rig.configure(guild, { kind: "weekly", weekday: 3, time: "09:00" });
    rig.clock.set("2026-03-04T09:01:00Z");
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(1);
    rig.clock.set("2026-03-11T09:00:00Z");
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(2);
  });

  it("recovers a claim left by a process that died after Discord posted, by finding the post in the channel", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    const landed = await dieMidSend(guild.id, channelOf(guild), true);
    // Discord's nonce memory has lapsed; only the channel history can tell.
    rig.discord.clearNonces();
    rig.clock.set("2026-03-02T09:10:00Z");
    const report = await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(1);
    expect(await getSlot(rig.ctx, guild.id, "weekly", "2026-W10")).toMatchObject({ status: "sent", messageId: landed });
    expect(report.outcomes).toMatchObject([{ status: "sent", recovered: true }]);
  });

  it("resends a dead process's claim with the same nonce when the history cannot be read, and Discord dedupes it", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    const landed = await dieMidSend(guild.id, channelOf(guild), true);
    rig.discord.fail({ method: "GET", path: `/channels/${channelOf(guild)}/messages`, status: 403 });
    rig.clock.set("2026-03-02T09:01:00Z");
    await rig.scheduler.tick();
    expect(postsTo(channelOf(guild))).toHaveLength(2);
    expect(rig.posts(guild)).toHaveLength(1);
    expect(await getSlot(rig.ctx, guild.id, "weekly", "2026-W10")).toMatchObject({ status: "sent", messageId: landed });
  });

  it("posts a dead process's claim whose request never reached Discord", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    await dieMidSend(guild.id, channelOf(guild), false);
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(1);
    expect(await getSlot(rig.ctx, guild.id, "weekly", "2026-W10")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("records an interrupted claim found after the window as missed, without posting", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    await dieMidSend(guild.id, channelOf(guild), false);
    rig.clock.set("2026-03-02T21:01:00Z");
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(0);
    expect((await getSlot(rig.ctx, guild.id, "weekly", "2026-W10"))?.status).toBe("missed");
  });

  it("keeps a claim Discord never answered (5xx) and completes it on the next tick, once", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    // discord.js retries a 5xx three times itself.
    rig.discord.fail({ method: "POST", path: `/channels/${channelOf(guild)}/messages`, status: 502, times: 4 });
    const first = await rig.scheduler.tick();
    expect(first.outcomes).toMatchObject([{ status: "unknown" }]);
    expect((await getSlot(rig.ctx, guild.id, "weekly", "2026-W10"))?.status).toBe("claimed");
    rig.clock.advance(60_000);
    await rig.scheduler.tick();
    expect(rig.posts(guild)).toHaveLength(1);
    expect((await getSlot(rig.ctx, guild.id, "weekly", "2026-W10"))?.status).toBe("sent");
  });

  it("opens the discussion thread once, retrying only the thread when Discord failed it", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(2) });
    const [flaky, refused] = [g(0), g(1)];
    await rig.configure(flaky, { kind: "weekly", weekday: 1, time: "09:00", thread: true });
    await rig.configure(refused, { kind: "weekly", weekday: 1, time: "09:00", thread: true });
    rig.clock.set("2026-03-02T09:00:00Z");
    rig.discord.fail({
      method: "POST",
      path: new RegExp(`^/channels/${channelOf(flaky)}/messages/\\d+/threads$`),
      status: 500,
      times: 4,
    });
    rig.discord.fail({
      method: "POST",
      path: new RegExp(`^/channels/${channelOf(refused)}/messages/\\d+/threads$`),
      status: 403,
    });
    await rig.scheduler.tick();
    expect((await getSlot(rig.ctx, flaky.id, "weekly", "2026-W10"))?.status).toBe("posted");
    const refusedSlot = await getSlot(rig.ctx, refused.id, "weekly", "2026-W10");
    expect(refusedSlot?.status).toBe("sent");
    expect(refusedSlot?.note).toMatch(/refused the discussion thread/);
    rig.clock.advance(60_000);
    await rig.scheduler.tick();
    await rig.scheduler.tick();
    expect(rig.posts(flaky)).toHaveLength(1);
    const threads = rig.discord.threads.filter((t) => t.parent_id === channelOf(flaky));
    expect(threads).toHaveLength(1);
    expect(await getSlot(rig.ctx, flaky.id, "weekly", "2026-W10")).toMatchObject({
      status: "sent",
      threadId: threads[0]?.id,
    });
    expect((await getSchedule(rig.ctx, refused.id, "weekly"))?.pausedAt).toBeNull();
  });

  it("pauses only the guild whose channel answers 403 or 404, says why, and posts everyone else", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(4) });
    const [a, forbidden, gone, d] = [g(0), g(1), g(2), g(3)];
    for (const guild of rig.discord.guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.discord.fail({
      path: `/channels/${channelOf(forbidden)}/messages`,
      status: 403,
      times: Number.POSITIVE_INFINITY,
    });
    rig.discord.fail({ path: `/channels/${channelOf(gone)}/messages`, status: 404, times: Number.POSITIVE_INFINITY });
    rig.clock.set("2026-03-02T09:00:00Z");
    const report = await rig.scheduler.tick();
    expect(report.outcomes.map((o) => o.status).sort()).toEqual(["paused", "paused", "sent", "sent"]);
    expect(rig.posts(a)).toHaveLength(1);
    expect(rig.posts(d)).toHaveLength(1);
    expect((await getSchedule(rig.ctx, forbidden.id, "weekly"))?.pauseReason).toMatch(
      /403 Missing Permissions.*Send Messages/,
    );
    expect((await getSchedule(rig.ctx, gone.id, "weekly"))?.pauseReason).toMatch(/no longer exists/);
    // Paused schedules are left alone: no more refused requests piling up.
    const before = rig.discord.calls.length;
    rig.clock.set("2026-03-09T09:00:00Z");
    await rig.scheduler.tick();
    expect(rig.discord.calls.length - before).toBe(2);
    // Reconfiguring lifts the pause from then on.
    rig.discord.clearFaults();
    await rig.configure(forbidden, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-16T09:00:00Z");
    await rig.scheduler.tick();
    expect(rig.posts(forbidden)).toHaveLength(1);
    expect(rig.posts(gone)).toHaveLength(0);
  });

  it("keeps ticking for every other guild when one guild's schedule cannot even be worked out", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(3) });
    for (const guild of rig.discord.guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    const broken = g(1);
    // A zone this Node does not know (say, a database carried over from a newer ICU) makes Intl throw.
    await rig.setZone(broken, "Mars/Olympus");
    rig.clock.set("2026-03-02T09:00:00Z");
    const report = await rig.scheduler.tick();
    expect(report.errors).toBe(1);
    expect(rig.discord.guilds.map((guild) => rig.posts(guild).length)).toEqual([1, 0, 1]);
  });

  it("waits out a 429 as Discord asks, without retrying on top, and still posts once", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(3) });
    for (const guild of rig.discord.guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    const first = g(0);
    rig.discord.fail({ path: `/channels/${channelOf(first)}/messages`, status: 429, retryAfter: 0.3, global: true });
    rig.clock.set("2026-03-02T09:00:00Z");
    await rig.scheduler.tick();
    expect(rig.discord.guilds.map((guild) => rig.posts(guild).length)).toEqual([1, 1, 1]);
    expect(postsTo(channelOf(first)).map((c) => c.status)).toEqual([429, 200]);
    expect(rig.discord.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });

  it("posts today's challenge every day at its time, pinging only the chosen role", async () => {
    rig = await schedulerRig({ guilds: manyGuilds(1) });
    const guild = rig.discord.guild;
    await rig.setZone(guild, "Europe/Berlin");
    await rig.configure(guild, { kind: "daily", time: "07:30", roleId: "500000000000000001" });
    for (let day = 2; day <= 4; day++) {
      rig.clock.set(`2026-03-0${day}T06:30:00Z`);
      await rig.scheduler.tick();
      await rig.scheduler.tick();
    }
    const posts = rig.posts(guild);
    expect(posts).toHaveLength(3);
    expect(posts[0]?.content).toContain("<@&500000000000000001>");
    const calls = postsTo(channelOf(guild));
    expect(calls[0]?.body).toMatchObject({ allowed_mentions: { parse: [], roles: ["500000000000000001"] } });
    expect(embedOf(posts[1])?.footer?.text).toBe(slotMarker("daily", "2026-03-03"));
    const titles = new Set(posts.map((p) => embedOf(p)?.title));
    expect(titles.size).toBe(3);
  });

  it("leaves no claim behind for posts it had not started when stopped mid fan-out", async () => {
    rig = await schedulerRig({
      guilds: manyGuilds(60),
      pacing: { limit: 20, windowMs: 1000 },
      scheduler: { concurrency: 4 },
    });
    for (const guild of rig.discord.guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    const tick = rig.scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await rig.scheduler.stop();
    const report = await tick;
    const posted = rig.discord.guilds.filter((guild) => rig.posts(guild).length === 1).length;
    expect(posted).toBeGreaterThan(0);
    expect(posted).toBeLessThan(60);
    const claimed = await rig.ctx.store.read(slotStatusesIn);
    expect(claimed).toEqual([{ status: "sent", n: posted }]);
    expect(report.outcomes.filter((o) => o.status === "stopped")).toHaveLength(60 - posted);
  });
});

/**
 * What a process killed mid-send leaves: its claim, and (when `landed`) the message Discord already posted.
 * Returns the message id when it landed.
 */
async function dieMidSend(guildId: string, channelId: string, landed: boolean): Promise<string | undefined> {
  const nonce = slotNonce(guildId, "weekly", "2026-W10");
  await claimSlot(rig.ctx, {
    guildId,
    kind: "weekly",
    period: "2026-W10",
    dueAt: new Date("2026-03-02T09:00:00Z"),
    channelId,
    nonce,
    mode: "scheduled",
    claimant: "a-process-that-died",
    now: rig.clock.now(),
    maxAttempts: 5,
  });
  if (!landed) return undefined;
  const message = (await rig.rest.post(Routes.channelMessages(channelId), {
    body: {
      embeds: [{ title: "the prompt", footer: { text: slotMarker("weekly", "2026-W10") } }],
      allowed_mentions: { parse: [] },
      nonce,
      enforce_nonce: true,
    },
  })) as { id: string };
  return message.id;
}
