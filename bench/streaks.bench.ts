import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import pg from "pg";
import { announceSeat, recordDailyIn } from "../src/challenges/complete.js";
import type { Challenge } from "../src/content/schema.js";
import { openPostgresStore } from "../src/db/postgres/store.js";
import { openSqliteStore } from "../src/db/sqlite.js";
import type { Store } from "../src/db/store.js";
import { nonceFor } from "../src/jobs/claim.js";
import { seatStatements, setRoom, threadName } from "../src/solvers/store.js";
import { type BoardStatements, boardStatements } from "../src/streaks/board-statements.js";
import { type Board, monthBoard, readBoardAt, rebuildBoards, slotOf, weekBoard } from "../src/streaks/boards.js";
import { creditDay, EMPTY_STATE, lapseInstant, type StreakState } from "../src/streaks/engine.js";
import { restStatements } from "../src/streaks/rest.js";
import { recordDaily, type Statements, statements } from "../src/streaks/store.js";
import { addDays } from "../src/time/index.js";
import { findPostgres, startCluster } from "../test/support/postgres.js";

/**
 * (a) The `done` write path: recordDaily (one transaction through the store: read the member's figures, insert the
 *     completion, fold the streak, write member_stats and the three boards) against the same SQL run through raw
 *     prepared better-sqlite3 statements with hand-written positional parameters.
 * (b) The leaderboard read (lapse sweep, top 10, board size and the caller's rank) with 100,000 members in one
 *     guild. Both on temporary files in WAL mode, as in production.
 * (d) (a) with the solvers' room on (src/solvers): the completion as every completion use case records it
 *     (recordDailyIn: the credit and, in the same transaction, the member's seat, the thread claimed and the
 *     addition queued), then the room told of it, against the same SQL raw, seat statements included.
 * (c) The `done` write path on PostgreSQL (a throwaway cluster, test/support/postgres.ts): recordDaily on the
 *     PostgreSQL store against the same SQL as named prepared statements on one node-postgres client, each write
 *     one SERIALIZABLE transaction on both paths. Skipped, and said so, without PostgreSQL's binaries.
 */

const GUILD = "200000000000000001";
const ZONE = "UTC";
const DAY = 86_400_000;
const START = Date.parse("2026-03-01T12:00:00Z");
const userId = (i: number) => String(400000000000000000n + BigInt(i));

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), "gradient-bench-"));
  const opened = openSqliteStore(join(dir, "gradient.sqlite"));
  const remove = () => {
    opened.opened.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store: opened.opened, ctx: { store: opened as Store }, remove };
}

/** The statements recordDaily runs on `store`'s engine, for their SQL. */
function writePathOf(store: Store): Promise<WritePath> {
  // biome-ignore lint/correctness/useYield: it runs no statement, it only takes the session's prepared ones.
  return store.read(function* (s) {
    const rest = restStatements(s);
    return { ...statements(s), ...boardStatements(s), restAll: rest.all, restAfter: rest.after };
  });
}

/** A parameter's placeholder name (drizzle wraps inserted values in a Param), or its literal value. */
function nameOf(p: unknown): unknown {
  if (typeof p !== "object" || p === null) return p;
  if ("name" in p) return (p as { name: string }).name;
  return "value" in p ? nameOf((p as { value: unknown }).value) : p;
}

/** The SQL drizzle prepared for statement `name`, after checking it binds its parameters in `order`. */
function sqlOf(drizzle: WritePath, name: keyof WritePath, order: (string | number)[]): string {
  const params = drizzle[name].getQuery().params.map(nameOf);
  if (JSON.stringify(params) !== JSON.stringify(order)) {
    throw new Error(`${name}: drizzle binds ${JSON.stringify(params)}, the raw path ${JSON.stringify(order)}`);
  }
  return drizzle[name].getQuery().sql;
}

