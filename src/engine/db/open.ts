import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cacheStatements } from '../../sqlite/statement-cache';
import { keepTempStoreInMemory } from '../../sqlite/temp-store';
import type { CacheDb } from './handle';
import { migrate } from './migrate';

export const CACHE_FILE = 'console-cache.sqlite';

/** Opens (creating if needed) the cache in dataDir and brings its schema up to date. */
export function openCacheDb(dataDir: string): CacheDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, CACHE_FILE));
  cacheStatements(db);
  try {
    db.pragma('journal_mode = WAL');
    // Hub data can be pulled again; the operator's own actions are written with durably().
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Up to 64 MiB of pages in memory (SQLite's default is 2 MiB): a search over a million
    // cached messages otherwise spends a third of its time re-reading pages from the OS.
    db.pragma('cache_size = -65536');
    migrate(db);
    // A synced page is one transaction of thousands of statements, and SQLite keeps each
    // one's undo copies so it can be rolled back alone (see temp-store.ts). On disk that was
    // a temporary file created and deleted per page: in a catch-up of 44,000 conversations
    // into a new cache, 330,000 writes (about 1.3 GB) to such files and 0.4 s of kernel time,
    // about a ninth of the console's CPU time (the README has the other cases). Set after
    // the migrations, so a migration building an index sorts through temporary files.
    keepTempStoreInMemory(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
