import { sql } from "drizzle-orm";
import { type Gen, rows, type Session } from "../../src/db/store.js";

/** Counts to `n` in SQL: a read that holds its connection's thread for as long as `n` makes it. */
export function* slowCount(_s: Session, n: number): Gen<number> {
  const [r] = yield* rows<{ n: number }>(sql`
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT count(*) AS n FROM s`);
  return Number(r?.n);
}

/** A read of a table that does not exist. */
export function* missingTable(_s: Session): Gen<unknown[]> {
  return yield* rows(sql`SELECT * FROM no_such_table`);
}

export const FIXTURE_READS = { slowCount, missingTable };
