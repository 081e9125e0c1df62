import { join } from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeToday } from "../src/challenges/complete.js";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { type OpenedDatabase, openDatabase } from "../src/db/index.js";
import { sqliteStore } from "../src/db/sqlite.js";
import { configureSchedule, getSchedules } from "../src/schedule/store.js";
import {
  getGuildTimezoneSync,
  getMemberTimezoneSync,
  setGuildTimezoneSync,
  setMemberTimezoneSync,
} from "../src/settings/index.js";
import { lapseInstant } from "../src/streaks/engine.js";
import { onOldDb } from "../src/streaks/old-db.js";
import { stateIn } from "../src/streaks/store.js";
import { changeGuildTimezone, changeMemberTimezone } from "../src/zone-change/index.js";
import { makeLibrary } from "./fixtures/library.js";
import { tempDir } from "./support/harness.js";

const GUILD = "200000000000000001";
const OTHER_GUILD = "200000000000000002";
const DAY = 86_400_000;
/** Follows the server's zone. */
const ZONELESS = "300000000000000001";
/** Has set Asia/Tokyo. */
const TOKYO = "300000000000000002";

let dir: { path: string; remove(): void };
let store: OpenedDatabase;
let clock: ManualClock;
let ctx: Parameters<typeof completeToday>[0] & Parameters<typeof changeGuildTimezone>[0];
let setUpAt: Date;

beforeEach(async () => {
  dir = tempDir();
  store = openDatabase(join(dir.path, "gradient.sqlite"));
  clock = new ManualClock("2026-03-02T12:00:00Z");
  ctx = {
    db: store.db,
    store: sqliteStore(store),
    config: parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "UTC" }),
    clock,
    content: makeLibrary([3, 3, 2]),
    log: pino({ level: "silent" }),
  };
  setUpAt = clock.now();
  setGuildTimezoneSync(ctx, GUILD, "Europe/London");
  setMemberTimezoneSync(ctx, TOKYO, "Asia/Tokyo", setUpAt);
  configureSchedule(
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
afterEach(() => {
  store.close();
  dir.remove();
});

const lapseAt = (guildId: string, userId: string) =>
  (
    store.sqlite
      .prepare("SELECT lapse_at AS at FROM board_entries WHERE guild_id = ? AND user_id = ? AND board = 'current'")
      .get(guildId, userId) as { at: number | null } | undefined
  )?.at;

/** Everything a zone change may touch, as rows. */
const snapshot = () =>
  ["guilds", "members", "schedules", "board_entries", "board_value_counts", "board_slot_counts"].map((table) =>
    store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all(),
  );

const failOn = (table: string, event: "INSERT" | "UPDATE") =>
  store.sqlite.exec(
    `CREATE TRIGGER forced_failure BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
  );

describe("a server changing its time zone", () => {
  it("restarts its posts from now and moves its zoneless members' streak deadlines, not those with their own zone", () => {
    const tokyoBefore = lapseAt(GUILD, TOKYO);
    const zonelessBefore = lapseAt(GUILD, ZONELESS);
    const now = clock.now();
    changeGuildTimezone(ctx, GUILD, "America/Chicago", now);
    expect(getGuildTimezoneSync(ctx, GUILD)).toBe("America/Chicago");
    expect(getSchedules(ctx, GUILD).map((s) => s.effectiveFrom)).toEqual([now]);
    const moved = lapseInstant(onOldDb(store.db, stateIn, GUILD, ZONELESS), "America/Chicago");
    expect(moved).not.toBe(zonelessBefore);
    expect(lapseAt(GUILD, ZONELESS)).toBe(moved);
    expect(lapseAt(GUILD, TOKYO)).toBe(tokyoBefore);
  });

  it.each([
    ["restarting its posts", "schedules", "UPDATE"],
    ["moving its leaderboards (a small server's, in the same transaction)", "board_entries", "INSERT"],
  ] as const)("keeps its old zone, post times and leaderboards when %s fails", (_step, table, event) => {
    const before = snapshot();
    failOn(table, event);
    expect(() => changeGuildTimezone(ctx, GUILD, "America/Chicago", clock.now())).toThrow("forced failure");
    expect(snapshot()).toEqual(before);
    expect(getGuildTimezoneSync(ctx, GUILD)).toBe("Europe/London");
    expect(getSchedules(ctx, GUILD).map((s) => s.effectiveFrom)).toEqual([setUpAt]);
  });
});

describe("a member changing their time zone", () => {
  it("moves their streak deadline in every server, and leaves their streaks as they were", () => {
    const figures = [GUILD, OTHER_GUILD].map((g) => onOldDb(store.db, stateIn, g, TOKYO));
    changeMemberTimezone(ctx, TOKYO, "America/Los_Angeles", clock.now());
    expect(getMemberTimezoneSync(ctx, TOKYO)).toBe("America/Los_Angeles");
    for (const [i, guild] of [GUILD, OTHER_GUILD].entries()) {
      expect(onOldDb(store.db, stateIn, guild, TOKYO)).toEqual(figures[i]);
      expect(lapseAt(guild, TOKYO)).toBe(lapseInstant(figures[i] as (typeof figures)[number], "America/Los_Angeles"));
    }
    expect(lapseAt(GUILD, TOKYO)).not.toBe(lapseInstant(figures[0] as (typeof figures)[number], "Asia/Tokyo"));
  });

  it("keeps their old zone and streak deadlines when moving the deadlines fails", () => {
    const before = snapshot();
    failOn("board_entries", "INSERT");
    expect(() => changeMemberTimezone(ctx, TOKYO, "America/Los_Angeles", clock.now())).toThrow("forced failure");
    expect(snapshot()).toEqual(before);
    expect(getMemberTimezoneSync(ctx, TOKYO)).toBe("Asia/Tokyo");
  });
});
