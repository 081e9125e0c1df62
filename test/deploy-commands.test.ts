import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCommandList } from "../src/discord/command-limits.js";
import { ROOT } from "./support/harness.js";
import { LoopbackDiscord } from "./support/loopback-discord.js";

const run = promisify(execFile);
const tsx = join(ROOT, "node_modules", ".bin", "tsx");
const script = join(ROOT, "src", "deploy-commands.ts");
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

describe("npm run deploy-commands", () => {
  let discord: LoopbackDiscord;
  beforeAll(async () => {
    discord = await LoopbackDiscord.start();
  });
  afterAll(async () => {
    await discord.close();
  });

  it("--dry-run prints every command's JSON, within Discord's limits, without a token or network", async () => {
    const { stdout, stderr } = await run(tsx, [script, "--dry-run"], { cwd: ROOT, env: baseEnv });
    const body = JSON.parse(stdout) as { name: string }[];
    expect(body.map((c) => c.name)).toContain("about");
    expect(checkCommandList(body)).toEqual([]);
    expect(stderr).toMatch(/would be registered \(global\)/);
    expect(discord.calls).toHaveLength(0);
  });

  it("registers to DEV_GUILD_ID when set", async () => {
    const env = {
      ...baseEnv,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DEV_GUILD_ID: discord.guild.id,
    };
    const { stdout } = await run(tsx, [script], { cwd: ROOT, env });
    expect(stdout).toMatch(/^Registered \d+ commands guild/);
    expect(discord.registeredCommands.at(-1)?.scope).toBe(`guild:${discord.guild.id}`);
    expect(discord.violations).toEqual([]);
  });

  it("registers globally without DEV_GUILD_ID", async () => {
    const env = { ...baseEnv, DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase };
    await run(tsx, [script], { cwd: ROOT, env });
    expect(discord.registeredCommands.at(-1)?.scope).toBe("global");
  });

  it("explains a refused token in one line and exits 1", async () => {
    const env = { ...baseEnv, DISCORD_TOKEN: "wrong", DISCORD_API_BASE: discord.apiBase };
    const failure = await run(tsx, [script], { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/Discord refused the commands/);
  });
});
