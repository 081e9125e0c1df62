import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, fieldOf, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser } from "./support/loopback-discord.js";

/** A library without checked answers, so every reminder's Mark done completes the day on its own. */
const LIBRARY = {
  ...makeLibrary([4, 5, 3]),
  prompts: [
    {
      id: "week-one",
      theme: "area-1",
      title: "What did you learn this week?",
      question: "Which idea from this week's challenges would you explain to a friend first, and why?",
      project: "Write a one-page note on one challenge you did this week and share it in the thread.",
      resources: ["guide-one"],
    },
  ],
};

const DAY = 86_400_000;
const MANAGE_ROLES = String(1n << 28n);
const ROLE_7 = "700000000000000007";
const ROLE_30 = "700000000000000030";
const MODERATORS = "700000000000000099";
const ADMIN_ROLE = "700000000000000098";
const BOT_ROLE = "700000000000000097";
const guild: FakeGuild = {
  id: "200000000000000001",
  name: "ML Study Hall",
  channels: [{ id: "300000000000000001", name: "general" }],
  // Positions follow the order: the bot's role sits above the 7-day role and below the 30-day one.
  roles: [
    { id: ROLE_7, name: "Week streak" },
    { id: "700000000000000001", name: "Gradient", permissions: MANAGE_ROLES },
    { id: ROLE_30, name: "Month streak" },
    { id: ADMIN_ROLE, name: "Admins", permissions: "8" },
    { id: BOT_ROLE, name: "OtherBot", managed: true },
    // The admin running /config (aUser(1), see asAdmin) sits at the top.
    { id: MODERATORS, name: "Moderators" },
  ],
  botRoles: ["700000000000000001"],
  memberRoles: { [aUser(1).id]: [MODERATORS], [aUser(9).id]: [ROLE_7] },
};