/** Each statement of the write path and the order of its parameters. */
const ORDERS = {
  readStats: ["guildId", "userId"],
  restAll: ["guildId", "userId"],
  restAfter: ["guildId", "userId", "after"],
  insertCompletion: [
    "guildId",
    "userId",
    "kind",
    "localDate",
    "zone",
    "challengeId",
    "note",
    "verified",
    "completedAt",
  ],
  writeStats: [
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
  ],
  readEntry: ["guildId", "board", "userId"],
  writeEntry: ["guildId", "board", "userId", "value", "reachedAt", "lapseAt"],
  deleteEntry: ["guildId", "board", "userId"],
  addValue: ["guildId", "board", "value", 1],
  removeValue: ["guildId", "board", "value"],
  dropValue: ["guildId", "board", "value"],
  addSlot: ["guildId", "board", "value", "slot", 1],
  removeSlot: ["guildId", "board", "value", "slot"],
  dropSlot: ["guildId", "board", "value", "slot"],
} satisfies Partial<Record<keyof WritePath, (string | number)[]>>;

type StatsRow = {
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
type EntryRow = { value: number; reached_at: number; lapse_at: number | null };

function stateOf(row: StatsRow | undefined): StreakState {
  return row
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
}

const statsValues = (guild: string, user: string, state: StreakState) => [
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
];

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
  > & { restAll: RestStatements["all"]; restAfter: RestStatements["after"] };
type RestStatements = ReturnType<typeof restStatements>;

/** The raw twin of recordDaily: the SQL drizzle prepared, run by better-sqlite3 with positional parameters. */
function rawRecorder(sqlite: Database.Database, drizzle: WritePath, room?: SeatPath) {
  const prepare = (name: keyof typeof ORDERS) => sqlite.prepare(sqlOf(drizzle, name, ORDERS[name]));
  const seat = room && rawSeat(sqlite, room);
  const readStats = prepare("readStats");
  const restAll = prepare("restAll");
  const restAfter = prepare("restAfter");
  const insertCompletion = prepare("insertCompletion");
  const writeStats = prepare("writeStats");
  const readEntry = prepare("readEntry");
  const writeEntry = prepare("writeEntry");
  const deleteEntry = prepare("deleteEntry");
  const addValue = prepare("addValue");
  const removeValue = prepare("removeValue");
  const dropValue = prepare("dropValue");
  const addSlot = prepare("addSlot");
  const removeSlot = prepare("removeSlot");
  const dropSlot = prepare("dropSlot");

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
    old = readEntry.get(guild, board, user) as EntryRow | undefined,
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
    const previous = stateOf(readStats.get(guild, user) as StatsRow | undefined);
    // The member's rest days after their last credited day: none in this workload, but read as recordDaily does.
    const rest = (
      previous.lastDate === null ? restAll.all(guild, user) : restAfter.all(guild, user, previous.lastDate)
    ) as { date: string }[];
    const { state, outcome } = creditDay(
      previous,
      { date, zone: ZONE, at },
      rest.map((r) => r.date),
    );
    if (outcome.kind === "already") return false;
    if (insertCompletion.run(guild, user, "daily", date, ZONE, challenge, null, 0, at).changes === 0) return false;
    writeStats.run(...statsValues(guild, user, state));
    setEntry(guild, "current", user, state.current, at, lapseInstant(state, ZONE));
    if (state.longest !== previous.longest)
      setEntry(guild, "longest", user, state.longest, state.longestAt ?? at, null);
    for (const board of [monthBoard(date), weekBoard(date)]) {
      const old = readEntry.get(guild, board, user) as EntryRow | undefined;
      setEntry(guild, board, user, (old?.value ?? 0) + 1, at, null, old);
    }
    seat?.(guild, user, date, at, challenge);
    return true;
  });
  return (guild: string, user: string, date: string, at: number, challenge: string) =>
    tx.immediate(guild, user, date, at, challenge);
}

type SeatPath = ReturnType<typeof seatStatements>;

