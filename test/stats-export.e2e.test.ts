import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import statsCommand from "../commands/stats/index.js";
import { ManualClock } from "../src/clock.js";
import { rows } from "../src/db/store.js";
import { markVerifiedIn } from "../src/streaks/store.js";
import { addDays, localDate } from "../src/time/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { asAdmin, subcommand } from "./support/admin.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, type InteractionReply } from "./support/loopback-discord.js";

type Json = Record<string, unknown>;
const ZONE = "America/New_York";

/** RFC 4180, read back: quoted cells (with doubled quotes, commas and line breaks inside), CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || record.length > 0) throw new Error("the CSV does not end with CRLF");
  return records;
}

/** The CSV attachment named `name`, as objects keyed by its header. */
function table(
  reply: InteractionReply,
  name: string,
): { header: string[]; rows: Record<string, string>[]; raw: string } {
  const file = reply.files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name} among ${reply.files.map((f) => f.name).join(", ")}`);
  const raw = file.data.toString("utf8");
  const [header = [], ...records] = parseCsv(raw);
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))), raw };
}

describe("/stats export, end to end", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-03-02T15:00:00Z");
  // A server whose member list is more than a page of 1,000, most of them before the members who take part.
  const fillers = Array.from({ length: 1200 }, (_, i) => ({ user: aUser(2000 + i) }));
  const ada = aUser(9001, "ada");
  const bea = aUser(9002, "bea");
  const cyd = aUser(9003, "cyd");
  const guild: FakeGuild = {
    id: "230000000000000001",
    name: "Export school",
    channels: [{ id: "330000000000000001", name: "general" }],
    members: [
      ...fillers,
      { user: ada, nick: '=HYPERLINK("x")' },
      { user: { ...bea, global_name: 'Bea, "the" great' } },
      { user: cyd },
    ],
  };
  const other: FakeGuild = {
    id: "230000000000000002",
    name: "Quiet school",
    channels: [{ id: "330000000000000002", name: "general" }],
  };

  beforeAll(async () => {
    t = await startTestBot({
      clock,
      content: makeLibrary([4, 5, 3]),
      loopback: { guilds: [guild, other], membersIntent: true },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const run = (guildId: string, user: FakeUser, name: string, sub: string, values: Record<string, string> = {}) =>
    t.discord.reply(t.discord.slash(name, subcommand(sub, values), { user, guildId }));

  it("is declared for server managers only, in servers only", () => {
    expect(statsCommand.data.default_member_permissions).toBe("32");
    expect(statsCommand.data.contexts).toEqual([0]);
  });

  it("exports one row per member and per server date that parse back to what the members did", async () => {
    await asAdmin(t.discord, guild.id, "config", "timezone", { zone: ZONE });
    await run(guild.id, ada, "challenge", "level", { level: "beginner" });
    // What the test did: each completion's member, kind, the track of its daily and its instant.
    const did: { user: FakeUser; kind: "daily" | "practice"; track?: string; at: number }[] = [];
    const daily = async (user: FakeUser, track: string) => {
      await run(guild.id, user, "challenge", "done");
      did.push({ user, kind: "daily", track, at: clock.now().getTime() });
    };
    const practice = async (user: FakeUser) => {
      const card = await run(guild.id, user, "challenge", "random");
      const buttons = ((card.final.components as Json[])[0] as Json).components as Json[];
      const pressed = await t.discord.reply(
        t.discord.button(String(buttons[0]?.custom_id), t.discord.messageOf(card), { user, guildId: guild.id }),
      );
      expect(pressed.final.content).toMatch(/practised/);
      did.push({ user, kind: "practice", at: clock.now().getTime() });
    };

    // Day 1 (2 March in New York): Ada and Bea do the daily; Ada practises late in the evening, 23:30 in New York,
    // already 3 March in UTC: it counts on the server's 2 March.
    await daily(ada, "beginner");
    await daily(bea, "mixed");
    await run(guild.id, bea, "remind", "at", { time: "12:00" });
    clock.set("2026-03-03T04:30:00Z");
    await practice(ada);
    // Day 2: all three do the daily.
    clock.set("2026-03-03T15:00:00Z");
    await daily(ada, "beginner");
    await daily(bea, "mixed");
    await daily(cyd, "mixed");
    // Day 3: Bea is reminded at noon (she has not done it), then Ada alone does the daily, with a checked answer.
    clock.set("2026-03-04T17:00:00Z");
    await t.bot.reminders.tick();
    expect(t.discord.dmsTo(bea.id)).toHaveLength(1);
    clock.set("2026-03-04T18:00:00Z");
    await daily(ada, "beginner");
    const [verified] = await t.bot.ctx.store.read(function* () {
      return yield* rows<{ challenge_id: string }>(
        sql`SELECT challenge_id FROM completions WHERE guild_id = ${guild.id} AND user_id = ${ada.id} AND local_date = '2026-03-04'`,
      );
    });
    expect(
      await t.bot.ctx.store.write(markVerifiedIn, {
        guildId: guild.id,
        userId: ada.id,
        challengeId: String(verified?.challenge_id),
        kind: "daily",
        date: "2026-03-04",
      }),
    ).toBe(true);
    // Day 5 (a day missed by everyone but Bea, whose streak restarts): export at noon. Cyd has left the server.
    clock.set("2026-03-06T15:00:00Z");
    await daily(bea, "mixed");
    t.discord.leaveGuild(guild.id, cyd.id);
    clock.set("2026-03-06T17:00:00Z");
    const listingsBefore = t.discord.memberListings;

    const reply = await asAdmin(t.discord, guild.id, "stats", "export");
    expect(reply.callback.type).toBe(5);
    expect(reply.final.flags).toBe(64);
    expect(String(reply.final.content)).toContain("3 members with a completion");
    // The list is read from just before the first member with a completion: the 1,200 before them cost no page.
    expect(t.discord.memberListings - listingsBefore).toBe(1);

    const members = table(reply, "gradient-members.csv");
    expect(members.header).toEqual([
      "user_id",
      "display_name",
      "completions",
      "verified_answers",
      "practice",
      "current_streak",
      "longest_streak",
      "first_active",
      "last_active",
    ]);
    // The formula arrives as text: quoted, with a leading single quote; the comma and quotes in Bea's name survive.
    expect(members.raw).toContain(`"'=HYPERLINK(""x"")"`);
    const dateOf = (at: number) => localDate(at, ZONE);
    const expectedMembers = [ada, bea, cyd].map((user) => {
      const mine = did.filter((d) => d.user.id === user.id);
      const ats = mine.map((d) => d.at);
      return {
        user_id: user.id,
        display_name: user === ada ? `'=HYPERLINK("x")` : user === bea ? 'Bea, "the" great' : cyd.id,
        completions: String(mine.length),
        verified_answers: user === ada ? "1" : "0",
        practice: String(mine.filter((d) => d.kind === "practice").length),
        // Ada: 2, 3 and 4 March, over by 6 March; Bea: 2 and 3 March, then 6 March; Cyd: 3 March only.
        current_streak: user === bea ? "1" : "0",
        longest_streak: user === ada ? "3" : user === bea ? "2" : "1",
        first_active: dateOf(Math.min(...ats)),
        last_active: dateOf(Math.max(...ats)),
      };
    });
    expect(members.rows).toEqual(expectedMembers);

    const dates = table(reply, "gradient-dates.csv");
    expect(dates.header).toEqual([
      "date",
      "active_members",
      "daily_mixed",
      "daily_beginner",
      "daily_intermediate",
      "daily_advanced",
      "practice",
      "reminders_sent",
    ]);
    const expectedDates = [];
    for (let date = "2026-03-02"; date <= "2026-03-06"; date = addDays(date, 1)) {
      const that = did.filter((d) => dateOf(d.at) === date);
      const tracked = (track: string) => String(that.filter((d) => d.kind === "daily" && d.track === track).length);
      expectedDates.push({
        date,
        active_members: String(new Set(that.map((d) => d.user.id)).size),
        daily_mixed: tracked("mixed"),
        daily_beginner: tracked("beginner"),
        daily_intermediate: tracked("intermediate"),
        daily_advanced: tracked("advanced"),
        practice: String(that.filter((d) => d.kind === "practice").length),
        reminders_sent: date === "2026-03-04" ? "1" : "0",
      });
    }
    expect(dates.rows).toEqual(expectedDates);
    // The late practice fell on the server's 2 March although it was 3 March in UTC.
    expect(dates.rows[0]).toMatchObject({ active_members: "2", practice: "1" });
  });

  it("names members by user id and says why when Discord will not list the server's members", async () => {
    t.discord.membersIntent = false;
    try {
      const quiet = aUser(9100, "quiet");
      await run(other.id, quiet, "challenge", "done");
      await run(other.id, aUser(9101), "challenge", "done");
      const reply = await asAdmin(t.discord, other.id, "stats", "export");
      expect(String(reply.final.content)).toContain("Server Members intent");
      const members = table(reply, "gradient-members.csv");
      expect(members.rows.map((r) => [r.user_id, r.display_name])).toEqual([
        [quiet.id, quiet.id],
        [aUser(9101).id, aUser(9101).id],
      ]);
      const dates = table(reply, "gradient-dates.csv");
      expect(dates.rows).toEqual([
        {
          date: "2026-03-06",
          active_members: "2",
          daily_mixed: "2",
          daily_beginner: "0",
          daily_intermediate: "0",
          daily_advanced: "0",
          practice: "0",
          reminders_sent: "0",
        },
      ]);
    } finally {
      t.discord.membersIntent = true;
    }
  });
});
