import type { Db } from "./index.js";
import type { Session } from "./store.js";

/**
 * Wraps a function that prepares a module's statements so they are prepared once per connection: building
 * drizzle queries on every call costs several times the query itself.
 */
export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

/**
 * The same for store code on either engine (src/db/store.ts): statements prepared once per session's database
 * (SQLite's one connection; on PostgreSQL, the pool's and each pooled connection's).
 */
export function preparedPerSession<T>(prepare: (s: Session) => T): (s: Session) => T {
  const cache = new WeakMap<object, T>();
  return (s) => {
    let statements = cache.get(s.db);
    if (!statements) {
      statements = prepare(s);
      cache.set(s.db, statements);
    }
    return statements;
  };
}