/** Each statement of a seat and the order of its parameters. */
const SEAT_ORDERS = {
  room: ["guildId"],
  claimThread: ["guildId", "date", "track", "challengeId", "channelId", "name", "pending", "nonce", 0, 0, "now", "now"],
  countSolver: ["guildId", "date", "track"],
  claimMember: ["guildId", "date", "track", "userId", "position", "pending", 0, "now", "now"],
} satisfies Record<keyof SeatPath, (string | number)[]>;

/** seatIn's raw twin, run inside rawRecorder's transaction: the room read, the thread's and the member's claims. */
function rawSeat(sqlite: Database.Database, room: SeatPath) {
  const prepare = (name: keyof SeatPath) => {
    const params = room[name].getQuery().params.map(nameOf);
    if (JSON.stringify(params) !== JSON.stringify(SEAT_ORDERS[name]))
      throw new Error(
        `${name}: drizzle binds ${JSON.stringify(params)}, the raw path ${JSON.stringify(SEAT_ORDERS[name])}`,
      );
    return sqlite.prepare(room[name].getQuery().sql);
  };
  const [readRoom, claimThread, countSolver, claimMember] = (
    ["room", "claimThread", "countSolver", "claimMember"] as const
  ).map(prepare) as [Database.Statement, Database.Statement, Database.Statement, Database.Statement];
  return (guild: string, user: string, date: string, at: number, challenge: string) => {
    const found = readRoom.get(guild) as { channel_id: string; paused_at: number | null } | undefined;
    if (!found || found.paused_at !== null) return;
    const name = threadName(date, "mixed", "C");
    const nonce = nonceFor("sr", `${guild}:${date}:mixed`);
    claimThread.run(guild, date, "mixed", challenge, found.channel_id, name, "pending", nonce, 0, 0, at, at);
    const thread = countSolver.get(guild, date, "mixed") as { status: string; solvers: number } | undefined;
    if (!thread || thread.status === "failed") return;
    const before = thread.solvers - 1;
    claimMember.run(guild, date, "mixed", user, before, "pending", 0, at, at);
  };
}

/**
 * The raw twin on PostgreSQL: the same SQL as named prepared statements (parsed once per connection) on one
 * node-postgres client, each write one SERIALIZABLE transaction as the store runs it.
 */
