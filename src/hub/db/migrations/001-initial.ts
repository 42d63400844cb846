import type { Migration } from './types';

/**
 * The hub's core tables. The change log uses AUTOINCREMENT so a pruned log never hands
 * out a sequence number twice; the audit table refuses edits by trigger, and its hash
 * chain catches anyone who drops the trigger first.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE platforms (id TEXT PRIMARY KEY, name TEXT NOT NULL);
      INSERT INTO platforms (id, name) VALUES ('facebook', 'Facebook'), ('x', 'X');

      CREATE TABLE queues (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_cy TEXT NOT NULL,
        auto_assign INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('operator', 'lead', 'admin')),
        skills TEXT NOT NULL,
        status TEXT NOT NULL,
        status_since INTEGER NOT NULL,
        capacity INTEGER NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL REFERENCES platforms (id),
        platform_user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        language TEXT NOT NULL,
        UNIQUE (platform, platform_user_id)
      );

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL REFERENCES platforms (id),
        kind TEXT NOT NULL CHECK (kind IN ('dm', 'comment')),
        contact_id TEXT NOT NULL REFERENCES contacts (id),
        queue_id TEXT NOT NULL REFERENCES queues (id),
        status TEXT NOT NULL,
        assignee_id TEXT REFERENCES operators (id),
        lease_expires_at INTEGER,
        assigned_seq INTEGER NOT NULL DEFAULT 0,
        priority TEXT NOT NULL,
        language TEXT NOT NULL,
        category TEXT NOT NULL,
        confidential INTEGER NOT NULL,
        preview TEXT NOT NULL,
        triage_reasons TEXT NOT NULL,
        account_id TEXT,
        reply_to_id TEXT,
        first_inbound_at INTEGER NOT NULL,
        first_response_at INTEGER,
        last_inbound_at INTEGER NOT NULL,
        last_response_at INTEGER,
        response_due_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX conversations_by_contact ON conversations (contact_id, platform, kind, last_inbound_at);
      CREATE INDEX conversations_by_assignee ON conversations (assignee_id);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
        author_id TEXT,
        body TEXT NOT NULL,
        platform TEXT NOT NULL REFERENCES platforms (id),
        platform_message_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);

      -- A platform may deliver the same event more than once; its id is taken exactly once.
      CREATE TABLE webhook_receipts (
        platform TEXT NOT NULL,
        platform_message_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (platform, platform_message_id)
      );

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators (id),
        kind TEXT NOT NULL,
        conversation_id TEXT,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX notices_by_operator ON notices (operator_id);

      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        audience TEXT,
        confidential INTEGER NOT NULL DEFAULT 0,
        json TEXT NOT NULL
      );
      CREATE INDEX change_log_by_at ON change_log (at);

      CREATE TABLE applied_operations (
        op_id TEXT PRIMARY KEY,
        console_id TEXT NOT NULL,
        console_seq INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        ack_json TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      );

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators (id),
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );

      CREATE TABLE login_attempts (
        name TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL,
        locked_until INTEGER
      );

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        subject_id TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
    `);
  },
};
