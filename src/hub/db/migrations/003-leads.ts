import type { Migration } from './types';

/**
 * The shift roster and each operator's last action, for shift leads (issue 5). Removed
 * roster entries are kept (flagged) so the change log can tell consoles they went.
 */
export const migration003Leads: Migration = {
  version: 3,
  name: 'leads',
  up: (db) => {
    db.exec(`
      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators (id),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
        note TEXT NOT NULL DEFAULT '',
        removed INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX shifts_by_time ON shifts (removed, ends_at, starts_at);

      CREATE TABLE operator_activity (
        operator_id TEXT PRIMARY KEY REFERENCES operators (id),
        action TEXT NOT NULL,
        at INTEGER NOT NULL
      );

      -- Automatic assignment reads the oldest unassigned open conversations per queue.
      CREATE INDEX conversations_waiting ON conversations (status, assignee_id, queue_id, first_inbound_at);
    `);
  },
};
