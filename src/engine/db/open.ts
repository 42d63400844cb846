import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cacheStatements } from '../../sqlite/statement-cache';
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
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
