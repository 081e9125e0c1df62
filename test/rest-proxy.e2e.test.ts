import { REST } from "discord.js";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { pacerShare, processRate } from "../src/bot.js";
import { parseConfig } from "../src/config/index.js";
import { Pacer, PRIORITY_HEADER, type Priority, pacedRequest } from "../src/discord/pacer.js";
import { type RestProxy, startRestProxy } from "../src/discord/rest-proxy.js";
import { ROOT, spawnBot } from "./support/harness.js";
import { type FakeGuild, LoopbackDiscord } from "./support/loopback-discord.js";
import { warmUp } from "./support/machines.js";
import { REST_PROXY_ARGS, type RestProxyProcess, spawnRestProxy } from "./support/rest-proxy.js";
import { manyGuilds, spreadGuilds } from "./support/schedule-rig.js";

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

/** Discord's limit the loopback holds the bot to, as Discord would: the 51st request within a second is a 429. */
const DISCORD_LIMIT = 50;

/** A server no test posts to, whose channel warms the loopback up (see warmUp). */
const SPARE: FakeGuild = {
  id: spreadGuilds(1)[0]?.id ?? "",
  name: "Warm-up",
  channels: [{ id: "399999999999999999", name: "warm-up" }],
};

let discord: LoopbackDiscord | undefined;
let proxy: RestProxy | undefined;
let spawned: RestProxyProcess | undefined;
afterEach(async () => {
  await proxy?.close();
  await spawned?.stop("SIGTERM");
  spawned = undefined;
  await discord?.close();
  discord?.assertNoViolations();
  proxy = undefined;
  discord = undefined;
});

async function proxied(options: Parameters<typeof LoopbackDiscord.start>[0] = {}) {
  discord = await LoopbackDiscord.start(options);
  const config = parseConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase, REST_PROXY_PORT: "0" });
  proxy = await startRestProxy(config, log);
  return { discord, proxy };
}

/** The proxy as its own process, as it runs beside the machines (the loopback here is busy checking every request). */
async function proxiedProcess(options: Parameters<typeof LoopbackDiscord.start>[0] = {}) {
  discord = await LoopbackDiscord.start(options);
  await warmUp(discord, SPARE.channels[0]?.id ?? "");
  const running = await spawnRestProxy(discord.token, discord.apiBase);
  spawned = running;
  return { discord, proxy: running };
}

/**
 * A bot process's REST client as startBot builds it: paced at its share of the global limit (DISCORD_RATE_SHARE),
 * its background client marked for the proxy.
 */
function processRest(apiBase: string, token: string, share: string | undefined, priority: Priority = "first"): REST {
  const config = parseConfig({ DISCORD_TOKEN: token, ...(share ? { DISCORD_RATE_SHARE: share } : {}) });
  return new REST({
    api: apiBase,
    globalRequestsPerSecond: Math.ceil(processRate(config)),
    makeRequest: pacedRequest(new Pacer(pacerShare(config)), undefined, priority),
    ...(priority === "background" && share === "proxy" ? { headers: { [PRIORITY_HEADER]: "background" } } : {}),
  }).setToken(token);
}

const post = (rest: REST, channelId: string, content: string) =>
  rest.post(`/channels/${channelId}/messages`, { body: { content, allowed_mentions: { parse: [] } } });

