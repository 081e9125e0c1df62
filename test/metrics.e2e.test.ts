import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../src/clock.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, LoopbackDiscord } from "./support/loopback-discord.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The value of one sample line, e.g. `gradient_interactions_total{command="about",outcome="ok"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split("\n")
    .find((l) =>
      l.startsWith(`${name}{`) || l.startsWith(`${name} `)
        ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`))
        : false,
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("METRICS_PORT: /livez, /readyz and /metrics scraped while the bot runs", () => {
  let discord: LoopbackDiscord;
  let t: TestBot | undefined;
  let base = "";
  const status = async (path: string) => (await fetch(`${base}${path}`).catch(() => null))?.status ?? 0;
  const scrape = async () => (await fetch(`${base}/metrics`)).text();

  afterAll(async () => {
    await t?.stop();
    await discord?.close();
  });

  it("says 503 on /readyz until the shard is ready, then 200; /livez is 200 throughout", async () => {
    discord = await LoopbackDiscord.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const release = discord.holdConnections();
    const starting = startTestBot({ discord, env: { METRICS_PORT: String(port) } });
    await until(async () => (await status("/livez")) === 200, 10_000, "/livez");
    expect(await status("/readyz")).toBe(503);
    release();
    t = await starting;
    expect(await status("/readyz")).toBe(200);
    expect(await status("/livez")).toBe(200);
  });

  it("counts interactions by command and outcome, with their latency", async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) await discord.reply(discord.slash("about", [], { user: aUser(i) }));
    // A guild-only command in a DM: the member is told so (a user error, not a failure).
    await discord.reply(discord.slash("streak", [], { user: aUser(5), guildId: null }));
    // An interaction is counted when its handling ends, which can be a moment after the member has the reply (the
    // owed-notice look comes after it): scraped until every one is in, and never more.
    const ok = { command: "about", outcome: "ok" };
    const refused = { command: "streak", outcome: "user_error" };
    const count = "gradient_interaction_duration_seconds_count";
    const since = (metrics: string, name: string, labels: Record<string, string>) =>
      sample(metrics, name, labels) - sample(before, name, labels);
    const counted = async () => {
      const now = await scrape();
      return [
        since(now, "gradient_interactions_total", ok),
        since(now, "gradient_interactions_total", refused),
        since(now, count, { command: "about" }),
      ];
    };
    await expect.poll(counted).toEqual([3, 1, 3]);
    const after = await scrape();
    expect(await counted()).toEqual([3, 1, 3]);
    expect(sample(after, "gradient_gateway_ready", { shard: "0" })).toBe(1);
    for (const name of [
      "gradient_scheduled_posts_total",
      "gradient_pacer_delayed_requests_total",
      "gradient_discord_429_total",
      "gradient_process_resident_memory_bytes",
    ])
      expect(after).toContain(`# TYPE ${name}`);
  });

  it("counts Discord's 4xx answers by status and route, from scheduled posts and from reminders", async () => {
    if (!t) throw new Error("the bot did not start");
    const bot = t;
    const [general = "", prompts = ""] = discord.guild.channels.map((c) => c.id);
    const invalid = "gradient_discord_invalid_requests_total";
    const post = { route: "POST /channels/:id/messages" };
    const before = await scrape();
    await asAdmin(discord, discord.guild.id, "config", "daily", { channel: general, time: "23:00" });
    discord.fail({ method: "POST", path: `/channels/${general}/messages`, status: 403 });
    expect((await bot.bot.scheduler.postNow(discord.guild.id, "daily")).status).toBe("paused");
    await asAdmin(discord, discord.guild.id, "config", "reminders", { mode: "channel", channel: prompts });
    await discord.reply(discord.slash("remind", subcommand("at", { time: "12:30" }), { user: aUser(9) }));
    discord.fail({ method: "POST", path: `/channels/${prompts}/messages`, status: 404 });
    (bot.clock as ManualClock).set("2026-03-02T12:30:00Z");
    await bot.bot.reminders.tick();
    const after = await scrape();
    for (const status of ["403", "404"])
      expect(sample(after, invalid, { ...post, status }) - sample(before, invalid, { ...post, status })).toBe(1);
    expect(after).toContain(`# HELP ${invalid} `);
  });

  it("says 503 while a shard's connection is down and 200 once it has resumed", async () => {
    const release = discord.holdConnections();
    discord.dropShard(0);
    await until(async () => (await status("/readyz")) === 503, 10_000, "503 during the disconnect");
    expect(sample(await scrape(), "gradient_gateway_ready", { shard: "0" })).toBe(0);
    release();
    await until(async () => (await status("/readyz")) === 200, 10_000, "200 after the resume");
    // Resumed, not re-identified: the one IDENTIFY is still the only one.
    expect(discord.identifies).toHaveLength(1);
    const reply = await discord.reply(discord.slash("about", [], { user: aUser(8) }));
    expect(reply.callback.type).toBe(4);
  });
});
