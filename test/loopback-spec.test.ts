import { type DiscordAPIError, Routes } from "discord.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tinyContent } from "./fixtures/content.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { LoopbackDiscord } from "./support/loopback-discord.js";
import { checkRequest } from "./support/openapi.js";

/**
 * The loopback Discord holds every request to Discord's own OpenAPI spec, as Discord would: an off-spec one is
 * answered with Discord's error and recorded, so a test fails on it even when the bot swallows the error.
 */
describe("the loopback Discord, held to Discord's OpenAPI spec", () => {
  let t: TestBot;
  let before = 0;
  const channel = () => t.discord.guild.channels[0]?.id ?? "";
  const post = (body: unknown) => t.bot.client.rest.post(Routes.channelMessages(channel()), { body });
  /** The violations recorded since the test began, which the test then takes as seen. */
  const recorded = () => t.discord.violations.splice(before);

  beforeAll(async () => {
    t = await startTestBot({ content: tinyContent });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => {
    before = t.discord.violations.length;
  });
  afterEach(() => {
    expect(t.discord.violations).toEqual([]);
  });

  it("refuses a button without a custom_id with Discord's 400 Invalid Form Body, naming the field, and records it", async () => {
    const button = { type: 2, style: 1, label: "Mark done" };
    const error = (await post({ content: "x", components: [{ type: 1, components: [button] }] }).catch(
      (e: unknown) => e,
    )) as DiscordAPIError;
    expect(error).toMatchObject({ status: 400, code: 50035, message: expect.stringContaining("Invalid Form Body") });
    expect(error.rawError).toMatchObject({
      errors: {
        components: { 0: { components: { 0: { custom_id: { _errors: [{ code: "BASE_TYPE_REQUIRED" }] } } } } },
      },
    });
    expect(recorded()).toEqual([
      `POST /channels/${channel()}/messages is off Discord's spec: components.0.components.0.custom_id: This field is required`,
    ]);
  });

  it("refuses an embed over the spec's lengths, with every field at fault", async () => {
    const embed = {
      title: "x".repeat(300),
      fields: Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: "v" })),
    };
    await expect(post({ embeds: [embed], allowed_mentions: { parse: [] } })).rejects.toMatchObject({ code: 50035 });
    const problems = recorded().join("\n");
    expect(problems).toContain("embeds.0.title: Must be 256 or fewer in length.");
    expect(problems).toContain("embeds.0.fields: Must be 25 or fewer in length.");
  });

  it("answers a route Discord does not have with 404 and a method it does not take with 405, recording both", async () => {
    await expect(t.bot.client.rest.get("/guilds/1/no-such-thing")).rejects.toMatchObject({ status: 404, code: 0 });
    await expect(t.bot.client.rest.delete(Routes.gatewayBot())).rejects.toMatchObject({ status: 405, code: 0 });
    expect(recorded()).toEqual([
      "GET /guilds/1/no-such-thing is off Discord's spec: no route /guilds/1/no-such-thing in Discord's API",
      "DELETE /gateway/bot is off Discord's spec: DELETE is not a method of /gateway/bot",
    ]);
  });

  it("checks query parameters: an unknown one, and a limit outside 1-100, are refused", async () => {
    const query = new URLSearchParams({ limit: "200", newest: "true" });
    await expect(t.bot.client.rest.get(Routes.channelMessages(channel()), { query })).rejects.toMatchObject({
      status: 400,
      rawError: { errors: { limit: { _errors: [{ code: "NUMBER_TYPE_COERCE" }] }, newest: expect.anything() } },
    });
    expect(recorded()).toHaveLength(2);
    const fine = new URLSearchParams({ limit: "10" });
    await expect(t.bot.client.rest.get(Routes.channelMessages(channel()), { query: fine })).resolves.toBeInstanceOf(
      Array,
    );
  });

  it("refuses a channel id that is not a snowflake", async () => {
    await expect(t.bot.client.rest.get(Routes.channel("general"))).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(recorded().join()).toContain("channel_id");
  });

  it("accepts a message with buttons, a select and embeds, and answers with the message as Discord describes it", async () => {
    const message = (await post({
      content: "Today's challenge",
      embeds: [{ title: "Attention", fields: [{ name: "Level", value: "2" }] }],
      components: [
        { type: 1, components: [{ type: 2, style: 3, label: "Mark done", custom_id: "challenge:done" }] },
        { type: 1, components: [{ type: 2, style: 5, label: "Read", url: "https://arxiv.org/abs/1706.03762" }] },
        { type: 1, components: [{ type: 3, custom_id: "pick", options: [{ label: "A", value: "a" }] }] },
      ],
      allowed_mentions: { parse: [] },
    })) as { embeds: unknown[]; components: { id: number; components: { id: number }[] }[] };
    expect(message.embeds).toEqual([
      { type: "rich", title: "Attention", fields: [{ name: "Level", value: "2", inline: false }] },
    ]);
    expect(message.components.flatMap((row) => [row.id, ...row.components.map((c) => c.id)])).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it("accepts integer fields sent as integer strings, as Discord does, and refuses strings that are not integers", async () => {
    await post({ content: "quiet", flags: "4", allowed_mentions: { parse: [] } });
    const command = { name: "config", description: "Server settings", default_member_permissions: "32" };
    await t.bot.client.rest.put(Routes.applicationCommands(t.discord.applicationId), { body: [command] });
    await expect(post({ content: "x", flags: "four", allowed_mentions: { parse: [] } })).rejects.toMatchObject({
      rawError: { errors: { flags: { _errors: [{ code: "NUMBER_TYPE_COERCE" }] } } },
    });
    expect(recorded()).toEqual([
      `POST /channels/${channel()}/messages is off Discord's spec: flags: Value "four" is not an integer in range.`,
    ]);
  });

  it("reads a nonce of digits as the string it is, not as two matching shapes of one union", async () => {
    await post({ content: "weekly", nonce: "2026031009", enforce_nonce: true, allowed_mentions: { parse: [] } });
    await post({ content: "weekly", nonce: 2026031010, enforce_nonce: true, allowed_mentions: { parse: [] } });
    await expect(post({ content: "x", nonce: "n".repeat(26), allowed_mentions: { parse: [] } })).rejects.toMatchObject({
      code: 50035,
    });
    expect(recorded().join()).toContain("nonce");
  });

  it("refuses a new thread that is half forum post, half text thread (a union means one of its shapes)", async () => {
    const body = { name: "discussion", type: 11, message: { content: "hello" } };
    await expect(t.bot.client.rest.post(Routes.threads(channel()), { body })).rejects.toMatchObject({ code: 50035 });
    expect(recorded().join("\n")).toMatch(/type: Belongs to another shape[\s\S]*message: Belongs to another shape/);
  });
});

