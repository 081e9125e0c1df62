import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeToday } from "../src/challenges/complete.js";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import { type OpenedDatabase, openDatabase } from "../src/db/index.js";
import { sqliteStore } from "../src/db/sqlite.js";
import { readBoard, readBoardAt } from "../src/streaks/boards.js";
import { makeLibrary } from "./fixtures/library.js";
import { tempDir } from "./support/harness.js";

const GUILD = "200000000000000001";
const DAY = 86_400_000;
const [ANN, BO, CY] = ["300000000000000001", "300000000000000002", "300000000000000003"];

describe("reading a leaderboard", () => {
  let dir: { path: string; remove(): void };
  let store: OpenedDatabase;
  let clock: ManualClock;
  let ctx: Parameters<typeof completeToday>[0] & Parameters<typeof readBoardAt>[0];

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
    };
    // Ann completes three days and stops; Bo completes five in a row; Cy joins on the fifth.
    for (let day = 1; day <= 5; day++) {
      if (day <= 3) await completeToday(ctx, GUILD, ANN);
      await completeToday(ctx, GUILD, BO);
      if (day === 5) await completeToday(ctx, GUILD, CY);
      if (day < 5) clock.advance(DAY);
    }
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const storedUsers = () =>
    store.sqlite
      .prepare("SELECT user_id AS userId FROM board_entries WHERE board = 'current' ORDER BY user_id")
      .all()
      .map((r) => (r as { userId: string }).userId);

  it("no longer shows a streak that lapsed since anyone last completed, and moves the members behind it up", () => {
    // Ann missed day 4 with no freeze: her streak of 3 is over, though nothing has taken it off the board yet.
    expect(readBoard(store.db, GUILD, "current", CY).me?.rank).toBe(3);
    const view = readBoardAt(ctx, GUILD, "current", CY, clock.now());
    expect(view.top.map((r) => [r.userId, r.value])).toEqual([
      [BO, 5],
      [CY, 1],
    ]);
    expect(view.me).toMatchObject({ rank: 2, userId: CY });
    expect(view.size).toBe(2);
    expect(storedUsers()).toEqual([BO, CY]);
  });

  it("leaves a member whose streak lapsed off the current board, and on the longest board", () => {
    expect(readBoardAt(ctx, GUILD, "current", ANN, clock.now()).me).toBeNull();
    const longest = readBoardAt(ctx, GUILD, "longest", ANN, clock.now());
    expect(longest.top.map((r) => [r.userId, r.value])).toEqual([
      [BO, 5],
      [ANN, 3],
      [CY, 1],
    ]);
    expect(longest.me).toMatchObject({ rank: 2, userId: ANN });
  });
});
