import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all, type Store } from "../src/db/store.js";
import { readBoard, readBoardAt } from "../src/streaks/boards.js";
import { recordDaily } from "../src/streaks/store.js";
import { localDate } from "../src/time/index.js";
import { ENGINE, freshStore } from "./support/store.js";

const GUILD = "200000000000000001";
const DAY = 86_400_000;
const [ANN, BO, CY] = ["300000000000000001", "300000000000000002", "300000000000000003"];

describe(`reading a leaderboard (${ENGINE})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  let clock: ManualClock;
  let ctx: { store: Store };

  beforeEach(async () => {
    ({ store, close } = await freshStore());
    clock = new ManualClock("2026-03-02T12:00:00Z");
    ctx = { store };
    const done = (userId: string) => {
      const now = clock.now();
      return recordDaily(ctx, {
        guildId: GUILD,
        userId,
        date: localDate(now, "UTC"),
        zone: "UTC",
        at: now.getTime(),
        challengeId: "c",
        note: null,
      });
    };
    // Ann completes three days and stops; Bo completes five in a row; Cy joins on the fifth.
    for (let day = 1; day <= 5; day++) {
      if (day <= 3) await done(ANN);
      await done(BO);
      if (day === 5) await done(CY);
      if (day < 5) clock.advance(DAY);
    }
  });
  afterEach(() => close());

  const storedUsers = () =>
    store.read(function* (s) {
      const { boardEntries } = s.t;
      const rows = yield* all(
        s.db
          .select({ userId: boardEntries.userId })
          .from(boardEntries)
          .where(eq(boardEntries.board, "current"))
          .orderBy(asc(boardEntries.userId)),
      );
      return rows.map((r) => r.userId);
    });

  it("no longer shows a streak that lapsed since anyone last completed, and moves the members behind it up", async () => {
    // Ann missed day 4 with no freeze: her streak of 3 is over, though nothing has taken it off the board yet.
    expect((await readBoard(ctx, GUILD, "current", CY)).me?.rank).toBe(3);
    const view = await readBoardAt(ctx, GUILD, "current", CY, clock.now());
    expect(view.top.map((r) => [r.userId, r.value])).toEqual([
      [BO, 5],
      [CY, 1],
    ]);
    expect(view.me).toMatchObject({ rank: 2, userId: CY });
    expect(view.size).toBe(2);
    expect(await storedUsers()).toEqual([BO, CY]);
  });

  it("leaves a member whose streak lapsed off the current board, and on the longest board", async () => {
    expect((await readBoardAt(ctx, GUILD, "current", ANN, clock.now())).me).toBeNull();
    const longest = await readBoardAt(ctx, GUILD, "longest", ANN, clock.now());
    expect(longest.top.map((r) => [r.userId, r.value])).toEqual([
      [BO, 5],
      [ANN, 3],
      [CY, 1],
    ]);
    expect(longest.me).toMatchObject({ rank: 2, userId: ANN });
  });
});