describe("interaction callbacks on a bare loopback Discord", () => {
  const callback = (discord: LoopbackDiscord, sent: { id: string; token: string }, body: unknown, query = "") =>
    fetch(`${discord.apiBase}/v10/interactions/${sent.id}/${sent.token}/callback${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("refuses a callback of a type Discord does not have, and records it", async () => {
    const discord = await LoopbackDiscord.start();
    const sent = discord.slash("about");
    const res = await callback(discord, sent, { type: 3 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 50035,
      errors: { type: { _errors: [{ code: "BASE_TYPE_CHOICES" }] } },
    });
    expect(discord.violations.splice(0).join()).toContain("type: Value must be one of");
    await discord.close();
  });

  it("answers a callback asked with_response with the interaction and its message, as the spec shapes them", async () => {
    const discord = await LoopbackDiscord.start();
    const sent = discord.slash("about");
    const data = { content: "hi", flags: 64, allowed_mentions: { parse: [] } };
    const res = await callback(discord, sent, { type: 4, data }, "?with_response=true");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      interaction: { id: sent.id, type: 2, response_message_ephemeral: true },
      resource: { type: 4, message: { content: "hi", flags: 64 } },
    });
    expect(discord.violations).toEqual([]);
    await discord.close();
  });
});

describe("the loopback Discord's own answers", () => {
  it("are checked against the spec's response schema, so an answer missing a field is caught", () => {
    const check = checkRequest({ method: "GET", path: "/users/@me", query: new URLSearchParams(), body: undefined });
    if (!check.ok) throw new Error(check.problems.join());
    expect(check.operation.checkResponse(200, { id: "1", username: "x" })).toContain("avatar: This field is required");
    expect(check.operation.checkResponse(204, undefined)).toEqual([
      "Discord's spec has no 204 answer to GET /users/@me",
    ]);
  });
});
