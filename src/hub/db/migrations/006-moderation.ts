import type { Migration } from './types';

/**
 * Public-comment moderation (issue 8). `comment_moderation` holds one row per comment a
 * person or the auto-hide acted on or flagged; `blocked_accounts` one per blocked contact;
 * `moderation_jobs` is the platform side of each decision, kept so a failed or interrupted
 * call to Facebook or X is retried (also after a restart) rather than lost.
 */
export const migration006Moderation: Migration = {
  version: 6,
  name: 'moderation',
  up: (db) => {
    db.exec(`
      CREATE TABLE comment_moderation (
        message_id TEXT PRIMARY KEY REFERENCES messages (id),
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        state TEXT NOT NULL CHECK (state IN ('visible', 'hidden', 'deleted')),
        review TEXT NOT NULL CHECK (review IN ('none', 'pending', 'done')),
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX comment_moderation_review ON comment_moderation (review, updated_at);
      CREATE INDEX comment_moderation_conversation ON comment_moderation (conversation_id);

      CREATE TABLE blocked_accounts (
        contact_id TEXT PRIMARY KEY REFERENCES contacts (id),
        data TEXT NOT NULL
      );

      CREATE TABLE moderation_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('hide', 'unhide', 'delete', 'block', 'reply')),
        platform TEXT NOT NULL REFERENCES platforms (id),
        subject_id TEXT NOT NULL,
        target TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        done_at INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX moderation_jobs_due ON moderation_jobs (state, next_attempt_at);
      CREATE INDEX moderation_jobs_subject ON moderation_jobs (subject_id, state);
    `);
  },
};
