import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { parseConfig } from "../src/config/index.js";
import type { Store } from "../src/db/store.js";
import type { Logger } from "../src/log.js";
import { getGuildTimezone, resolveTimezone, setMemberTimezone, zoneIn } from "../src/settings/index.js";
import { boardOn, readBoard, readBoardAt, rebuildBoards } from "../src/streaks/boards.js";
import { recordDaily, recordPractice } from "../src/streaks/store.js";
import { localDate } from "../src/time/index.js";
import { changeGuildTimezone } from "../src/zone-change/index.js";
import { modelDate } from "./support/model-date.js";
import { ENGINE, freshStore } from "./support/store.js";

/**
 * The week board against a reference model written apart from src/time and src/streaks: its own calendar (Intl
 * en-CA), its own ISO week and a plain tally. Members complete through the use cases /challenge done and practice
 * record with (in their zone, or the server's, at the clock's now); the server's zone changes mid-way through the
 * zone-change use case; the board the server shows at the end (its current ISO week in its zone, as
 * /leaderboard reads it) and every earlier week's must rank exactly as the model does, and rebuild to the same.
 */

const ZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/St_Johns",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
];

/** Just before DST changes in the US, Europe, Australia and New Zealand (both directions), and a year's end. */
const STARTS = [
  "2026-03-06T18:00:00Z",
  "2026-03-27T18:00:00Z",
  "2026-04-03T18:00:00Z",
  "2026-09-25T18:00:00Z",
  "2026-10-23T18:00:00Z",
  "2026-10-30T18:00:00Z",
  "2026-12-26T18:00:00Z",
].map((s) => Date.parse(s));

/** ISO 8601: the week belongs to the year of its Thursday, and week 1 holds the year's first Thursday. */
function modelWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const fromMonday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - fromMonday + 3);
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

type Press = { user: number; minutes: number; practice: boolean };

interface Row {
  userId: string;
  value: number;
  reachedAt: number;
}

const MEMBERS = 6;
/** Members' own zones are theirs in every server, so each run has members of its own. */
let run = 0;
const userOf = (n: number) => String(700000000000000000n + BigInt(run * MEMBERS + n));
const runs = (n: number) => (ENGINE === "postgres" ? Math.ceil(n / 4) : n);
const TIMEOUT_MS = ENGINE === "postgres" ? 600_000 : 120_000;

