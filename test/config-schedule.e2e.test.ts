import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { getSchedule } from "../src/schedule/store.js";
import { asAdmin, fieldOf, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { ADMIN_PERMISSIONS, aUser, type FakeGuild, MEMBER_PERMISSIONS } from "./support/loopback-discord.js";
import { manyGuilds } from "./support/schedule-rig.js";

const EPHEMERAL = 64;
/** A server manager: ordinary member rights plus Manage Server, without Administrator. */
const MANAGER = String(BigInt(MEMBER_PERMISSIONS) | (1n << 5n));
const MENTION_EVERYONE = 1n << 17n;
const SEND_MESSAGES = 1n << 11n;
/** Create Public Threads and Send Messages in Threads, which @everyone lacks in the loopback by default. */
const THREAD_PERMISSIONS = String((1n << 35n) | (1n << 38n));

/** Four servers: three where Gradient has a role with thread rights, one whose channel denies it Send Messages. */
function servers(): FakeGuild[] {
  return manyGuilds(4).map((guild, i) => {
    if (i === 3) {
      const channel = guild.channels[0];
      if (channel) channel.overwrites = [{ id: guild.id, type: 0, deny: String(SEND_MESSAGES) }];
      return guild;
    }
    const botRole = (500000000000000000n + BigInt(i + 1)).toString();
    const pingRole = (510000000000000000n + BigInt(i + 1)).toString();
    return {
      ...guild,
      roles: [
        { id: botRole, name: "Gradient", permissions: THREAD_PERMISSIONS },
        { id: pingRole, name: "Daily learners", mentionable: false },
      ],
      botRoles: [botRole],
      channels: [...guild.channels, { id: (310000000000000000n + BigInt(i + 1)).toString(), name: "voice", type: 2 }],
    };
  });
}

describe("/config and /schedule", () => {
  const guilds = servers();
  const [healthy, forbidden, other, locked] = guilds as [FakeGuild, FakeGuild, FakeGuild, FakeGuild];
  const channelOf = (g: FakeGuild) => g.channels[0]?.id ?? "";
  const clock = new ManualClock("2026-03-02T08:00:00Z");
  let t: TestBot;
  const run = (
    guild: FakeGuild,
    command: string,
    sub: string,
    values: Record<string, string | number | boolean> = {},
  ) => asAdmin(t.discord, guild.id, command, sub, values);

  beforeAll(async () => {
    t = await startTestBot({ clock, loopback: { guilds } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it("registers both commands for server managers only, inside servers only", () => {
    for (const name of ["config", "schedule"]) {
      const data = t.bot.commands.get(name)?.data;
      expect(data?.default_member_permissions).toBe("32");
      expect(data?.contexts).toEqual([0]);
    }
  });

  it("refuses a time that is not HH:MM, privately, and changes nothing", async () => {
    for (const time of ["9am", "24:00", "12:5"]) {
      const reply = await run(healthy, "config", "weekly", { channel: channelOf(healthy), day: "mon", time });
      expect(reply.final).toMatchObject({ flags: EPHEMERAL });
      expect(reply.final.content).toMatch(/not a time\. Use 24-hour HH:MM.*Nothing was changed/);
    }
    expect(await getSchedule(t.bot.ctx, healthy.id, "weekly")).toBeUndefined();
  });

  it("refuses a channel that is not a text channel, and an unknown time zone", async () => {
    const voice = healthy.channels[1]?.id ?? "";
    const reply = await run(healthy, "config", "weekly", { channel: voice, day: "mon", time: "09:00" });
    expect(reply.final.content).toMatch(/is not a text channel/);
    const zone = await run(healthy, "config", "timezone", { zone: "Mars/Olympus" });
    expect(zone.final.content).toMatch(/not a time zone Gradient knows.*Nothing was changed/);
    expect(await getSchedule(t.bot.ctx, healthy.id, "weekly")).toBeUndefined();
  });

  it("suggests time zones as the admin types", async () => {
    const sent = t.discord.autocomplete(
      "config",
      [{ type: 1, name: "timezone", options: [{ type: 3, name: "zone", value: "new yo", focused: true }] }],
      { guildId: healthy.id, user: aUser(1), permissions: ADMIN_PERMISSIONS },
    );
    const reply = await t.discord.reply(sent);
    const choices = (reply.callback.data?.choices ?? []) as { value: string }[];
    expect(choices[0]?.value).toBe("America/New_York");
  });

  it("saves a weekly schedule and answers with the next post in the server's zone", async () => {
    for (const guild of [healthy, forbidden, other]) {
      const reply = await run(guild, "config", "weekly", { channel: channelOf(guild), day: "mon", time: "09:00" });
      expect(reply.final.content).toMatch(/^Weekly study prompt saved\.\nNext post: Mon 2 Mar 2026, 09:00 UTC/);
    }
    expect(await getSchedule(t.bot.ctx, healthy.id, "weekly")).toMatchObject({
      weekday: 1,
      time: "09:00",
      thread: true,
    });
  });

  it("warns at once, and in /config show, when Gradient lacks permissions in the channel", async () => {
    const saved = await run(locked, "config", "weekly", { channel: channelOf(locked), day: "mon", time: "09:00" });
    expect(saved.final.content).toContain("Fix these first");
    expect(saved.final.content).toContain("**Send Messages**");
    const show = await run(locked, "config", "show");
    const problems = fieldOf(show, "Problems found") ?? "";
    expect(problems).toContain("lacks **Send Messages**");
    expect(problems).toContain("lacks **Create Public Threads**");
    expect(fieldOf(await run(healthy, "config", "show"), "Problems found")).toBe("None.");
    // Not this test's subject: keep the locked server out of the posting below.
    await run(locked, "config", "off", { kind: "weekly" });
  });

  it("when one server's channel answers 403: pauses that server, posts everyone else, and /config show says why and how to fix it", async () => {
    t.discord.fail({
      method: "POST",
      path: `/channels/${channelOf(forbidden)}/messages`,
      status: 403,
      times: Number.POSITIVE_INFINITY,
    });
    clock.set("2026-03-02T09:00:00Z");
    await t.bot.scheduler.tick();
    for (const guild of [healthy, other]) {
      expect(t.discord.channelMessages.get(channelOf(guild))).toHaveLength(1);
      expect(t.discord.threads.filter((th) => th.parent_id === channelOf(guild))).toHaveLength(1);
    }
    expect(t.discord.channelMessages.get(channelOf(forbidden)) ?? []).toHaveLength(0);

    const show = await run(forbidden, "config", "show");
    const weekly = fieldOf(show, "Weekly study prompt") ?? "";
    expect(weekly).toContain("**Paused**");
    expect(weekly).toMatch(/403 Missing Permissions.*Give Gradient View Channel, Send Messages.*\/config weekly again/);
    expect(fieldOf(show, "Problems found")).toMatch(/Weekly study prompt is paused/);
    expect(weekly).toMatch(/2026-W10 \*\*failed\*\*/);

    t.discord.clearFaults();
    await run(forbidden, "config", "weekly", { channel: channelOf(forbidden), day: "mon", time: "09:00" });
    const after = await run(forbidden, "config", "show");
    expect(fieldOf(after, "Weekly study prompt")).not.toContain("Paused");
    expect(fieldOf(after, "Weekly study prompt")).toMatch(/Next: Mon 9 Mar 2026, 09:00 UTC/);
  });

  it("posts this week's prompt on request, counting it as this week's, and only once", async () => {
    const first = await run(forbidden, "schedule", "post-now", { kind: "weekly" });
    expect(first.final.content).toMatch(/^Posted this week's prompt: https:\/\/discord.com\/channels\//);
    const second = await run(forbidden, "schedule", "post-now", { kind: "weekly" });
    expect(second.final.content).toMatch(/already posted: https:/);
    expect(t.discord.channelMessages.get(channelOf(forbidden))).toHaveLength(1);
    const daily = await run(forbidden, "schedule", "post-now", { kind: "daily" });
    expect(daily.final.content).toMatch(/not set up\. Set it up with `\/config daily` first/);
  });

  it("previews the coming posts in local time, across a daylight-saving change", async () => {
    const preview = async (guild: FakeGuild) => {
      const reply = await run(guild, "schedule", "preview", { count: 3 });
      return ((reply.final.embeds as { description: string }[])[0]?.description ?? "").split("\n");
    };
    await run(locked, "config", "timezone", { zone: "America/New_York" });
    await run(locked, "config", "weekly", { channel: channelOf(locked), day: "sun", time: "02:30" });
    const lines = await preview(locked);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/Sun 8 Mar 2026, 03:30 EDT.*clocks jump forward, so it posts 60 min later/);
    expect(lines[1]).toMatch(/Sun 15 Mar 2026, 02:30 EDT/);
    expect(lines[2]).toMatch(/Sun 22 Mar 2026, 02:30 EDT/);
    // Moved to Sunday after this ISO week's Monday post: this week is done, so the next is the 15th.
    await run(other, "config", "weekly", { channel: channelOf(other), day: "sun", time: "02:30" });
    expect((await preview(other))[0]).toMatch(/Sun 15 Mar 2026, 02:30 UTC/);
    await run(locked, "config", "off", { kind: "weekly" });
  });

  it("posts the daily challenge pinging a role, and warns that the role cannot be pinged without the permission", async () => {
    const role = healthy.roles?.[1]?.id ?? "";
    const saved = await run(healthy, "config", "daily", { channel: channelOf(healthy), time: "10:00", role });
    expect(saved.final.content).toMatch(/is not mentionable and Gradient lacks \*\*Mention @everyone/);
    clock.set("2026-03-02T10:00:00Z");
    await t.bot.scheduler.tick();
    const messages = t.discord.channelMessages.get(channelOf(healthy)) ?? [];
    const post = messages.at(-1) ?? {};
    expect(post.content).toBe(`<@&${role}> today's challenge is up.`);
    const [complete] =
      (post.components as { components: { custom_id?: string; label: string }[] }[])[0]?.components ?? [];
    // The post's first button completes the day: Mark done, or Submit answer when the challenge has a checked one.
    const posted = t.bot.ctx.content.challenges.find((c) => c.title === (post.embeds as { title: string }[])[0]?.title);
    const member = { guildId: healthy.id, user: aUser(21) };
    let pressed = await t.discord.reply(t.discord.button(complete?.custom_id ?? "", post, member));
    if (posted?.answer) {
      expect(complete?.label).toBe("Submit answer");
      const { check } = posted.answer;
      const right =
        check.type === "number" ? String(check.value) : check.type === "text" ? check.accepted[0] : check.example;
      const modal = pressed.callback.data as { custom_id: string };
      pressed = await t.discord.reply(t.discord.modalSubmit(modal.custom_id, { answer: right ?? "" }, member));
    } else expect(complete?.label).toBe("Mark done");
    expect(pressed.final.content).toMatch(/completed today's challenge|solved today's challenge/);
    const show = await run(healthy, "config", "show");
    expect(fieldOf(show, "Daily challenge")).toMatch(/Every day at \*\*10:00\*\*.*pinging/);
  });

  it("refuses a manager a channel they can't send messages in, for every kind of post, and changes nothing", async () => {
    const channel = channelOf(locked);
    const asManager = (sub: string, values: Record<string, string | number | boolean>) =>
      t.discord.reply(
        t.discord.slash("config", subcommand(sub, values), {
          guildId: locked.id,
          user: aUser(2),
          permissions: MANAGER,
        }),
      );
    const tries = [
      asManager("weekly", { channel, day: "mon", time: "09:00" }),
      asManager("daily", { channel, time: "09:00" }),
      asManager("suggestions", { channel }),
      asManager("reminders", { mode: "channel", channel }),
    ];
    for (const reply of await Promise.all(tries))
      expect(reply.final.content).toBe(
        `You can't send messages in <#${channel}>, so Gradient won't post there for you. Pick a channel you can post in. Nothing was changed.`,
      );
    const show = await run(locked, "config", "show");
    expect(fieldOf(show, "Weekly")).toMatch(/^Off\./);
    expect(fieldOf(show, "Daily challenge")).toMatch(/^Off\./);
    expect(fieldOf(show, "Reminders")).toMatch(/^By direct message/);
    expect(fieldOf(show, "Suggestions")).toMatch(/^off/);
  });

  it("refuses a manager a ping role they could not mention themselves, and changes nothing", async () => {
    const role = other.roles?.[1]?.id ?? "";
    const values = { channel: channelOf(other), time: "10:00", role };
    const reply = await t.discord.reply(
      t.discord.slash("config", subcommand("daily", values), {
        guildId: other.id,
        user: aUser(2),
        permissions: MANAGER,
      }),
    );
    expect(reply.final.content).toBe(
      `<@&${role}> is not mentionable and you lack **Mention @everyone, @here and All Roles**, so you could not ping it yourself. Nothing was changed.`,
    );
    expect(await getSchedule(t.bot.ctx, other.id, "daily")).toBeUndefined();
    // With Mention @everyone they could ping it themselves, so Gradient may.
    const allowed = await t.discord.reply(
      t.discord.slash("config", subcommand("daily", values), {
        guildId: other.id,
        user: aUser(2),
        permissions: String(BigInt(MANAGER) | MENTION_EVERYONE),
      }),
    );
    expect(allowed.final.content).toMatch(/^Daily challenge saved\./);
    expect((await getSchedule(t.bot.ctx, other.id, "daily"))?.roleId).toBe(role);
  });

  it("turns a kind of post off", async () => {
    const off = await run(healthy, "config", "off", { kind: "daily" });
    expect(off.final.content).toMatch(/Daily challenge turned off/);
    const again = await run(healthy, "config", "off", { kind: "daily" });
    expect(again.final.content).toMatch(/was already off/);
    expect(fieldOf(await run(healthy, "config", "show"), "Daily challenge")).toMatch(/^Off\./);
  });

  it("sent nothing outside Discord's limits", () => {
    expect(t.discord.violations).toEqual([]);
  });
});
