import { type SQL, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../src/clock.js";
import { exec, rows } from "../src/db/store.js";
import { zoneIn } from "../src/settings/index.js";
import { rebuildBoards } from "../src/streaks/boards.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type FakeGuild, type FakeUser, type InteractionReply } from "./support/loopback-discord.js";
import { ENGINE } from "./support/store.js";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const DAY = 86_400_000;
const MANAGE_SERVER = String(1n << 5n);

const guilds = Array.from(
  { length: 12 },
  (_, i): FakeGuild => ({
    id: (230000000000000000n + BigInt(i)).toString(),
    name: `Privacy group ${i}`,
    channels: [{ id: (330000000000000000n + BigInt(i)).toString(), name: "general" }],
  }),
);

const buttonsOf = (reply: InteractionReply) =>
  (((reply.final.components as Json[])[0] as Json).components as Json[]).map((c) => String(c.custom_id));

describe("a member sees and deletes what Gradient keeps about them", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let used = 0;
  let people = 0;

  beforeAll(async () => {
    t = await startTestBot({ clock, content: makeLibrary([4, 5, 3]), loopback: { guilds } });
  });
  afterEach(() => {
    expect(t.discord.violations).toEqual([]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const query = (statement: SQL) =>
    t.bot.ctx.store.read(function* () {
      return yield* rows<Record<string, unknown>>(statement);
    });

  /** Every column of every table of the database, read from the engine's own catalogue. */
  const catalogue = () =>
    query(
      ENGINE === "postgres"
        ? sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = 'public'`
        : sql`SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
    );

  /**
   * Every row of every table that names `userId` in a column about a person (user_id, suggested_by, decided_by…);
   * with `guildId`, only the tables kept per server, in that server.
   */
  async function rowsAbout(userId: string, guildId?: string): Promise<Record<string, number>> {
    const tables = new Map<string, string[]>();
    for (const { table, column } of await catalogue())
      tables.set(String(table), [...(tables.get(String(table)) ?? []), String(column)]);
    const found: Record<string, number> = {};
    for (const [name, columns] of tables) {
      const personal = columns.filter((c) => /user|_by$/.test(c));
      for (const column of personal) {
        if (guildId && !columns.includes("guild_id")) continue;
        const scoped = guildId ? sql` AND guild_id = ${guildId}` : sql``;
        const counted = await query(
          sql`SELECT count(*) AS n FROM ${sql.identifier(name)} WHERE ${sql.identifier(column)} = ${userId}${scoped}`,
        );
        const n = Number(counted[0]?.n);
        if (n > 0) found[`${name}.${column}`] = n;
      }
    }
    return found;
  }

  const boardTables = (guildId: string) =>
    Promise.all(
      ["board_entries", "board_value_counts", "board_slot_counts"].map((table) =>
        query(sql`SELECT * FROM ${sql.identifier(table)} WHERE guild_id = ${guildId} ORDER BY 1, 2, 3, 4`),
      ),
    );

  /** A member with something of every kind in two servers, and a neighbour on the same boards. */
  async function scene() {
    clock.set("2026-03-02T12:00:00Z");
    const here = guilds[used++]?.id as string;
    const there = guilds[used++]?.id as string;
    const me = aUser(700 + people++, "noor");
    const neighbour = aUser(700 + people++, "ali");
    const run = (user: FakeUser, guildId: string | null, name: string, options: Json[] = []) =>
      t.discord.reply(t.discord.slash(name, options, { user, guildId }));
    const sub = (name: string, options: Json[] = []) => [{ type: 1, name, options }];
    await run(me, here, "timezone", [{ type: 3, name: "zone", value: "Europe/Berlin" }]);
    for (let day = 0; day < 3; day++) {
      if (day > 0) clock.advance(DAY);
      await run(me, here, "challenge", sub("done", [{ type: 3, name: "note", value: `day ${day} notes` }]));
      await run(neighbour, here, "challenge", sub("done"));
    }
    await run(me, there, "challenge", sub("done"));
    await run(me, here, "challenge", sub("level", [{ type: 3, name: "level", value: "advanced" }]));
    await run(me, here, "remind", sub("at", [{ type: 3, name: "time", value: "21:00" }]));
    await run(me, there, "remind", sub("at", [{ type: 3, name: "time", value: "20:00" }]));
    await run(
      me,
      here,
      "streak",
      sub("rest", [
        { type: 4, name: "days", value: 2 },
        { type: 3, name: "from", value: "2026-03-05" },
      ]),
    );
    await run(me, here, "resource");
    const now = clock.now().getTime();
    await t.bot.ctx.store.write(function* () {
      yield* exec(
        sql`INSERT INTO suggestions (guild_id, user_id, kind, body, status, created_at) VALUES (${here}, ${me.id}, 'prompt', '{}', 'pending', ${now})`,
      );
      yield* exec(
        sql`INSERT INTO suggestions (guild_id, user_id, kind, body, status, decided_by, created_at) VALUES (${here}, ${neighbour.id}, 'prompt', '{}', 'denied', ${me.id}, ${now})`,
      );
      yield* exec(
        sql`INSERT INTO ratings (guild_id, user_id, challenge_id, rating, updated_at) VALUES (${here}, ${me.id}, 'some-challenge', 'hard', ${now})`,
      );
      yield* exec(
        sql`INSERT INTO problem_reports (guild_id, user_id, challenge_id, kind, details, status, created_at) VALUES (${here}, ${me.id}, 'some-challenge', 'unclear', 'Which norm?', 'open', ${now})`,
      );
      yield* exec(
        sql`INSERT INTO problem_reports (guild_id, user_id, challenge_id, kind, details, status, resolution, resolved_by, created_at, resolved_at) VALUES (${here}, ${neighbour.id}, 'some-challenge', 'other', 'Typo', 'resolved', 'Fixed', ${me.id}, ${now}, ${now})`,
      );
    });
    return { here, there, me, neighbour, run, sub };
  }

  it("/privacy show lists what is kept in this server and in all servers, privately, with how long it is kept", async () => {
    const { here, me, run } = await scene();
    const shown = await run(me, here, "privacy", [{ type: 1, name: "show", options: [] }]);
    expect(shown.final.flags).toBe(EPHEMERAL);
    const text = String(shown.final.content);
    expect(text).toContain("__In this server__\n- 3 daily completions and 0 practice completions (3 with a note)");
    expect(text).toContain("__In all servers__ (2 servers)\n- 4 daily completions");
    expect(text).toContain("- 1 reminder, 2 planned rest days, 0 milestones reached\n- a chosen track, 1 suggestion");
    expect(text).toContain("- 2 reminders, 2 planned rest days");
    expect(text).toContain("your time zone: set");
    expect(text).toContain("**How long**");
  });

  it("deleting in this server leaves no row about the member there, keeps the other server, and the boards equal a rebuild from the log", async () => {
    const { here, there, me, neighbour, run, sub } = await scene();
    expect(Object.keys(await rowsAbout(me.id, here)).length).toBeGreaterThan(5);
    const asked = await run(me, here, "privacy", sub("delete", [{ type: 3, name: "scope", value: "this-server" }]));
    expect(asked.final.flags).toBe(EPHEMERAL);
    expect(asked.final.content).toContain("Delete everything Gradient keeps about you in this server?");
    const [confirm, keep] = buttonsOf(asked);
    expect(keep).toBe("privacy:cancel");
    expect(await rowsAbout(me.id, here)).not.toEqual({});
    const done = await t.discord.reply(
      t.discord.button(confirm as string, t.discord.messageOf(asked), { user: me, guildId: here }),
    );
    expect(done.final.content).toMatch(
      /^Deleted 3 completions, .*1 track choice, 1 suggestion, 1 rating, 1 problem report, in 1 server\./,
    );
    expect(await rowsAbout(me.id, here)).toEqual({});
    expect((await rowsAbout(me.id, there))["completions.user_id"]).toBe(1);
    expect((await query(sql`SELECT count(*) AS n FROM suggestions WHERE user_id = ${neighbour.id}`))[0]?.n).toBe(1);

    const kept = await boardTables(here);
    expect(kept[0]?.some((row) => row.user_id === neighbour.id)).toBe(true);
    await rebuildBoards(t.bot.ctx, here, clock.now().getTime(), (s, userId) =>
      zoneIn(s, t.bot.ctx.config.DEFAULT_TIMEZONE, here, userId),
    );
    expect(await boardTables(here)).toEqual(kept);

    const after = await run(me, here, "privacy", [{ type: 1, name: "show", options: [] }]);
    expect(after.final.content).toContain("__In this server__\n- 0 daily completions and 0 practice completions");
  });

  it("a moderator's /config forget-member deletes the member's data in this server after the confirm button, logged by id, and the boards equal a rebuild", async () => {
    const { here, there, me, neighbour } = await scene();
    const moderator = { user: aUser(799, "mod"), guildId: here, permissions: MANAGE_SERVER };
    const member = [{ type: 6, name: "member", value: me.id }];
    const resolved = { users: { [me.id]: { ...me, discriminator: "0", avatar: null } } };
    const asked = await t.discord.reply(
      t.discord.slash("config", [{ type: 1, name: "forget-member", options: member }], { ...moderator, resolved }),
    );
    expect(asked.final.flags).toBe(EPHEMERAL);
    expect(asked.final.content).toContain(`Delete everything Gradient keeps about <@${me.id}> in this server`);
    expect(await rowsAbout(me.id, here)).not.toEqual({});
    const [confirm] = buttonsOf(asked);
    // Only a manager's press counts: the same button pressed by the member themselves deletes nothing.
    const forged = await t.discord.reply(
      t.discord.button(confirm as string, t.discord.messageOf(asked), { user: me, guildId: here }),
    );
    expect(forged.final.content).toContain("Only members with **Manage Server**");
    expect(await rowsAbout(me.id, here)).not.toEqual({});
    const logged = vi.spyOn(t.bot.ctx.log, "info");
    const done = await t.discord.reply(t.discord.button(confirm as string, t.discord.messageOf(asked), moderator));
    expect(done.final.content).toContain(`Deleted what Gradient kept about <@${me.id}> in this server (3 completions`);
    expect(await rowsAbout(me.id, here)).toEqual({});
    expect((await rowsAbout(me.id, there))["completions.user_id"]).toBe(1);
    expect(logged).toHaveBeenCalledWith(
      { guild: here, requestedBy: moderator.user.id, member: me.id },
      "member data deleted by a moderator",
    );
    logged.mockRestore();
    const kept = await boardTables(here);
    expect(kept[0]?.some((row) => row.user_id === neighbour.id)).toBe(true);
    await rebuildBoards(t.bot.ctx, here, clock.now().getTime(), (s, userId) =>
      zoneIn(s, t.bot.ctx.config.DEFAULT_TIMEZONE, here, userId),
    );
    expect(await boardTables(here)).toEqual(kept);
  });

  it("deleting everywhere from a DM leaves zero rows about the member in every table, after the confirm button", async () => {
    const { here, there, me, neighbour, run, sub } = await scene();
    const asked = await run(me, null, "privacy", sub("delete", [{ type: 3, name: "scope", value: "everywhere" }]));
    expect(asked.final.content).toContain("in all 2 servers, with your time zone");
    const [confirm] = buttonsOf(asked);
    const done = await t.discord.reply(
      t.discord.button(confirm as string, t.discord.messageOf(asked), { user: me, guildId: null }),
    );
    expect(done.final.content).toContain("your time zone");
    expect(done.final.content).toContain("in 2 servers");
    expect(await rowsAbout(me.id)).toEqual({});
    expect((await rowsAbout(neighbour.id, here))["completions.user_id"]).toBe(3);
    const shown = await run(me, null, "privacy", [{ type: 1, name: "show", options: [] }]);
    expect(shown.final.content).toContain("__In all servers__ (0 servers)\n- 0 daily completions");
    expect(shown.final.content).toContain("your time zone: not set");
    expect(await rowsAbout(me.id, there)).toEqual({});
  });

  it("Keep it deletes nothing, and 'this server' from a DM is refused with a hint", async () => {
    const { here, me, run, sub } = await scene();
    const before = await rowsAbout(me.id);
    const asked = await run(me, here, "privacy", sub("delete", [{ type: 3, name: "scope", value: "everywhere" }]));
    const [, keep] = buttonsOf(asked);
    const kept = await t.discord.reply(
      t.discord.button(keep as string, t.discord.messageOf(asked), { user: me, guildId: here }),
    );
    expect(kept.final.content).toBe("Nothing was deleted.");
    const dm = await run(me, null, "privacy", sub("delete", [{ type: 3, name: "scope", value: "this-server" }]));
    expect(dm.final.flags).toBe(EPHEMERAL);
    expect(dm.final.content).toContain("use `scope:everywhere`");
    expect(await rowsAbout(me.id)).toEqual(before);
  });

  it("another member's /streak card names neither their time zone nor their date; a note's link is shown as code, not a link", async () => {
    const { here, me, neighbour, run, sub } = await scene();
    const resolved = { users: { [me.id]: { ...me, discriminator: "0", avatar: null } } };
    const theirs = await t.discord.reply(
      t.discord.slash("streak", sub("show", [{ type: 6, name: "member", value: me.id }]), {
        user: neighbour,
        guildId: here,
        resolved,
      }),
    );
    expect(String(((theirs.final.embeds as Json[])[0] as Json).title)).toContain("noor");
    const footerOf = (reply: InteractionReply) =>
      String((((reply.final.embeds as Json[])[0] as Json).footer as Json).text);
    const footer = footerOf(theirs);
    expect(footer).not.toContain("Europe/Berlin");
    expect(footer).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const mine = await run(me, here, "streak", sub("show"));
    expect(footerOf(mine)).toContain("Europe/Berlin");

    clock.advance(DAY);
    const noted = await run(
      neighbour,
      here,
      "challenge",
      sub("done", [
        { type: 3, name: "note", value: "free [nitro](https://evil.example/x) at www.evil.example **now**" },
      ]),
    );
    const content = String(noted.final.content);
    expect(content).toContain("> free `[nitro](https://evil.example/x)` at `www.evil.example` \\*\\*now\\*\\*");
    // Outside code spans (which Discord never links) nothing is left that could become a link.
    expect(content.replace(/`[^`]*`/g, "")).not.toMatch(/https?:|www\./);
  });
});