function rawPgRecorder(client: pg.Client, drizzle: WritePath) {
  const texts = Object.fromEntries(
    Object.entries(ORDERS).map(([name, order]) => [name, sqlOf(drizzle, name as keyof WritePath, order)]),
  ) as Record<keyof typeof ORDERS, string>;
  const query = async <R>(name: keyof typeof ORDERS, values: unknown[]) =>
    (await client.query<R & pg.QueryResultRow>({ name, text: texts[name], values })) as pg.QueryResult<
      R & pg.QueryResultRow
    >;
  const first = async <R>(name: keyof typeof ORDERS, values: unknown[]) => (await query<R>(name, values)).rows[0];

  const uncount = async (guild: string, board: string, value: number, reachedAt: number) => {
    if (((await first<{ n: number }>("removeValue", [guild, board, value]))?.n ?? 0) <= 0) {
      await query("dropValue", [guild, board, value]);
    }
    const slot = slotOf(reachedAt);
    if (((await first<{ n: number }>("removeSlot", [guild, board, value, slot]))?.n ?? 0) <= 0) {
      await query("dropSlot", [guild, board, value, slot]);
    }
  };
  const setEntry = async (
    guild: string,
    board: string,
    user: string,
    value: number,
    at: number,
    lapse: number | null,
    known?: EntryRow,
  ) => {
    const old = known ?? (await first<EntryRow>("readEntry", [guild, board, user]));
    if (old) {
      if (old.value === value && old.reached_at === at) {
        if (old.lapse_at !== lapse) await query("writeEntry", [guild, board, user, value, at, lapse]);
        return;
      }
      await uncount(guild, board, old.value, old.reached_at);
    }
    if (value <= 0) {
      if (old) await query("deleteEntry", [guild, board, user]);
      return;
    }
    await query("writeEntry", [guild, board, user, value, at, lapse]);
    await query("addValue", [guild, board, value, 1]);
    await query("addSlot", [guild, board, value, slotOf(at), 1]);
  };

  const body = async (guild: string, user: string, date: string, at: number, challenge: string) => {
    const previous = stateOf(await first<StatsRow>("readStats", [guild, user]));
    const rest = (
      previous.lastDate === null
        ? await query<{ date: string }>("restAll", [guild, user])
        : await query<{ date: string }>("restAfter", [guild, user, previous.lastDate])
    ).rows;
    const { state, outcome } = creditDay(
      previous,
      { date, zone: ZONE, at },
      rest.map((r) => r.date),
    );
    if (outcome.kind === "already") return false;
    const inserted = await query("insertCompletion", [guild, user, "daily", date, ZONE, challenge, null, 0, at]);
    if (inserted.rowCount === 0) return false;
    await query("writeStats", statsValues(guild, user, state));
    await setEntry(guild, "current", user, state.current, at, lapseInstant(state, ZONE));
    if (state.longest !== previous.longest)
      await setEntry(guild, "longest", user, state.longest, state.longestAt ?? at, null);
    for (const board of [monthBoard(date), weekBoard(date)]) {
      const old = await first<EntryRow>("readEntry", [guild, board, user]);
      await setEntry(guild, board, user, (old?.value ?? 0) + 1, at, null, old);
    }
    return true;
  };
  return async (guild: string, user: string, date: string, at: number, challenge: string) => {
    await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
    try {
      const recorded = await body(guild, user, date, at, challenge);
      await client.query("COMMIT");
      return recorded;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  };
}

type Recorder = (guild: string, user: string, date: string, at: number, challenge: string) => unknown;

/**
 * Times the two paths on the same workload: warmed first (JIT, statement caches, page cache) on a guild the timed
 * run does not touch, then interleaved in chunks of one day, so load on the machine hits both alike; each chunk is
 * timed by wall clock and by this process's CPU time, and the medians are reported.
 */
type Done = (guildId: string, w: { m: number; date: string; at: number }) => Promise<unknown>;

async function timeBoth(
  ctx: { store: Store },
  record: Recorder,
  members: number,
  days: number,
  warm: number,
  completion?: Done,
) {
  const done: Done =
    completion ??
    ((guildId, w) =>
      recordDaily(ctx, {
        guildId,
        userId: userId(w.m),
        date: w.date,
        zone: ZONE,
        at: w.at,
        challengeId: "c",
        note: null,
      }));
  for (const w of workload(warm, 3)) {
    await done("warm", w);
    await record("warm", userId(w.m), w.date, w.at, "c");
  }
  const chunks = {
    domain: { wall: [] as number[], cpu: [] as number[] },
    raw: { wall: [] as number[], cpu: [] as number[] },
  };
  const timed = async (into: { wall: number[]; cpu: number[] }, count: number, fn: () => Promise<void>) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    into.wall.push(count / wall);
    into.cpu.push(count / ((cpu.user + cpu.system) / 1e6));
  };
  const all = [...workload(members, days)];
  for (let d = 0; d < days; d++) {
    const day = all.slice(d * members, (d + 1) * members);
    const domain = async () => {
      for (const w of day) await done(GUILD, w);
    };
    const raw = async () => {
      for (const w of day) {
        // better-sqlite3's raw path is synchronous: it pays no await.
        const recorded = record(GUILD, userId(w.m), w.date, w.at, "c");
        if (recorded instanceof Promise) await recorded;
      }
    };
    if (d % 2 === 0) {
      await timed(chunks.domain, day.length, domain);
      await timed(chunks.raw, day.length, raw);
    } else {
      await timed(chunks.raw, day.length, raw);
      await timed(chunks.domain, day.length, domain);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return {
    n: members * days,
    wall: { domain: median(chunks.domain.wall), raw: median(chunks.raw.wall) },
    cpu: { domain: median(chunks.domain.cpu), raw: median(chunks.raw.cpu) },
  };
}

const COMPARED = ["member_stats", "board_entries", "board_value_counts", "board_slot_counts"];
const ROOM_COMPARED = [...COMPARED, "solver_threads", "solver_members"];

/** (d): the room on in both databases, the warm-up guild's too; every completion claims a seat. */
async function roomWriteBench(members: number, days: number) {
  const drizzleDb = tempDb();
  const rawDb = tempDb();
  const on = new Date(START - DAY);
  for (const db of [drizzleDb, rawDb])
    for (const guild of [GUILD, "warm"]) await setRoom(db.ctx, guild, "300000000000000002", on);
  // biome-ignore lint/correctness/useYield: it runs no statement, it only takes the session's prepared ones.
  const seats = await rawDb.ctx.store.read(function* (s) {
    return seatStatements(s);
  });
  const record = rawRecorder(rawDb.store.sqlite, await writePathOf(rawDb.ctx.store), seats);
  const challenge = { id: "c", title: "C" } as Challenge;
  let queued = 0;
  const signal = {
    solvers: {
      seated: () => {
        queued += 1;
      },
    },
  };
  const done: Done = async (guildId, w) =>
    announceSeat(
      signal,
      await drizzleDb.ctx.store.write(
        recordDailyIn,
        { date: w.date, zone: ZONE, now: new Date(w.at), track: "mixed", challenge },
        { guildId, userId: userId(w.m), at: w.at, note: null },
      ),
    );
  const figures = await timeBoth(drizzleDb.ctx, record, members, days, 200, done);
  const same = ROOM_COMPARED.every((table) => {
    const q = `SELECT * FROM ${table} WHERE guild_id = '${GUILD}' ORDER BY 1, 2, 3, 4`;
    const a = JSON.stringify(drizzleDb.store.sqlite.prepare(q).all());
    const b = JSON.stringify(rawDb.store.sqlite.prepare(q).all());
    return a === b;
  });
  drizzleDb.remove();
  rawDb.remove();
  return { ...figures, same, queued };
}

async function writeBench(members: number, days: number) {
  const drizzleDb = tempDb();
  const rawDb = tempDb();
  const record = rawRecorder(rawDb.store.sqlite, await writePathOf(rawDb.ctx.store));
  const figures = await timeBoth(drizzleDb.ctx, record, members, days, 200);
  const same = COMPARED.every((table) => {
    const q = `SELECT * FROM ${table} WHERE guild_id = '${GUILD}' ORDER BY 1, 2, 3, 4`;
    return (
      JSON.stringify(drizzleDb.store.sqlite.prepare(q).all()) === JSON.stringify(rawDb.store.sqlite.prepare(q).all())
    );
  });
  drizzleDb.remove();
  rawDb.remove();
  return { ...figures, same };
}

async function pgWriteBench(members: number, days: number) {
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_store");
    await admin.query("CREATE DATABASE bench_raw");
    await admin.end();
    const store = await openPostgresStore(cluster.url("bench_store"), { poolSize: 1 });
    const rawStore = await openPostgresStore(cluster.url("bench_raw"), { poolSize: 1 });
    const drizzle = await writePathOf(rawStore);
    await rawStore.close();
    const client = new pg.Client({ connectionString: cluster.url("bench_raw") });
    await client.connect();
    try {
      const figures = await timeBoth({ store }, rawPgRecorder(client, drizzle), members, days, 100);
      const tables = async (db: pg.Pool | pg.Client) => {
        const rows: unknown[] = [];
        for (const table of COMPARED)
          rows.push((await db.query(`SELECT * FROM ${table} WHERE guild_id = $1 ORDER BY 1, 2, 3, 4`, [GUILD])).rows);
        return JSON.stringify(rows);
      };
      const same = (await tables(store.pool)) === (await tables(client));
      return { ...figures, same };
    } finally {
      await client.end();
      await store.close();
    }
  } finally {
    cluster.stop();
  }
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

async function boardBench(members: number, queries: number) {
  const db = tempDb();
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const now = Date.parse("2026-03-20T18:00:00Z");
  const seedStart = process.hrtime.bigint();
  seedGuild(db.store.sqlite, members, now, random);
  // biome-ignore lint/correctness/useYield: every seeded member is in UTC, so no zone is read.
  await rebuildBoards(db.ctx, GUILD, now, function* () {
    return "UTC";
  });
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
      const view = await readBoardAt(db.ctx, GUILD, board, caller, new Date(now));
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
  const write = await writeBench(2000, 10);
  const rate = (x: number) => `${Math.round(x).toLocaleString("en-US")}/s`.padStart(9);
  console.log(
    `(a) done write path, ${write.n.toLocaleString("en-US")} completions (2,000 members x 10 days, interleaved by day; medians), load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log("                                      wall clock   CPU time");
  console.log(`    recordDaily (store, prepared)     ${rate(write.wall.domain)}   ${rate(write.cpu.domain)}`);
  console.log(`    same SQL, raw better-sqlite3      ${rate(write.wall.raw)}   ${rate(write.cpu.raw)}`);
  console.log(
    `    ratio raw / recordDaily           ${(write.wall.raw / write.wall.domain).toFixed(2).padStart(8)}x  ${(write.cpu.raw / write.cpu.domain).toFixed(2).padStart(8)}x   (target <= 1.30x)`,
  );
  console.log(`    both paths left identical tables  ${write.same ? "yes" : "NO"}`);
  const room = await roomWriteBench(2000, 10);
  console.log(
    `(d) done write path with the solvers' room on (each completion claims its seat; the room told of it), ${room.n.toLocaleString("en-US")} completions (2,000 members x 10 days; medians), load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log("                                      wall clock   CPU time");
  console.log(`    recordDailyIn + seat (store)      ${rate(room.wall.domain)}   ${rate(room.cpu.domain)}`);
  console.log(`    same SQL, raw better-sqlite3      ${rate(room.wall.raw)}   ${rate(room.cpu.raw)}`);
  console.log(
    `    ratio raw / recordDailyIn         ${(room.wall.raw / room.wall.domain).toFixed(2).padStart(8)}x  ${(room.cpu.raw / room.cpu.domain).toFixed(2).padStart(8)}x   (target <= 1.30x)`,
  );
  console.log(
    `    vs (a)'s raw path, room off       ${(write.wall.raw / room.wall.domain).toFixed(2).padStart(8)}x  ${(write.cpu.raw / room.cpu.domain).toFixed(2).padStart(8)}x`,
  );
  console.log(
    `    both paths left identical tables  ${room.same ? "yes" : "NO"}; seats announced ${room.queued.toLocaleString("en-US")}`,
  );
  const boards = await boardBench(100_000, 2000);
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
  if (!findPostgres()) {
    console.log(
      "(c) done write path on PostgreSQL: skipped, PostgreSQL's server binaries (initdb, pg_ctl) are not installed",
    );
    return;
  }
  const pgWrite = await pgWriteBench(400, 8);
  console.log(
    `(c) done write path on PostgreSQL (throwaway local cluster, fsync off), ${pgWrite.n.toLocaleString("en-US")} completions (400 members x 8 days, interleaved by day; medians), load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log("                                      wall clock   CPU time");
  console.log(`    recordDaily (PostgreSQL store)    ${rate(pgWrite.wall.domain)}   ${rate(pgWrite.cpu.domain)}`);
  console.log(`    same SQL, named statements (pg)   ${rate(pgWrite.wall.raw)}   ${rate(pgWrite.cpu.raw)}`);
  console.log(
    `    ratio raw / recordDaily           ${(pgWrite.wall.raw / pgWrite.wall.domain).toFixed(2).padStart(8)}x  ${(pgWrite.cpu.raw / pgWrite.cpu.domain).toFixed(2).padStart(8)}x   (target <= 1.30x)`,
  );
  console.log(`    both paths left identical tables  ${pgWrite.same ? "yes" : "NO"}`);
}
