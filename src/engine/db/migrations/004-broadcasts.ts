import type { Migration } from './types';

/** Cached broadcasts and desk alerts: whole hub rows as JSON, like notices. */
export const migration004: Migration = {
  version: 4,
  name: 'broadcasts',
  up(db) {
    db.exec(`
      CREATE TABLE broadcasts (
        id TEXT PRIMARY KEY,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE desk_alerts (
        id TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
    `);
  },
};
