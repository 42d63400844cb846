import type { Migration } from './types';

/**
 * Outbound replies are applied at the hub first and delivered afterwards; this table is
 * what lets a failed or interrupted delivery be retried instead of lost.
 */
export const migration002Deliveries: Migration = {
  version: 2,
  name: 'deliveries',
  up: (db) => {
    db.exec(`
      CREATE TABLE deliveries (
        message_id TEXT PRIMARY KEY REFERENCES messages (id),
        platform TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
    `);
  },
};
