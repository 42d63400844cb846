import type { Migration } from './types';

/**
 * SLA records from the hub (issue 6): the policies in force, each conversation's SLA
 * status (with its reporting outcome for leads) and the at-risk / breached alerts.
 * Columns beside `data` are what the dashboard filters and sorts by.
 */
export const migration003: Migration = {
  version: 3,
  name: 'sla',
  up(db) {
    db.exec(`
      CREATE TABLE sla_policy (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
      CREATE TABLE sla_status (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        started_at INTEGER,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sla_status_by_state ON sla_status (state);
      CREATE INDEX sla_status_by_start ON sla_status (started_at);
      CREATE TABLE sla_events (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sla_events_by_conversation ON sla_events (conversation_id, at);
    `);
  },
};
