import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { openDatabase } from "../src/db/index.js";
import { type BoardStatements, boardStatementsFor } from "../src/streaks/board-statements.js";
import { type Board, monthBoard, readBoardAt, rebuildBoards, slotOf } from "../src/streaks/boards.js";
import { creditDay, EMPTY_STATE, lapseInstant, type StreakState } from "../src/streaks/engine.js";
import { recordDaily, type Statements, statementsFor } from "../src/streaks/store.js";
import { addDays } from "../src/time/index.js";

/**
 * (a) The `done` write path: recordDaily (one immediate transaction: read the member's figures, insert the
 *     completion, fold the streak, write member_stats and the three boards) against the same SQL run through raw
 *     prepared better-sqlite3 statements with hand-written positional parameters.
 * (b) The leaderboard read (lapse sweep, top 10, board size and the caller's rank) with 100,000 members in one
 *     guild. Both on temporary files in WAL mode, as in production.
 */

const GUILD = "200000000000000001";
const ZONE = "UTC";
const DAY = 86_400_000;
const START = Date.parse("2026-03-01T12:00:00Z");
const userId = (i: number) => String(400000000000000000n + BigInt(i));

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), "gradient-bench-"));
  const store = openDatabase(join(dir, "gradient.sqlite"));
  const remove = () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, remove };
}

/** The recordDaily workload: `members` members completing `days` consecutive days, one transaction each. */
function* workload(members: number, days: number) {
  for (let d = 0; d < days; d++) {
    for (let m = 0; m < members; m++) {
      yield { m, date: addDays("2026-03-01", d), at: START + d * DAY + m };
    }
  }
}

/** The statements recordDaily runs, from the store and the boards. */
type WritePath = Statements &
  Pick<
    BoardStatements,
    | "readEntry"
    | "writeEntry"
    | "deleteEntry"
    | "addValue"
    | "removeValue"
    | "dropValue"
    | "addSlot"
    | "removeSlot"
    | "dropSlot"
  >;

/** The raw twin of recordDaily: the SQL drizzle prepared, run by better-sqlite3 with positional parameters. */
function rawRecorder(sqlite: Database.Database, drizzle: WritePath) {
  /** A parameter's placeholder name (drizzle wraps inserted values in a Param), or its literal value. */
  const nameOf = (p: unknown): unknown => {
    if (typeof p !== "object" || p === null) return p;
    if ("name" in p) return (p as { name: string }).name;
    return "value" in p ? nameOf((p as { value: unknown }).value) : p;
  };
  const expect = (name: keyof WritePath, order: (string | number)[]) => {
    const params = drizzle[name].getQuery().params.map(nameOf);
    if (JSON.stringify(params) !== JSON.stringify(order)) {
      throw new Error(`${name}: drizzle binds ${JSON.stringify(params)}, the raw path ${JSON.stringify(order)}`);
    }
    return sqlite.prepare(drizzle[name].getQuery().sql);
  };
  const readStats = expect("readStats", ["guildId", "userId"]);
  const insertCompletion = expect("insertCompletion", [
    "guildId",
    "userId",
    "kind",
    "localDate",
    "zone",
    "challengeId",
    "note",
    "verified",
    "completedAt",
  ]);
  const writeStats = expect("writeStats", [
    "guildId",
    "userId",
    "total",
    "days",
    "current",
    "longest",
    "longestAt",
    "freezes",
    "freezesUsed",
    "run",
    "lastDate",
    "lastZone",
    "lastAt",
  ]);
  const readEntry = expect("readEntry", ["guildId", "board", "userId"]);
  const writeEntry = expect("writeEntry", ["guildId", "board", "userId", "value", "reachedAt", "lapseAt"]);
  const deleteEntry = expect("deleteEntry", ["guildId", "board", "userId"]);
  const addValue = expect("addValue", ["guildId", "board", "value", 1]);
  const removeValue = expect("removeValue", ["guildId", "board", "value"]);
  const dropValue = expect("dropValue", ["guildId", "board", "value"]);
  const addSlot = expect("addSlot", ["guildId", "board", "value", "slot", 1]);
  const removeSlot = expect("removeSlot", ["guildId", "board", "value", "slot"]);
  const dropSlot = expect("dropSlot", ["guildId", "board", "value", "slot"]);

  type Row = {
    total: number;
    days: number;
    current: number;
    longest: number;
    longest_at: number | null;
    freezes: number;
    freezes_used: number;
    run: number;
    last_date: string | null;
    last_zone: string | null;
    last_at: number | null;
  };
  type Entry = { value: number; reached_at: number; lapse_at: number | null };

  const uncount = (guild: string, board: string, value: number, reachedAt: number) => {
    if (((removeValue.get(guild, board, value) as { n: number } | undefined)?.n ?? 0) <= 0) {
      dropValue.run(guild, board, value);
    }
    const slot = slotOf(reachedAt);
    if (((removeSlot.get(guild, board, value, slot) as { n: number } | undefined)?.n ?? 0) <= 0) {
      dropSlot.run(guild, board, value, slot);
    }
  };
  const setEntry = (
    guild: string,
    board: string,
    user: string,
    value: number,
    at: number,
    lapse: number | null,
    old = readEntry.get(guild, board, user) as Entry | undefined,
  ) => {
    if (old) {
      if (old.value === value && old.reached_at === at) {
        if (old.lapse_at !== lapse) writeEntry.run(guild, board, user, value, at, lapse);
        return;
      }
      uncount(guild, board, old.value, old.reached_at);
    }
    if (value <= 0) {
      if (old) deleteEntry.run(guild, board, user);
      return;
    }
    writeEntry.run(guild, board, user, value, at, lapse);
    addValue.run(guild, board, value, 1);
    addSlot.run(guild, board, value, slotOf(at), 1);
  };

  const tx = sqlite.transaction((guild: string, user: string, date: string, at: number, challenge: string) => {
    const row = readStats.get(guild, user) as Row | undefined;
    const previous: StreakState = row
      ? {
          total: row.total,
          days: row.days,
          current: row.current,
          longest: row.longest,
          longestAt: row.longest_at,
          freezes: row.freezes,
          freezesUsed: row.freezes_used,
          run: row.run,
          lastDate: row.last_date,
          lastZone: row.last_zone,
          lastAt: row.last_at,
        }
      : EMPTY_STATE;
    const { state, outcome } = creditDay(previous, { date, zone: ZONE, at });
    if (outcome.kind === "already") return false;
    if (insertCompletion.run(guild, user, "daily", date, ZONE, challenge, null, 0, at).changes === 0) return false;
    writeStats.run(
      guild,
      user,
      state.total,
      state.days,
      state.current,
      state.longest,
      state.longestAt,
      state.freezes,
      state.freezesUsed,
      state.run,
      state.lastDate,
      state.lastZone,
      state.lastAt,
    );
    setEntry(guild, "current", user, state.current, at, lapseInstant(state, ZONE));
    if (state.longest !== previous.longest)
      setEntry(guild, "longest", user, state.longest, state.longestAt ?? at, null);
    const month = monthBoard(date);
    const old = readEntry.get(guild, month, user) as Entry | undefined;
    setEntry(guild, month, user, (old?.value ?? 0) + 1, at, null, old);
    return true;
  });
  return (guild: string, user: string, date: string, at: number, challenge: string) =>
    tx.immediate(guild, user, date, at, challenge);
}

