import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { asAdmin, fieldOf, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, defaultGuild } from "./support/loopback-discord.js";

const GUILD = defaultGuild();
const GENERAL = GUILD.channels[0]?.id ?? "";

describe("channel reminders in a channel Discord refuses, end to end through discord.js", () => {
  const clock = new ManualClock("2026-03-02T09:00:00Z");
  let t: TestBot;
  const member = aUser(21);
  const tickAt = async (iso: string) => {
    clock.set(iso);
    return t.bot.reminders.tick();
  };
  const postsTried = () =>
    t.discord.calls.filter((c) => c.method === "POST" && c.path === `/channels/${GENERAL}/messages`);

  beforeAll(async () => {
    t = await startTestBot({ clock, loopback: { guilds: [GUILD] } });
    await asAdmin(t.discord, GUILD.id, "config", "reminders", { mode: "channel", channel: GENERAL });
    await t.discord.reply(t.discord.slash("remind", subcommand("at", { time: "09:10" }), { user: member }));
  });
  afterAll(async () => {
    await t.stop();
  });

  it("pauses them after a 403, says so with the fix in /config show, and resumes when the admin sets the channel again", async () => {
    t.discord.fail({ method: "POST", path: `/channels/${GENERAL}/messages`, status: 403, times: Infinity });
    const first = await tickAt("2026-03-02T09:10:00Z");
    expect(first.outcome.failed).toBe(1);
    expect(postsTried().map((c) => c.status)).toEqual([403]);

    const show = await asAdmin(t.discord, GUILD.id, "config", "show");
    expect(fieldOf(show, "Reminders")).toContain("⏸️ **Paused**");
    expect(fieldOf(show, "Problems found")).toContain(
      `Channel reminders are paused: Discord refused the reminder in <#${GENERAL}> (403 Missing Permissions). Give Gradient View Channel, Send Messages and Embed Links there, then run /config reminders again`,
    );

    // Not tried again the next days while paused.
    await tickAt("2026-03-03T09:10:00Z");
    await tickAt("2026-03-04T09:10:00Z");
    expect(postsTried()).toHaveLength(1);

    t.discord.clearFaults();
    const again = await asAdmin(t.discord, GUILD.id, "config", "reminders", { mode: "channel", channel: GENERAL });
    expect(again.final.content).toContain(`Reminders now go to <#${GENERAL}>`);
    expect(fieldOf(await asAdmin(t.discord, GUILD.id, "config", "show"), "Reminders")).not.toContain("Paused");
    await tickAt("2026-03-05T09:10:00Z");
    expect(postsTried().map((c) => c.status)).toEqual([403, 200]);
    expect(String(t.discord.channelMessages.get(GENERAL)?.at(-1)?.content)).toContain(`<@${member.id}>`);
  });
});
