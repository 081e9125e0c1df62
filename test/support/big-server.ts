import { sql } from "drizzle-orm";
import { rows, run, type Store } from "../../src/db/store.js";

const DAY = 86_400_000;
/** Rows per insert statement: well under either engine's limit on bound parameters. */
const BATCH = 500;

/** The i-th member of a big server: 18-digit ids, so their text order is their number order. */
export const bigMember = (i: number) => String(700000000000000000n + BigInt(i));

/**
 * `count` members of `guildId` with streak figures, written straight into member_stats in one transaction (the
 * write path would take minutes). Their last completions were in Europe/London on 3, 4 or 5 March 2026, a quarter
 * hold a freeze, and every tenth member has a zone of their own (Asia/Tokyo). The boards are left to the caller.
 */
export function seedBigServer(store: Store, guildId: string, count: number): Promise<void> {
  const stats = Array.from({ length: count }, (_, i) => {
    const lastDate = ["2026-03-03", "2026-03-04", "2026-03-05"][i % 3] as string;
    const current = 1 + (i % 40);
    const lastAt = Date.parse(`${lastDate}T12:00:00Z`) + (i % 7) * 600_000;
    return {
      guildId,
      userId: bigMember(i),
      total: current,
      days: current,
      current,
      longest: current + (i % 3),
      longestAt: lastAt - (i % 3) * DAY,
      freezes: i % 4 === 0 ? 1 : 0,
      freezesUsed: 0,
      run: current,
      lastDate,
      lastZone: "Europe/London",
      lastAt,
    };
  });
  const zones = stats
    .filter((_, i) => i % 10 === 0)
    .map((m) => ({ userId: m.userId, timezone: "Asia/Tokyo", updatedAt: new Date(0) }));
  return store.write(function* (s) {
    for (let i = 0; i < stats.length; i += BATCH)
      yield* run(s.db.insert(s.t.memberStats).values(stats.slice(i, i + BATCH)));
    for (let i = 0; i < zones.length; i += BATCH)
      yield* run(
        s.db
          .insert(s.t.members)
          .values(zones.slice(i, i + BATCH))
          .onConflictDoNothing(),
      );
  });
}

/** A guild's boards as rows, for comparing with a rebuild. */
export function boardRows(store: Store, guildId: string): Promise<unknown[][]> {
  return store.read(function* () {
    const tables: unknown[][] = [];
    for (const table of ["board_entries", "board_value_counts", "board_slot_counts"])
      tables.push(
        yield* rows(sql`SELECT * FROM ${sql.identifier(table)} WHERE guild_id = ${guildId} ORDER BY 1, 2, 3, 4`),
      );
    return tables;
  });
}

/**
 * What the count tables would hold if recounted from board_entries, next to what they hold: equal whenever every
 * rank read from them is exact.
 */
export function countsAgainstEntries(store: Store, guildId: string) {
  return store.read(function* () {
    return {
      stored: {
        values: yield* rows(
          sql`SELECT board, value, n FROM board_value_counts WHERE guild_id = ${guildId} ORDER BY 1, 2`,
        ),
        slots: yield* rows(
          sql`SELECT board, value, slot, n FROM board_slot_counts WHERE guild_id = ${guildId} ORDER BY 1, 2, 3`,
        ),
      },
      recounted: {
        values: yield* rows(
          sql`SELECT board, value, count(*) AS n FROM board_entries WHERE guild_id = ${guildId}
              GROUP BY board, value ORDER BY 1, 2`,
        ),
        slots: yield* rows(
          sql`SELECT board, value, reached_at / 3600000 AS slot, count(*) AS n FROM board_entries
              WHERE guild_id = ${guildId} GROUP BY board, value, reached_at / 3600000 ORDER BY 1, 2, 3`,
        ),
      },
    };
  });
}