function writeBench(members: number, days: number) {
  const drizzleDb = tempDb();
  const rawDb = tempDb();
  const record = rawRecorder(rawDb.store.sqlite, {
    ...statementsFor(rawDb.store.db),
    ...boardStatementsFor(rawDb.store.db),
  });
  // Warm both paths (JIT, statement caches, page cache) on a guild the timed run does not touch.
  for (const w of workload(200, 3)) {
    recordDaily(drizzleDb.store, {
      guildId: "warm",
      userId: userId(w.m),
      date: w.date,
      zone: ZONE,
      at: w.at,
      challengeId: "c",
      note: null,
    });
    record("warm", userId(w.m), w.date, w.at, "c");
  }
  // The two paths run interleaved in chunks of one day, so load on the machine hits both alike; each chunk is
  // timed by wall clock and by this process's CPU time, and the medians are reported.
  const chunks = {
    domain: { wall: [] as number[], cpu: [] as number[] },
    raw: { wall: [] as number[], cpu: [] as number[] },
  };
  const timed = (into: { wall: number[]; cpu: number[] }, count: number, fn: () => void) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    into.wall.push(count / wall);
    into.cpu.push(count / ((cpu.user + cpu.system) / 1e6));
  };
  const all = [...workload(members, days)];
  for (let d = 0; d < days; d++) {
    const day = all.slice(d * members, (d + 1) * members);
    const domain = () => {
      for (const w of day) {
        recordDaily(drizzleDb.store, {
          guildId: GUILD,
          userId: userId(w.m),
          date: w.date,
          zone: ZONE,
          at: w.at,
          challengeId: "c",
          note: null,
        });
      }
    };
    const raw = () => {
      for (const w of day) record(GUILD, userId(w.m), w.date, w.at, "c");
    };
    if (d % 2 === 0) {
      timed(chunks.domain, day.length, domain);
      timed(chunks.raw, day.length, raw);
    } else {
      timed(chunks.raw, day.length, raw);
      timed(chunks.domain, day.length, domain);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const n = members * days;
  const same = ["member_stats", "board_entries", "board_value_counts", "board_slot_counts"].every((table) => {
    const q = `SELECT * FROM ${table} WHERE guild_id = '${GUILD}' ORDER BY 1, 2, 3, 4`;
    return (
      JSON.stringify(drizzleDb.store.sqlite.prepare(q).all()) === JSON.stringify(rawDb.store.sqlite.prepare(q).all())
    );
  });
  drizzleDb.remove();
  rawDb.remove();
  return {
    n,
    wall: { domain: median(chunks.domain.wall), raw: median(chunks.raw.wall) },
    cpu: { domain: median(chunks.domain.cpu), raw: median(chunks.raw.cpu) },
    same,
  };
}

/** 100,000 members with a spread of streaks, seeded straight into member_stats and the log, then boards rebuilt. */
function seedGuild(sqlite: Database.Database, members: number, now: number, random: () => number) {
  const stats = sqlite.prepare(
    `INSERT INTO member_stats (guild_id, user_id, total, days, current, longest, longest_at, freezes, freezes_used,
       run, last_date, last_zone, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const completion = sqlite.prepare(
    `INSERT INTO completions (guild_id, user_id, kind, local_date, zone, challenge_id, note, completed_at)
     VALUES (?, ?, 'daily', ?, 'UTC', 'c', NULL, ?)`,
  );
  const today = new Date(now).toISOString().slice(0, 10);
  sqlite.transaction(() => {
    for (let i = 0; i < members; i++) {
      // Streak lengths fall off geometrically (most members are short, a few run for months).
      const current = Math.min(400, Math.floor(-Math.log(1 - random()) * 12) + 1);
      const longest = current + Math.floor(-Math.log(1 - random()) * 10);
      const lapsedDays = random() < 0.6 ? Math.floor(random() * 2) : 2 + Math.floor(random() * 40);
      const lastDate = addDays(today, -lapsedDays);
      const lastAt = now - lapsedDays * DAY - Math.floor(random() * 20 * 3_600_000);
      const longestAt = lastAt - Math.floor(random() * 200) * DAY;
      const thisMonth = Math.min(Number(today.slice(8, 10)), Math.floor(random() * 20));
      stats.run(
        GUILD,
        userId(i),
        longest + thisMonth,
        longest,
        current,
        longest,
        longestAt,
        i % 3,
        0,
        current % 7,
        lastDate,
        "UTC",
        lastAt,
      );
      for (let d = 0; d < thisMonth; d++) {
        completion.run(GUILD, userId(i), addDays(today, -d), now - d * DAY - Math.floor(random() * 18 * 3_600_000));
      }
    }
  })();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function boardBench(members: number, queries: number) {
  const db = tempDb();
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const now = Date.parse("2026-03-20T18:00:00Z");
  const seedStart = process.hrtime.bigint();
  seedGuild(db.store.sqlite, members, now, random);
  rebuildBoards(db.store, GUILD, now, () => "UTC");
  db.store.sqlite.exec("ANALYZE");
  const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
  const results: {
    board: string;
    size: number;
    p50: number;
    p99: number;
    max: number;
    cpuP50: number;
    cpuP99: number;
  }[] = [];
  for (const board of ["current", "longest", monthBoard("2026-03-20")] as Board[]) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let size = 0;
    for (let q = 0; q < queries; q++) {
      const caller = userId(Math.floor(random() * members));
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const view = readBoardAt(db.store, GUILD, board, caller, new Date(now));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const cpu = process.cpuUsage(cpu0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      size = view.size;
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    results.push({
      board,
      size,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1) ?? 0,
      cpuP50: percentile(cpuTimes, 50),
      cpuP99: percentile(cpuTimes, 99),
    });
  }
  db.remove();
  return { seedSeconds, results };
}

export async function run(): Promise<void> {
  const write = writeBench(2000, 10);
  const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")}/s`.padStart(9);
  console.log(
    `(a) done write path, ${write.n.toLocaleString("en-US")} completions (2,000 members x 10 days, interleaved by day; medians), load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log("                                      wall clock   CPU time");
  console.log(`    recordDaily (drizzle, prepared)   ${rate(write.wall.domain)}   ${rate(write.cpu.domain)}`);
  console.log(`    same SQL, raw better-sqlite3      ${rate(write.wall.raw)}   ${rate(write.cpu.raw)}`);
  console.log(
    `    ratio raw / recordDaily           ${(write.wall.raw / write.wall.domain).toFixed(2).padStart(8)}x  ${(write.cpu.raw / write.cpu.domain).toFixed(2).padStart(8)}x   (target <= 1.30x)`,
  );
  console.log(`    both paths left identical tables  ${write.same ? "yes" : "NO"}`);
  const boards = boardBench(100_000, 2000);
  console.log(
    `(b) leaderboard read (lapse sweep, top 10, size, caller's rank), 100,000 members in one guild (seeded and rebuilt in ${boards.seedSeconds.toFixed(1)} s), 2,000 random callers per board, load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log(
    "                   ranked   wall p50   wall p99   wall max    CPU p50    CPU p99   (target wall p99 <= 5 ms)",
  );
  for (const r of boards.results) {
    const ms = (x: number) => `${x.toFixed(3)} ms`.padStart(9);
    console.log(
      `    ${r.board.padEnd(14)}${r.size.toLocaleString("en-US").padStart(8)}  ${ms(r.p50)}  ${ms(r.p99)}  ${ms(r.max)}  ${ms(r.cpuP50)}  ${ms(r.cpuP99)}`,
    );
  }
}