describe(`the week board against a reference model (${ENGINE})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  const clock = new ManualClock(0);
  const config = parseConfig({ DISCORD_TOKEN: "t", DEFAULT_TIMEZONE: "UTC" });
  let ctx: { store: Store; config: typeof config; clock: ManualClock; log: Logger };
  let guildN = 0;

  beforeAll(async () => {
    ({ store, close } = await freshStore());
    ctx = { store, config, clock, log: pino({ level: "silent" }) };
  });
  afterAll(() => close());

  it(
    "ranks the server's current week and every earlier week as the model does, across zones, DST and a zone change",
    async () => {
      const seen = { splitByWeek: 0, changedZone: 0, practiceLeftOut: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...STARTS),
          fc.integer({ min: 0, max: 24 * 60 }),
          fc.constantFrom(...ZONES),
          fc.constantFrom(...ZONES),
          fc.array(fc.option(fc.constantFrom(...ZONES), { nil: null }), { minLength: MEMBERS, maxLength: MEMBERS }),
          fc.array(
            fc.record({
              user: fc.integer({ min: 0, max: MEMBERS - 1 }),
              minutes: fc.integer({ min: 0, max: 14 * 60 }),
              practice: fc.boolean(),
            }),
            { minLength: 1, maxLength: 40 },
          ),
          fc.nat(),
          async (base, shift, firstZone, secondZone, memberZones, presses: Press[], changeAt) => {
            guildN += 1;
            run = guildN;
            const guild = String(210000000000000000n + BigInt(guildN));
            clock.set(base + shift * 60_000);
            await changeGuildTimezone(ctx, guild, firstZone, clock.now());
            for (const [i, zone] of memberZones.entries())
              if (zone) await setMemberTimezone(ctx, userOf(i), zone, clock.now());
            let serverZone = firstZone;
            const change = changeAt % (presses.length + 1);
            const last = new Map<string, string>();
            const credits: { userId: string; date: string; at: number }[] = [];
            let practices = 0;
            for (const [i, p] of presses.entries()) {
              if (i === change && secondZone !== serverZone) {
                const moved = await changeGuildTimezone(ctx, guild, secondZone, clock.now());
                await moved.boardsReady;
                serverZone = secondZone;
              }
              clock.advance(p.minutes * 60_000);
              const userId = userOf(p.user);
              const zone = await resolveTimezone(ctx, guild, userId);
              expect(zone).toBe(memberZones[p.user] ?? serverZone);
              const at = clock.now().getTime();
              const date = localDate(at, zone);
              if (p.practice) {
                practices += 1;
                await recordPractice(ctx, { guildId: guild, userId, date, zone, at, challengeId: `p${i}` });
                continue;
              }
              await recordDaily(ctx, { guildId: guild, userId, date, zone, at, challengeId: "daily", note: null });
              const modelDay = modelDate(at, memberZones[p.user] ?? serverZone);
              // A date already credited, or earlier than the last one (a zone moved back), is not credited again.
              if ((last.get(userId) ?? "") >= modelDay) continue;
              last.set(userId, modelDay);
              credits.push({ userId, date: modelDay, at });
            }

            const weeks = new Map<string, Map<string, Row>>();
            for (const c of credits) {
              const week = modelWeek(c.date);
              const board = weeks.get(week) ?? new Map<string, Row>();
              const row = board.get(c.userId) ?? { userId: c.userId, value: 0, reachedAt: 0 };
              board.set(c.userId, { userId: c.userId, value: row.value + 1, reachedAt: c.at });
              weeks.set(week, board);
            }
            const ranked = (week: string) =>
              [...(weeks.get(week)?.values() ?? [])].sort(
                (a, b) => b.value - a.value || a.reachedAt - b.reachedAt || (a.userId < b.userId ? -1 : 1),
              );

            // The server's current week, as /leaderboard board:week reads it.
            const now = clock.now();
            const zoneNow = await getGuildTimezone(ctx, guild);
            expect(zoneNow).toBe(serverZone);
            const thisWeek = modelWeek(modelDate(now.getTime(), serverZone));
            const board = boardOn("week", localDate(now, zoneNow));
            expect(board).toBe(`week:${thisWeek}`);
            // Members read with a top of 1, so every rank below it comes from the counts, as on a large server.
            const expectWeek = async (
              week: string,
              read: (userId: string, limit: number) => ReturnType<typeof readBoard>,
            ) => {
              const model = ranked(week);
              const top = (await read("nobody", 10)).top;
              expect(top).toEqual(model.slice(0, 10).map((r, i) => ({ rank: i + 1, ...r })));
              for (let u = 0; u < MEMBERS; u++) {
                const view = await read(userOf(u), 1);
                const at = model.findIndex((r) => r.userId === userOf(u));
                expect(view.size).toBe(model.length);
                expect(view.me).toEqual(at < 0 ? null : { rank: at + 1, ...model[at] });
              }
            };
            await expectWeek(thisWeek, (userId, limit) => readBoardAt(ctx, guild, board, userId, now, limit));
            for (const week of weeks.keys())
              await expectWeek(week, (userId, limit) => readBoard(ctx, guild, `week:${week}`, userId, limit));

            // A full rebuild from the log gives the same boards.
            await rebuildBoards(ctx, guild, now.getTime(), (s, userId) =>
              zoneIn(s, config.DEFAULT_TIMEZONE, guild, userId),
            );
            for (const week of weeks.keys())
              await expectWeek(week, (userId, limit) => readBoard(ctx, guild, `week:${week}`, userId, limit));

            if (weeks.size > 1) seen.splitByWeek += 1;
            if (serverZone !== firstZone) seen.changedZone += 1;
            if (practices > 0 && credits.length > 0) seen.practiceLeftOut += 1;
          },
        ),
        { numRuns: runs(120) },
      );
      // The generated runs really cross weeks, change the server's zone and mix in practice.
      for (const n of Object.values(seen)) expect(n, JSON.stringify(seen)).toBeGreaterThan(runs(120) / 8);
    },
    TIMEOUT_MS,
  );
});
