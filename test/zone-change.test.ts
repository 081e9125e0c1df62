import { and, eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeToday } from "../src/challenges/complete.js";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { exec, get, rows, type Store } from "../src/db/store.js";
import { configureSchedule, getSchedules } from "../src/schedule/store.js";
import { getGuildTimezone, getMemberTimezone, setGuildTimezone, setMemberTimezone } from "../src/settings/index.js";
import { lapseInstant } from "../src/streaks/engine.js";
import { readState } from "../src/streaks/store.js";
import { changeGuildTimezone, changeMemberTimezone } from "../src/zone-change/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { openStoreOn } from "./support/schedule-rig.js";
import { ENGINE, freshDatabase, type TestDatabase } from "./support/store.js";

const GUILD = "200000000000000001";
const OTHER_GUILD = "200000000000000002";
const DAY = 86_400_000;
/** Follows the server's zone. */
const ZONELESS = "300000000000000001";
/** Has set Asia/Tokyo. */
const TOKYO = "300000000000000002";

let database: TestDatabase;
let store: Store;
let clock: ManualClock;
let ctx: Parameters<typeof completeToday>[0] & Parameters<typeof changeGuildTimezone>[0];
let setUpAt: Date;

beforeEach(async () => {
  database = await freshDatabase();
  const opened = await openStoreOn(database);
  store = opened.store;
  clock = new ManualClock("2026-03-02T12:00:00Z");
  ctx = {
    ...opened,
    config: parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "UTC" }),
    clock,
    content: makeLibrary([3, 3, 2]),
    log: pino({ level: "silent" }),
  };
  setUpAt = clock.now();
  await setGuildTimezone(ctx, GUILD, "Europe/London");
  await setMemberTimezone(ctx, TOKYO, "Asia/Tokyo", setUpAt);
  await configureSchedule(
    ctx,
    {
      guildId: GUILD,
      kind: "daily",
      channelId: "400000000000000001",
      weekday: null,
      time: "09:00",
      thread: false,
      roleId: null,
      updatedBy: null,
    },
    setUpAt,
  );
  for (let day = 0; day < 3; day++) {
    for (const guild of [GUILD, OTHER_GUILD]) {
      await completeToday(ctx, guild, ZONELESS);
      await completeToday(ctx, guild, TOKYO);
    }
    clock.advance(DAY);
  }
});
afterEach(async () => {
  await store.close();
  await database.remove();
});

const lapseAt = async (guildId: string, userId: string) =>
  (
    await store.read(function* (s) {
      const entries = s.t.boardEntries;
      return yield* get(
        s.db
          .select({ at: entries.lapseAt })
          .from(entries)
          .where(and(eq(entries.guildId, guildId), eq(entries.userId, userId), eq(entries.board, "current"))),
      );
    })
  )?.at;

/** Everything a zone change may touch, as rows. */
const snapshot = () =>
  store.read(function* () {
    const tables = ["guilds", "members", "schedules", "board_entries", "board_value_counts", "board_slot_counts"];
    const all: unknown[][] = [];
    for (const table of tables) all.push(yield* rows(sql.raw(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)));
    return all;
  });

/** Makes every `event` on `table` fail, as a fault in that step of the change would. */
const failOn = (table: string, event: "INSERT" | "UPDATE") =>
  store.write(function* () {
    if (ENGINE === "sqlite") {
      yield* exec(
        sql.raw(
          `CREATE TRIGGER forced_failure BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
        ),
      );
      return;
    }
    yield* exec(
      sql.raw(
        "CREATE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$",
      ),
    );
    yield* exec(
      sql.raw(
        `CREATE TRIGGER forced_failure BEFORE ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION forced_failure()`,
      ),
    );
  });

describe("a server changing its time zone", () => {
  it("restarts its posts from now and moves its zoneless members' streak deadlines, not those with their own zone", async () => {
    const tokyoBefore = await lapseAt(GUILD, TOKYO);
    const zonelessBefore = await lapseAt(GUILD, ZONELESS);
    const now = clock.now();
    await changeGuildTimezone(ctx, GUILD, "America/Chicago", now);
    expect(await getGuildTimezone(ctx, GUILD)).toBe("America/Chicago");
    expect((await getSchedules(ctx, GUILD)).map((s) => s.effectiveFrom)).toEqual([now]);
    const moved = lapseInstant(await readState(ctx, GUILD, ZONELESS), "America/Chicago");
    expect(moved).not.toBe(zonelessBefore);
    expect(await lapseAt(GUILD, ZONELESS)).toBe(moved);
    expect(await lapseAt(GUILD, TOKYO)).toBe(tokyoBefore);
  });

  it.each([
    ["restarting its posts", "schedules", "UPDATE"],
    ["moving its leaderboards (a small server's, in the same transaction)", "board_entries", "INSERT"],
  ] as const)("keeps its old zone, post times and leaderboards when %s fails", async (_step, table, event) => {
    const before = await snapshot();
    await failOn(table, event);
    await expect(changeGuildTimezone(ctx, GUILD, "America/Chicago", clock.now())).rejects.toThrow("forced failure");
    expect(await snapshot()).toEqual(before);
    expect(await getGuildTimezone(ctx, GUILD)).toBe("Europe/London");
    expect((await getSchedules(ctx, GUILD)).map((s) => s.effectiveFrom)).toEqual([setUpAt]);
  });
});

describe("a member changing their time zone", () => {
  it("moves their streak deadline in every server, and leaves their streaks as they were", async () => {
    const figures = await Promise.all([GUILD, OTHER_GUILD].map((g) => readState(ctx, g, TOKYO)));
    await changeMemberTimezone(ctx, TOKYO, "America/Los_Angeles", clock.now());
    expect(await getMemberTimezone(ctx, TOKYO)).toBe("America/Los_Angeles");
    for (const [i, guild] of [GUILD, OTHER_GUILD].entries()) {
      expect(await readState(ctx, guild, TOKYO)).toEqual(figures[i]);
      expect(await lapseAt(guild, TOKYO)).toBe(
        lapseInstant(figures[i] as (typeof figures)[number], "America/Los_Angeles"),
      );
    }
    expect(await lapseAt(GUILD, TOKYO)).not.toBe(lapseInstant(figures[0] as (typeof figures)[number], "Asia/Tokyo"));
  });

  it("keeps their old zone and streak deadlines when moving the deadlines fails", async () => {
    const before = await snapshot();
    await failOn("board_entries", "INSERT");
    await expect(changeMemberTimezone(ctx, TOKYO, "America/Los_Angeles", clock.now())).rejects.toThrow(
      "forced failure",
    );
    expect(await snapshot()).toEqual(before);
    expect(await getMemberTimezone(ctx, TOKYO)).toBe("Asia/Tokyo");
  });
});
