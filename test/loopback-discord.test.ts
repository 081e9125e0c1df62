import { DiscordAPIError, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyContent } from "./fixtures/content.js";
import { startTestBot, type TestBot } from "./support/harness.js";

/** The loopback Discord is what every end-to-end test trusts, so its own behaviour is pinned down here. */
describe("the loopback Discord", () => {
  let t: TestBot;
  const channel = () => t.discord.guild.channels[0]?.id ?? "";
  beforeAll(async () => {
    t = await startTestBot({ content: tinyContent });
  });
  afterAll(async () => {
    await t.stop();
  });

  it("lets the real client log in and see the guild", () => {
    expect(t.bot.client.guilds.cache.get(t.discord.guild.id)?.name).toBe(t.discord.guild.name);
    expect(t.discord.connectedClients).toBe(1);
  });

  it("answers a 429 with Retry-After, which discord.js obeys before retrying", async () => {
    t.discord.fail({ path: `/channels/${channel()}/messages`, status: 429, retryAfter: 0.2 });
    const started = Date.now();
    await t.bot.client.rest.post(Routes.channelMessages(channel()), {
      body: { content: "hi", allowed_mentions: { parse: [] } },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    const attempts = t.discord.calls.filter((c) => c.path === `/channels/${channel()}/messages`);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it("rejects with Discord's codes for 403 and 404", async () => {
    t.discord.fail({ path: `/channels/${channel()}/messages`, status: 403 });
    const send = () =>
      t.bot.client.rest.post(Routes.channelMessages(channel()), {
        body: { content: "x", allowed_mentions: { parse: [] } },
      });
    await expect(send()).rejects.toMatchObject({ code: 50013, status: 403 });
    t.discord.fail({ path: `/channels/${channel()}/messages`, status: 404 });
    await expect(send()).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(t.bot.client.rest.get(Routes.channel("999999999999999999"))).rejects.toMatchObject({ code: 10003 });
  });

  it("refuses and records a payload over Discord's limits that its spec leaves out", async () => {
    // The spec allows 4000 characters of content and says nothing of the 6000 across a message's embeds.
    const before = t.discord.violations.length;
    const embeds = [{ description: "x".repeat(3500) }, { description: "y".repeat(3500) }];
    await expect(
      t.bot.client.rest.post(Routes.channelMessages(channel()), {
        body: { content: "z".repeat(2500), embeds, allowed_mentions: { parse: [] } },
      }),
    ).rejects.toMatchObject({ code: 50035 });
    const recorded = t.discord.violations.slice(before);
    expect(recorded.some((v) => v.includes("content has 2500 characters"))).toBe(true);
    expect(recorded.some((v) => v.includes("7000 characters together"))).toBe(true);
    t.discord.violations.splice(before);
  });

  it("flags a message that does not say which mentions it allows", async () => {
    const before = t.discord.violations.length;
    await expect(
      t.bot.client.rest.post(Routes.channelMessages(channel()), { body: { content: "@everyone" } }),
    ).rejects.toMatchObject({ code: 50035 });
    expect(t.discord.violations.slice(before).join()).toMatch(/allowed_mentions/);
    t.discord.violations.splice(before);
  });

  it("returns the first message for a repeated enforced nonce instead of posting twice", async () => {
    const body = { content: "weekly", nonce: "w-2026-W10", enforce_nonce: true, allowed_mentions: { parse: [] } };
    const first = (await t.bot.client.rest.post(Routes.channelMessages(channel()), { body })) as { id: string };
    const second = (await t.bot.client.rest.post(Routes.channelMessages(channel()), { body })) as { id: string };
    expect(second.id).toBe(first.id);
    expect(t.discord.channelMessages.get(channel())?.filter((m) => m.content === "weekly")).toHaveLength(1);
  });

  it("answers 5xx, which discord.js retries", async () => {
    t.discord.fail({ path: `/channels/${channel()}/messages`, status: 502, times: 2 });
    await t.bot.client.rest.post(Routes.channelMessages(channel()), {
      body: { content: "after 5xx", allowed_mentions: { parse: [] } },
    });
    const statuses = t.discord.calls
      .filter((c) => c.path === `/channels/${channel()}/messages`)
      .slice(-3)
      .map((c) => c.status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it("enforces a global request rate with global 429s", async () => {
    const { LoopbackDiscord } = await import("./support/loopback-discord.js");
    const limited = await LoopbackDiscord.start({ globalRateLimit: 5 });
    const auth = { authorization: `Bot ${limited.token}` };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${limited.apiBase}/v10/users/@me`, { headers: auth });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get("x-ratelimit-global")).toBe("true");
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(limited.rateLimited).toBe(3);
    await limited.close();
  });

  it("recorded no violation the bot did not mean to provoke", () => {
    expect(t.discord.violations).toEqual([]);
  });
});
