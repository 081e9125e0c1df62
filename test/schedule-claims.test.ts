import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retryWhileBusy } from "../src/db/busy.js";
import { run, type Store } from "../src/db/store.js";
import { slotNonce } from "../src/jobs/claim.js";
import {
  activeSchedules,
  type ClaimRequest,
  claimSlot,
  configureSchedule,
  dueIn,
  duesIn,
  getSchedule,
  getSlot,
  markPosted,
  markSent,
  noteAttempt,
  pauseSchedule,
  recordMissed,
  removeSchedule,
} from "../src/schedule/store.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

const GUILD = "200000000000000001";
const CHANNEL = "300000000000000001";
const DUE = new Date("2026-03-02T09:00:00Z");

let database: TestDatabase;
let store: Store;
beforeEach(async () => {
  database = await freshDatabase();
  store = await database.open();
});
afterEach(async () => {
  await store.close();
  await database.remove();
});

const ctx = () => ({ store });
const claim = (period: string, changes: Partial<ClaimRequest> = {}): ClaimRequest => ({
  guildId: GUILD,
  kind: "weekly",
  period,
  dueAt: DUE,
  channelId: CHANNEL,
  nonce: slotNonce(GUILD, "weekly", period),
  mode: "scheduled",
  claimant: "process-a",
  now: DUE,
  maxAttempts: 3,
  ...changes,
});
const weekly = { guildId: GUILD, kind: "weekly" as const, channelId: CHANNEL, weekday: 1, time: "09:00" };
const settings = { ...weekly, thread: false, roleId: null, updatedBy: null };

