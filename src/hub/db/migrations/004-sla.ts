import type { Migration } from './types';

/**
 * SLA tables (issue 6): the policies in force, each conversation's SLA timeline (the
 * events its clocks read), and its last computed state and reporting outcome.
 *
 * Conversations that already exist get a timeline rebuilt from what the hub kept: their
 * messages, and their current status if it is not open (stamped at their last update).
 * Their current queue and priority stand in for the ones they started with.
 */
export const migration004Sla: Migration = {
  version: 4,
  name: 'sla',
  up: (db) => {
    db.exec(`
      CREATE TABLE sla_policies (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT,
        -- Hash of the policy file last imported, so an edited file is picked up once.
        source_hash TEXT
      );

      CREATE TABLE sla_timeline (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        at INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX sla_timeline_by_conversation ON sla_timeline (conversation_id, id);

      CREATE TABLE sla_conversations (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
        initial_queue_id TEXT NOT NULL,
        initial_priority TEXT NOT NULL,
        state_json TEXT,
        status_json TEXT,
        next_change_at INTEGER,
        started_at INTEGER,
        outcome_json TEXT
      );
      CREATE INDEX sla_conversations_by_next_change ON sla_conversations (next_change_at)
        WHERE next_change_at IS NOT NULL;
      CREATE INDEX sla_conversations_by_start ON sla_conversations (started_at);

      INSERT INTO sla_conversations (conversation_id, initial_queue_id, initial_priority)
        SELECT id, queue_id, priority FROM conversations;
      INSERT INTO sla_timeline (conversation_id, at, json)
        SELECT conversation_id, at, json FROM (
          SELECT conversation_id, created_at AS at, rowid AS k,
                 json_object('type', direction, 'at', created_at) AS json
            FROM messages WHERE direction IN ('inbound', 'outbound')
          UNION ALL
          SELECT id, updated_at, 9223372036854775807,
                 json_object('type', 'status', 'at', updated_at, 'status', status)
            FROM conversations WHERE status <> 'open'
        ) ORDER BY at, k;
    `);
  },
};
