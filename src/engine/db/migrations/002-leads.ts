import type { Migration } from './types';

/** The shift roster and operators' last actions, as whole hub rows (seen by leads only). */
export const migration002: Migration = {
  version: 2,
  name: 'leads',
  up(db) {
    db.exec(`
      CREATE TABLE shifts (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
      CREATE TABLE activity (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
    `);
  },
};