describe("milestone roles, end to end", () => {
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let t: TestBot;
  const done = (user: FakeUser) =>
    t.discord.reply(t.discord.slash("challenge", subcommand("done"), { user, guildId: guild.id }));
  const streakOf = async (user: FakeUser, days: number) => {
    for (let i = 0; i < days; i++) {
      await done(user);
      clock.advance(DAY);
    }
  };

  beforeAll(async () => {
    t = await startTestBot({ content: LIBRARY, clock, loopback: { guilds: [guild] } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it("grants the role once when a streak first reaches 7 days, and the member keeps it after losing the streak", async () => {
    const set = await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 7, role: ROLE_7 });
    expect(set.final.content).toContain(`reaches 7 days from now on get <@&${ROLE_7}>`);
    expect(set.final.content).not.toContain("Fix these first");
    const member = aUser(1);
    await streakOf(member, 6);
    await t.bot.reminders.tick();
    expect(t.discord.roleGrants).toEqual([]);
    await streakOf(member, 1);
    await t.bot.reminders.tick();
    await t.bot.reminders.tick();
    expect(t.discord.roleGrants).toEqual([{ guildId: guild.id, userId: member.id, roleId: ROLE_7 }]);
    // The streak breaks, then reaches 7 again: the role stays and is not granted a second time.
    clock.advance(4 * DAY);
    await streakOf(member, 7);
    await t.bot.reminders.tick();
    expect(t.discord.roleGrants).toHaveLength(1);
    expect(t.discord.calls.filter((c) => c.method === "DELETE")).toEqual([]);
  });

  it("reports a role above Gradient's in /config show before any grant", async () => {
    const set = await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 30, role: ROLE_30 });
    expect(set.final.content).toContain("is above (or level with) Gradient's highest role");
    const show = await asAdmin(t.discord, guild.id, "config", "show");
    expect(fieldOf(show, "Problems found")).toContain(
      `<@&${ROLE_30}> is above (or level with) Gradient's highest role`,
    );
    await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 30, clear: true });
  });

  it("reports Discord's 403 on a grant in /config show with the fix, and does not retry it member after member", async () => {
    await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 7, role: ROLE_7 });
    t.discord.fail({ method: "PUT", path: /\/roles\//, status: 403, times: Number.POSITIVE_INFINITY });
    const members = [aUser(2), aUser(3), aUser(4)];
    for (let i = 0; i < 7; i++) {
      for (const member of members) await done(member);
      clock.advance(DAY);
    }
    await t.bot.reminders.tick();
    await t.bot.reminders.tick();
    const puts = t.discord.calls.filter((c) => c.method === "PUT" && c.path.includes("/roles/") && c.status === 403);
    expect(puts).toHaveLength(1);
    const show = await asAdmin(t.discord, guild.id, "config", "show");
    expect(fieldOf(show, "Milestone roles")).toContain("paused");
    expect(fieldOf(show, "Problems found")).toContain(
      `Discord refused to grant <@&${ROLE_7}> (403 Missing Permissions). Give Gradient **Manage Roles**`,
    );
    // Setting the role again is the fix: the problem is cleared.
    t.discord.clearFaults();
    await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 7, role: ROLE_7 });
    const fixed = await asAdmin(t.discord, guild.id, "config", "show");
    expect(fieldOf(fixed, "Problems found")).toBe("None.");
  });

  it("refuses a milestone role carrying Administrator, naming the permission, and grants nothing", async () => {
    const refused = await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 30, role: ADMIN_ROLE });
    expect(refused.final.content).toContain(`<@&${ADMIN_ROLE}> carries **Administrator**`);
    expect(refused.final.content).toContain("Nothing was changed.");
    const show = await asAdmin(t.discord, guild.id, "config", "show");
    expect(fieldOf(show, "Milestone roles")).not.toContain(ADMIN_ROLE);
  });

  it("refuses a role managed by an integration", async () => {
    const refused = await asAdmin(t.discord, guild.id, "config", "milestone-role", { days: 30, role: BOT_ROLE });
    expect(refused.final.content).toContain(`<@&${BOT_ROLE}> is managed by an integration`);
    expect(fieldOf(await asAdmin(t.discord, guild.id, "config", "show"), "Milestone roles")).not.toContain(BOT_ROLE);
  });

  it("refuses a manager whose highest role is not above the role, and one without Manage Roles", async () => {
    const as = (user: FakeUser, permissions: string) => ({ guildId: guild.id, user, permissions });
    const below = await t.discord.reply(
      t.discord.slash("config", subcommand("milestone-role", { days: 30, role: ROLE_30 }), as(aUser(9), "8")),
    );
    expect(below.final.content).toContain(`<@&${ROLE_30}> is not below your highest role`);
    const manageServerOnly = String(1n << 5n);
    const noManageRoles = await t.discord.reply(
      t.discord.slash(
        "config",
        subcommand("milestone-role", { days: 30, role: ROLE_7 }),
        as(aUser(1), manageServerOnly),
      ),
    );
    expect(noManageRoles.final.content).toContain("You need **Manage Roles**");
    expect(fieldOf(await asAdmin(t.discord, guild.id, "config", "show"), "Milestone roles")).not.toContain(ROLE_30);
  });

  it("carries last week's recap on the weekly post: completions, active members, milestones and the top streaks, without pinging", async () => {
    const channel = guild.channels[0]?.id ?? "";
    const saved = await asAdmin(t.discord, guild.id, "config", "weekly", {
      channel,
      day: "mon",
      time: "09:00",
      thread: false,
      recap: true,
    });
    expect(saved.final.content).toMatch(/^Weekly study prompt saved\./);
    // Only the second member keeps going to the end of the week (23 to 29 March).
    for (let i = 0; i < 3; i++) {
      await done(aUser(2));
      clock.advance(DAY);
    }
    clock.set("2026-03-30T09:00:00Z");
    await t.bot.scheduler.tick();
    const post = t.discord.channelMessages.get(channel)?.at(-1) as Record<string, unknown>;
    const recap = (post.embeds as { title: string; fields: { name: string; value: string }[] }[])[1];
    expect(recap?.title).toBe("Last week here (2026-03-23 to 2026-03-29)");
    const field = (name: string) => recap?.fields.find((f) => f.name === name)?.value;
    expect(field("Completions")).toBe("15");
    expect(field("Active members")).toBe("3");
    expect(field("Milestones reached")).toBe(
      [aUser(2), aUser(3), aUser(4)].map((u) => `<@${u.id}> · 7 days`).join("\n"),
    );
    expect(field("Top current streaks")).toBe(`**1.** <@${aUser(2).id}> · 10 days`);
    const sent = t.discord.calls.find((c) => c.method === "POST" && c.path === `/channels/${channel}/messages`);
    expect(sent?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});
