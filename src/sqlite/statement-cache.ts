import type Database from 'better-sqlite3';

/** Enough for every fixed query in the hub or the cache plus the recent dynamic (filter) ones. */
const CAPACITY = 512;

/**
 * Makes `db.prepare(sql)` hand back an already compiled statement for SQL it has seen.
 *
 * The query modules are plain functions that call `prepare` on every use, and better-sqlite3
 * compiles afresh each time: on the hub's webhook path compiling SQL cost more than running
 * it. Caching here keeps the query modules simple. A cached statement is returned with its
 * result mode reset (a caller may have switched on pluck/raw/expand), and one still busy
 * iterating is never handed out twice.
 */
export function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit !== undefined && !hit.busy) {
      // Re-inserting keeps the map in least-recently-used order for eviction.
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) {
        hit.pluck(false);
        hit.raw(false);
        hit.expand(false);
      }
      return hit;
    }
    const statement = compile(source);
    if (hit === undefined) {
      cache.set(source, statement);
      if (cache.size > CAPACITY) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
    }
    return statement;
  };
  db.prepare = prepare as typeof db.prepare;
}