describe(`slot claims on ${ENGINE}`, () => {
  it("lets only one of two processes claiming the same slots at once post each one", async () => {
    const other = await database.open();
    try {
      const periods = Array.from({ length: 20 }, (_, i) => `2026-W${String(i + 10).padStart(2, "0")}`);
      const both = await Promise.all(
        periods.flatMap((period) =>
          [store, other].map((s, i) =>
            retryWhileBusy(() => claimSlot({ store: s }, claim(period, { claimant: `process-${i}` })), {
              budgetMs: 20_000,
            }),
          ),
        ),
      );
      for (const [i, period] of periods.entries()) {
        const actions = [both[2 * i]?.action, both[2 * i + 1]?.action].sort();
        // The second finds the first's claim: it may only look for that post, never post afresh.
        expect(actions, period).toEqual(["post", "recover"]);
        expect(await getSlot(ctx(), GUILD, "weekly", period)).toMatchObject({ status: "claimed", attempts: 2 });
      }
    } finally {
      await other.close();
    }
  });

  it("takes a weekly post through claimed, posted and sent, and never posts a sent one again, even on post-now", async () => {
    expect(await claimSlot(ctx(), claim("2026-W10"))).toMatchObject({ action: "post", slot: { status: "claimed" } });
    await markPosted(ctx(), claim("2026-W10"), {
      messageId: "400000000000000001",
      contentId: "prompt-1",
      now: DUE,
      threadOwed: true,
    });
    expect(await claimSlot(ctx(), claim("2026-W10"))).toMatchObject({
      action: "thread",
      slot: { status: "posted", messageId: "400000000000000001", contentId: "prompt-1" },
    });
    await markSent(ctx(), claim("2026-W10"), { threadId: "400000000000000002" });
    expect(await claimSlot(ctx(), claim("2026-W10", { mode: "now" }))).toMatchObject({
      action: "skip",
      slot: { status: "sent", threadId: "400000000000000002" },
    });
  });

  it("takes a post that owes no thread from claimed to sent in one write, clearing an earlier attempt's note", async () => {
    await claimSlot(ctx(), claim("2026-W10"));
    await noteAttempt(ctx(), claim("2026-W10"), "no answer from Discord: timed out");
    expect(await claimSlot(ctx(), claim("2026-W10"))).toMatchObject({ action: "recover" });
    await markPosted(ctx(), claim("2026-W10"), {
      messageId: "400000000000000001",
      contentId: "prompt-1",
      now: DUE,
      threadOwed: false,
    });
    expect(await getSlot(ctx(), GUILD, "weekly", "2026-W10")).toMatchObject({
      status: "sent",
      messageId: "400000000000000001",
      contentId: "prompt-1",
      sentAt: DUE,
      threadId: null,
      note: null,
    });
    expect(await claimSlot(ctx(), claim("2026-W10", { mode: "now" }))).toMatchObject({ action: "skip" });
  });

  it("reads what is due for a tick's schedules in batches, each answer as dueIn gives it alone, a bad zone only its own", async () => {
    const guilds = Array.from({ length: 1_100 }, (_, i) => (200000000000000100n + BigInt(i)).toString());
    const now = new Date("2026-03-02T09:30:00Z");
    const period = "2026-W10";
    for (const [i, guildId] of guilds.entries()) {
      if (i % 3 === 0) await claimSlot(ctx(), { ...claim(period), guildId });
      if (i % 6 === 0)
        await markPosted(
          ctx(),
          { ...claim(period), guildId },
          {
            messageId: "400000000000000001",
            contentId: null,
            now,
            threadOwed: i % 12 === 0,
          },
        );
    }
    const rule = (guildId: string) => ({
      kind: "weekly" as const,
      weekday: 1,
      time: "09:00",
      zone: guildId === guilds[700] ? "Mars/Olympus" : "UTC",
    });
    const asks = guilds.map((guildId) => ({
      guildId,
      kind: "weekly" as const,
      rule: rule(guildId),
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      catchUpHours: 12,
      now,
    }));
    const dues = await store.read(duesIn, asks);
    const actions = dues.map((due) => (due instanceof Error ? "error" : due.action));
    expect(actions.filter((a) => a === "error")).toHaveLength(1);
    expect(actions[700]).toBe("error");
    expect(new Set(actions)).toEqual(new Set(["post", "recover", "thread", "nothing", "error"]));
    for (const [i, ask] of asks.entries()) {
      if (i === 700) continue;
      const alone = await store.read(dueIn, { guildId: ask.guildId, kind: ask.kind }, ask);
      expect(dues[i], ask.guildId).toEqual(alone);
    }
  });

  it("gives a claim up as failed after its attempts are spent with no answer from Discord", async () => {
    const actions: string[] = [];
    for (let i = 0; i < 3; i++) actions.push((await claimSlot(ctx(), claim("2026-W10", { maxAttempts: 2 }))).action);
    expect(actions).toEqual(["post", "recover", "gave-up"]);
    expect(await getSlot(ctx(), GUILD, "weekly", "2026-W10")).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("records a missed slot as missed, an interrupted claim too, but never a post that was made", async () => {
    const missed = (period: string) =>
      recordMissed(ctx(), { ...claim(period), dueAt: DUE, channelId: CHANNEL, nonce: "n" }, "too late");
    await missed("2026-W10");
    await claimSlot(ctx(), claim("2026-W11"));
    await missed("2026-W11");
    await claimSlot(ctx(), claim("2026-W12"));
    await markSent(ctx(), claim("2026-W12"), {});
    await missed("2026-W12");
    const statuses = await Promise.all(
      ["2026-W10", "2026-W11", "2026-W12"].map(async (p) => (await getSlot(ctx(), GUILD, "weekly", p))?.status),
    );
    expect(statuses).toEqual(["missed", "missed", "sent"]);
    // A missed slot is posted only when an admin asks.
    expect((await claimSlot(ctx(), claim("2026-W10"))).action).toBe("skip");
    expect((await claimSlot(ctx(), claim("2026-W10", { mode: "now" }))).action).toBe("post");
  });
});

describe(`schedules on ${ENGINE}`, () => {
  it("pauses a schedule whose channel refused a post until an admin configures it again, and runs only the others", async () => {
    await configureSchedule(ctx(), settings, DUE);
    await configureSchedule(ctx(), { ...settings, guildId: "200000000000000002" }, DUE);
    expect(await pauseSchedule(ctx(), GUILD, "weekly", "300000000000000009", "elsewhere", DUE)).toBe(false);
    expect(await pauseSchedule(ctx(), GUILD, "weekly", CHANNEL, "403 Missing Access", DUE)).toBe(true);
    expect((await activeSchedules(ctx())).map((s) => s.guildId)).toEqual(["200000000000000002"]);
    const later = new Date(DUE.getTime() + 60_000);
    expect(await configureSchedule(ctx(), { ...settings, time: "10:00" }, later)).toMatchObject({
      time: "10:00",
      pausedAt: null,
      pauseReason: null,
      effectiveFrom: later,
    });
    expect((await activeSchedules(ctx())).map((s) => s.guildId)).toEqual([GUILD, "200000000000000002"]);
  });

  it("stops a removed server's schedules from running, and turns a schedule off once", async () => {
    await configureSchedule(ctx(), settings, DUE);
    await store.write(function* (s) {
      yield* run(s.db.insert(s.t.guildRemovals).values({ guildId: GUILD, removedAt: DUE }));
    });
    expect(await activeSchedules(ctx())).toEqual([]);
    expect(await removeSchedule(ctx(), GUILD, "weekly")).toBe(true);
    expect(await removeSchedule(ctx(), GUILD, "weekly")).toBe(false);
    expect(await getSchedule(ctx(), GUILD, "weekly")).toBeUndefined();
  });
});
