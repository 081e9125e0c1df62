import type Database from "better-sqlite3";

const DAY = 86_400_000;

/** The i-th member of a big server: 18-digit ids, so their text order is their number order. */
export const bigMember = (i: number) => String(700000000000000000n + BigInt(i));

/**
 * `count` members of `guildId` with streak figures, written straight into member_stats in one transaction (the
 * write path would take minutes). Their last completions were in Europe/London on 3, 4 or 5 March 2026, a quarter
 * hold a freeze, and every tenth member has a zone of their own (Asia/Tokyo). The boards are left to the caller.
 */
export function seedBigServer(sqlite: Database.Database, guildId: string, count: number): void {
  const stats = sqlite.prepare(
    `INSERT INTO member_stats (guild_id, user_id, total, days, current, longest, longest_at, freezes, freezes_used,
       run, last_date, last_zone, last_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'Europe/London', ?)`,
  );
  const zone = sqlite.prepare(
    "INSERT INTO members (user_id, timezone, updated_at) VALUES (?, 'Asia/Tokyo', 0) ON CONFLICT DO NOTHING",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const userId = bigMember(i);
      const lastDate = ["2026-03-03", "2026-03-04", "2026-03-05"][i % 3] as string;
      const current = 1 + (i % 40);
      const lastAt = Date.parse(`${lastDate}T12:00:00Z`) + (i % 7) * 600_000;
      stats.run(
        guildId,
        userId,
        current,
        current,
        current,
        current + (i % 3),
        lastAt - (i % 3) * DAY,
        i % 4 === 0 ? 1 : 0,
        current,
        lastDate,
        lastAt,
      );
      if (i % 10 === 0) zone.run(userId);
    }
  })();
}

/** A guild's boards as rows, for comparing with a rebuild. */
export function boardRows(sqlite: Database.Database, guildId: string): unknown[][] {
  return ["board_entries", "board_value_counts", "board_slot_counts"].map((table) =>
    sqlite.prepare(`SELECT * FROM ${table} WHERE guild_id = ? ORDER BY 1, 2, 3, 4`).all(guildId),
  );
}

/**
 * What the count tables would hold if recounted from board_entries, next to what they hold: equal whenever every
 * rank read from them is exact.
 */
export function countsAgainstEntries(sqlite: Database.Database, guildId: string) {
  const rows = (query: string) => sqlite.prepare(query).all(guildId);
  return {
    stored: {
      values: rows("SELECT board, value, n FROM board_value_counts WHERE guild_id = ? ORDER BY 1, 2"),
      slots: rows("SELECT board, value, slot, n FROM board_slot_counts WHERE guild_id = ? ORDER BY 1, 2, 3"),
    },
    recounted: {
      values: rows(
        "SELECT board, value, count(*) AS n FROM board_entries WHERE guild_id = ? GROUP BY board, value ORDER BY 1, 2",
      ),
      slots: rows(
        `SELECT board, value, reached_at / 3600000 AS slot, count(*) AS n FROM board_entries WHERE guild_id = ?
         GROUP BY board, value, slot ORDER BY 1, 2, 3`,
      ),
    },
  };
}
