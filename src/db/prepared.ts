import type { Session } from "./store.js";

/**
 * Wraps a function that prepares a module's statements (building drizzle queries on every call costs several times
 * the query itself), so store code on either engine (src/db/store.ts) prepares them once per session's database
 * (SQLite's one connection; on PostgreSQL, the pool's and each pooled connection's). On PostgreSQL each is also
 * given a name, so the server parses and plans it once per connection rather than on every run (drizzle's
 * `.prepare()` sends unnamed statements): the `done` path ran at half the speed of the same SQL named.
 */
export function preparedPerSession<T>(prepare: (s: Session) => T): (s: Session) => T {
  const cache = new WeakMap<object, T>();
  return (s) => {
    let statements = cache.get(s.db);
    if (!statements) {
      statements = prepare(s);
      if (s.engine === "postgres") nameStatements(statements as object);
      cache.set(s.db, statements);
    }
    return statements;
  };
}

/** One name per statement text, the same on every connection (a name must always mean the same text). */
const statementNames = new Map<string, string>();

type PgQueryConfig = { name?: string; text: string };

/** Names drizzle's node-postgres prepared queries (the two query configs it builds from `.prepare(name)`). */
function nameStatements(statements: object): void {
  for (const statement of Object.values(statements)) {
    if (typeof statement !== "object" || statement === null || !("getQuery" in statement)) continue;
    const { queryConfig, rawQueryConfig } = statement as {
      queryConfig?: PgQueryConfig;
      rawQueryConfig?: PgQueryConfig;
    };
    if (!queryConfig || !rawQueryConfig)
      throw new Error("drizzle's node-postgres prepared query no longer has queryConfig/rawQueryConfig to name");
    let name = statementNames.get(rawQueryConfig.text);
    if (!name) {
      name = `gradient_${statementNames.size + 1}`;
      statementNames.set(rawQueryConfig.text, name);
    }
    queryConfig.name = name;
    rawQueryConfig.name = name;
  }
}
