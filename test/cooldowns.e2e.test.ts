import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { Cooldowns } from "../src/interactions/cooldowns.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeUser } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;

describe("per-member limits on commands that do real work", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-05-04T12:00:00Z");
  let n = 0;
  const member = () => aUser(900 + n++, `m${n}`);

  beforeAll(async () => {
    t = await startTestBot({ clock, content: makeLibrary([3, 3, 3]) });
  });
  afterEach(() => {
    expect(t.discord.violations).toEqual([]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const run = (user: FakeUser, name: string, options: Json[] = []) =>
    t.discord.reply(t.discord.slash(name, options, { user }));
  const streak = (user: FakeUser) => run(user, "streak", [{ type: 1, name: "show", options: [] }]);
  const zone = (user: FakeUser, value: string) => run(user, "timezone", [{ type: 3, name: "zone", value }]);

  it("a member's sixth /streak show in a minute gets a private 'try again in N s' and no heat-map; others are unaffected", async () => {
    const [busy, other] = [member(), member()];
    for (let i = 0; i < 5; i++) {
      expect((await streak(busy)).files.map((f) => f.name)).toEqual(["streak.png"]);
      clock.advance(1_000);
    }
    const refused = await streak(busy);
    expect(refused.final.flags).toBe(EPHEMERAL);
    expect(refused.final.content).toMatch(/Try again in 55 s; nothing was done\./);
    expect(refused.files).toEqual([]);
    expect((await streak(other)).files).toHaveLength(1);
    clock.advance(55_000);
    expect((await streak(busy)).files).toHaveLength(1);
  });

  it("a member can change their zone 4 times a day; the 5th is refused and changes nothing, showing and typos cost nothing", async () => {
    const user = member();
    for (const z of ["Asia/Tokyo", "Europe/Berlin", "Mars/Olympus", "America/Denver", "America/Chicago"]) {
      await zone(user, z);
      clock.advance(60_000);
    }
    const refused = await zone(user, "Pacific/Kiritimati");
    expect(refused.final.flags).toBe(EPHEMERAL);
    expect(refused.final.content).toMatch(/`\/timezone` 4 times in the last 86400 s, its limit\. Try again in \d+ s/);
    const shown = await run(user, "timezone");
    expect(shown.final.content).toContain("**America/Chicago** (you set it)");
    clock.advance(86_400_000);
    expect((await zone(user, "Pacific/Kiritimati")).final.content).toContain("now **Pacific/Kiritimati**");
  });
});

describe("the cooldown window", () => {
  const limit = { uses: 3, seconds: 10 };
  it("allows `uses` runs in any window of `seconds`, then names the wait until the oldest leaves it", () => {
    const c = new Cooldowns();
    for (const at of [0, 2_000, 4_000]) {
      c.check("x", "u", limit, at);
      c.record("x", "u", limit, at);
    }
    expect(() => c.check("x", "u", limit, 4_500)).toThrow(/Try again in 6 s/);
    expect(() => c.check("x", "other", limit, 4_500)).not.toThrow();
    expect(() => c.check("y", "u", limit, 4_500)).not.toThrow();
    expect(() => c.check("x", "u", limit, 10_001)).not.toThrow();
  });
});
