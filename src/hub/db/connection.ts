import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheStatements } from '../../sqlite/statement-cache';
import { keepTempStoreInMemory } from '../../sqlite/temp-store';
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
    // Each webhook and console action runs in its own savepoint inside its group's commit
    // (group-commit.ts). To undo one alone SQLite keeps the old contents of the pages it
    // changes, and past 64 KiB it moved them to a new temporary file: about one file per
    // group under load, each created, unlinked and written on the hub's only thread (and
    // scanned by antivirus on a Windows server). In memory they cost what one piece changed,
    // tens to hundreds of KiB. Set after migrating, so a migration that builds an index over
    // millions of rows still sorts through temporary files rather than memory.
    keepTempStoreInMemory(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
