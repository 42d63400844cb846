import type Database from 'better-sqlite3';

/**
 * Where SQLite keeps a statement's undo copies ("statement journal"): the old contents of
 * the pages a statement changes inside a longer transaction, so that statement alone can be
 * rolled back. Past 64 KiB they go to a new temporary file unless temp_store is MEMORY.
 *
 * Kept in memory they cost what one statement changes. The exception is a statement that
 * changes most of a large database, such as emptying a cache of a million messages, whose
 * copies would be as big as the tables; `withTempStoreOnDisk` runs such work with them on
 * disk. SQLite fixes the choice when a transaction begins, so it is switched outside one.
 * In memory, what a transaction holds is bounded by its largest single statement's changes.
 *
 * Switching drops the connection's whole temp schema (SQLite's rule), so anything kept there
 * must be recreated when missing, as the search helpers are (engine/db/message-search.ts).
 */
export function keepTempStoreInMemory(db: Database.Database): void {
  db.pragma('temp_store = MEMORY');
}

export function withTempStoreOnDisk<T>(db: Database.Database, work: () => T): T {
  if (db.inTransaction) throw new Error('withTempStoreOnDisk must be called outside a transaction');
  const before = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    return work();
  } finally {
    db.pragma(`temp_store = ${String(before)}`);
  }
}
