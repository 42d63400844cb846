import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheStatements } from '../../sqlite/statement-cache';
import { migrate } from './migrations';

export type HubDb = Database.Database;

export const DB_FILE_NAME = 'hub.sqlite';

export function hubDbPath(dataDir: string): string {
  return join(dataDir, DB_FILE_NAME);
}

/**
 * Opens (creating if needed) the hub database in `dataDir` and brings it up to date.
 * synchronous=FULL because an acknowledged operation must survive a power cut.
 */
export function openHubDb(dataDir: string, options: { migrate?: boolean } = {}): HubDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(hubDbPath(dataDir));
  cacheStatements(db);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.migrate !== false) migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
