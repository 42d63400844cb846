import type { Migration } from './types';

/**
 * Where an outbox row this version cannot read is set aside. A console rolled back to an
 * older version (or a damaged payload) left a row whose action it does not know; reading
 * the outbox threw on it, so every later action of that operator stayed stuck and the view
 * rebuilds failed with it. The row moves here instead, every column kept as it was (the
 * payload verbatim, for IT or a newer version to recover), with why and when it was moved.
 *
 * Keyed by `op_id`, which is unique in the outbox and never reused; `console_seq` keeps the
 * row's place in the operator's order.
 */
export const migration010: Migration = {
  version: 10,
  name: 'outbox-quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_quarantine (
        op_id TEXT PRIMARY KEY,
        console_seq INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        acked_seq INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        set_aside_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_quarantine_operator ON outbox_quarantine (operator_id, state);
    `);
  },
};
