import type { Db } from "./index.js";

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
