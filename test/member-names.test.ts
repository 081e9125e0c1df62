import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restMemberNames } from "../src/stats/discord.js";
import { aUser, type FakeGuild, LoopbackDiscord } from "./support/loopback-discord.js";

/** The export's display names, listed from Discord's member list in chains of pages that overlap in time. */
describe("members' display names for an export", () => {
  const guild: FakeGuild = {
    id: "260000000000000001",
    name: "Many members",
    channels: [{ id: "360000000000000001", name: "general" }],
    members: Array.from({ length: 3500 }, (_, i) => ({ user: aUser(10_000 + i), nick: `Member ${i}` })),
  };
  let discord: LoopbackDiscord;
  let closed: LoopbackDiscord;
  const rest = (d: LoopbackDiscord) => new REST({ api: d.apiBase }).setToken(d.token);

  beforeAll(async () => {
    discord = await LoopbackDiscord.start({ guilds: [guild], membersIntent: true });
    closed = await LoopbackDiscord.start({ guilds: [guild] });
  });
  afterAll(async () => {
    await discord?.close();
    await closed?.close();
  });

  const pages = (d: LoopbackDiscord) => d.calls.filter((c) => c.method === "GET" && c.path.endsWith("/members"));

  it("names every wanted member, listing each page of the wanted range once or nearly", async () => {
    // Every member but each seventh has a completion; the list is asked in no particular order.
    const wanted = guild.members
      ?.filter((_, i) => i % 7 !== 0)
      .map((m) => m.user.id)
      .reverse() as string[];
    const { names, listed } = await restMemberNames(rest(discord)).displayNames(guild.id, wanted);
    expect(listed).toBe(true);
    expect(names.size).toBe(wanted.length);
    expect(names.get(aUser(10_001).id)).toBe("Member 1");
    expect(names.has(aUser(10_000).id)).toBe(false);
    // 3,500 members are 4 pages end to end; the 3 chains after the first may each read one page into the next range.
    expect(pages(discord).length).toBeGreaterThanOrEqual(4);
    expect(pages(discord).length).toBeLessThanOrEqual(7);
  });

  it("says so when Discord does not list the members (Server Members intent off)", async () => {
    const { names, listed } = await restMemberNames(rest(closed)).displayNames(guild.id, [aUser(10_001).id]);
    expect(listed).toBe(false);
    expect(names.size).toBe(0);
  });
});