describe("the REST proxy (npm run rest-proxy)", () => {
  it("forwards the bot's requests to Discord and answers with Discord's answer", async () => {
    const { discord, proxy } = await proxied();
    const rest = new REST({ api: proxy.apiBase }).setToken(discord.token);
    expect(await rest.get("/users/@me")).toMatchObject({ id: discord.botUser.id, bot: true });
    const channel = discord.guild.channels[0]?.id ?? "";
    await post(rest, channel, "through the proxy");
    expect(discord.channelMessages.get(channel)?.map((m) => m.content)).toEqual(["through the proxy"]);
    // Discord's errors come back as they are.
    await expect(rest.get("/channels/1/messages")).rejects.toMatchObject({ status: 404 });
    // A base without /api reaches the same routes.
    const bare = new REST({ api: proxy.apiBase.replace(/\/api$/, "") }).setToken(discord.token);
    expect(await bare.get("/users/@me")).toMatchObject({ id: discord.botUser.id });
  });

  it("refuses another token, or none, with 401 and sends Discord nothing", async () => {
    const { discord, proxy } = await proxied();
    const before = discord.calls.length;
    const other = await fetch(`${proxy.apiBase}/v10/users/@me`, { headers: { Authorization: "Bot someone.else" } });
    expect(other.status).toBe(401);
    const none = await fetch(`${proxy.apiBase}/v10/users/@me`);
    expect(none.status).toBe(401);
    expect(discord.calls.length).toBe(before);
  });

  it("holds two processes' fan-outs together under Discord's 50 a second: 0 429s, where alone they meet 429s", async () => {
    const guilds = manyGuilds(300);
    const { discord, proxy } = await proxiedProcess({ guilds: [SPARE, ...guilds], globalRateLimit: DISCORD_LIMIT });
    // Each process paces at the full rate (DISCORD_RATE_SHARE=proxy): together they offer twice what Discord takes.
    const a = processRest(proxy.apiBase, discord.token, "proxy");
    const b = processRest(proxy.apiBase, discord.token, "proxy");
    const channels = guilds.map((g) => g.channels[0]?.id ?? "");
    const started = performance.now();
    await Promise.all(channels.map((channel, i) => post(i % 2 === 0 ? a : b, channel, `post ${i}`)));
    const seconds = (performance.now() - started) / 1000;
    expect(discord.rateLimited).toBe(0);
    for (const channel of channels) expect(discord.channelMessages.get(channel)).toHaveLength(1);
    // 300 requests: no faster than the limit allows (the proxy's rhythm is 45.5 a second).
    expect(seconds).toBeGreaterThan(300 / DISCORD_LIMIT);

    // The same two processes without the proxy, each believing it has the whole limit.
    const direct = [
      processRest(discord.apiBase, discord.token, "proxy"),
      processRest(discord.apiBase, discord.token, "proxy"),
    ];
    await Promise.all(channels.slice(0, 200).map((channel, i) => post(direct[i % 2] as REST, channel, `again ${i}`)));
    expect(discord.rateLimited).toBeGreaterThan(0);
  }, 60_000);

  it("serves every machine's posts before any process's background work", async () => {
    const guilds = manyGuilds(240);
    const { discord, proxy } = await proxiedProcess({ guilds: [SPARE, ...guilds], globalRateLimit: DISCORD_LIMIT });
    const posts = processRest(proxy.apiBase, discord.token, "proxy");
    const reminders = processRest(proxy.apiBase, discord.token, "proxy", "background");
    const channels = guilds.map((g) => g.channels[0]?.id ?? "");
    const postChannels = new Set(channels.slice(0, 120));
    // The reminder wave starts first, the posts a moment later from another process.
    const wave = channels.slice(120).map((channel, i) => post(reminders, channel, `reminder ${i}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all([...postChannels].map((channel, i) => post(posts, channel, `post ${i}`)));
    const landed = discord.calls.filter((c) => c.method === "POST" && c.status === 200);
    const lastPost = landed.findLastIndex((c) => postChannels.has(c.path.split("/")[2] ?? ""));
    const remindersBeforeLastPost = landed
      .slice(0, lastPost)
      .filter((c) => !postChannels.has(c.path.split("/")[2] ?? ""));
    // Only what was already on its way when the posts arrived (about 0.2 s of reminders) goes ahead of them; in
    // arrival order the two would share the second half.
    expect(remindersBeforeLastPost.length).toBeLessThan(30);
    await Promise.all(wave);
    expect(discord.rateLimited).toBe(0);
  }, 60_000);

  it("runs as npm run rest-proxy, and refuses to forward to itself", async () => {
    discord = await LoopbackDiscord.start();
    const running = await spawnRestProxy(discord.token, discord.apiBase);
    try {
      const rest = new REST({ api: running.apiBase }).setToken(discord.token);
      expect(await rest.get("/users/@me")).toMatchObject({ id: discord.botUser.id });
    } finally {
      expect(await running.stop("SIGTERM")).toBe(0);
    }
    // A machine's .env copied to the proxy: its DISCORD_API_BASE names the proxy's own address.
    const loop = spawnBot(
      { DISCORD_TOKEN: discord.token, DISCORD_API_BASE: "http://127.0.0.1:8999/api", REST_PROXY_PORT: "8999" },
      ROOT,
      REST_PROXY_ARGS,
    );
    expect(await loop.exited).toBe(1);
    expect(loop.output()).toContain("DISCORD_API_BASE points at the proxy itself");
  });
});
