import type { Migration } from './types';

/**
 * The first cache layout. Conversations are kept twice: `hub_conversations` holds what the
 * hub confirmed, `conversations` is what the operator sees (confirmed + still-pending local
 * actions re-applied on top). Keeping them apart is what lets a rejection roll back exactly
 * the local effect, and lets another console's change land without erasing a pending one.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE queues (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
      CREATE TABLE operators (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
      CREATE TABLE contacts (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;

      CREATE TABLE hub_conversations (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;

      -- due_key is responseDueAt with "nothing owed" sorted last, so one index serves the
      -- default sort without an IS NULL term that would defeat it.
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        queue_id TEXT NOT NULL,
        status TEXT NOT NULL,
        assignee_id TEXT,
        platform TEXT NOT NULL,
        language TEXT NOT NULL,
        priority TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        due_key INTEGER NOT NULL,
        last_inbound_at INTEGER NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL
      ) STRICT;
      -- One index per common filter, in each sort order, so a page is read in order from an
      -- index instead of sorting every match (< 20 ms at 100,000 conversations).
      CREATE INDEX conversations_due ON conversations (due_key, id);
      CREATE INDEX conversations_newest ON conversations (last_inbound_at, id);
      CREATE INDEX conversations_status_due ON conversations (status, due_key, id);
      CREATE INDEX conversations_status_newest ON conversations (status, last_inbound_at, id);
      CREATE INDEX conversations_queue_status_due ON conversations (queue_id, status, due_key, id);
      CREATE INDEX conversations_queue_status_newest ON conversations (queue_id, status, last_inbound_at, id);
      CREATE INDEX conversations_assignee_status_due ON conversations (assignee_id, status, due_key, id);
      CREATE INDEX conversations_assignee_status_newest ON conversations (assignee_id, status, last_inbound_at, id);
      CREATE INDEX conversations_language_status_due ON conversations (language, status, due_key, id);
      CREATE INDEX conversations_priority_status_due ON conversations (priority, status, due_key, id);
      -- Covers the queue rail's counts without touching the table.
      CREATE INDEX conversations_counts ON conversations (status, queue_id, assignee_id, due_key);
      CREATE INDEX conversations_contact ON conversations (contact_id, last_inbound_at);

      -- Confirmed messages (pending = 0) and optimistic ones (pending = 1, id = opId) share a
      -- table: the hub stores a reply under its opId, so its copy replaces ours in place.
      CREATE TABLE messages (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX messages_conversation ON messages (conversation_id, created_at);

      -- remove_diacritics 2 lets "wyf" find "ŵyf": Welsh circumflexes are often typed plain.
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content='messages', content_rowid='rid', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.rid, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rid, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rid, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.rid, new.body);
      END;

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notices_operator ON notices (operator_id, created_at);

      -- console_seq is the console's own increasing sequence: draining in its order keeps
      -- one operator's actions in the order they were taken.
      CREATE TABLE outbox (
        console_seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        operator_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'acked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        acked_seq INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_operator_state ON outbox (operator_id, state, console_seq);

      -- Ids seen during a snapshot: whatever is not listed at the end is no longer visible.
      CREATE TABLE snapshot_ids (entity TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (entity, id)) STRICT, WITHOUT ROWID;
    `);
  },
};
