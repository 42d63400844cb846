import type { Migration } from './types';

/**
 * Cache tables for public-comment moderation: one row per moderated or flagged comment
 * (id = the comment's message id) and one per blocked account (id = the contact id).
 * `review` and `state` are columns so the moderation view's lists are index reads.
 */
export const migration005: Migration = {
  version: 5,
  name: 'moderation',
  up(db) {
    db.exec(`
      CREATE TABLE comment_moderation (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        review TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX comment_moderation_review ON comment_moderation (review, updated_at);
      CREATE INDEX comment_moderation_state ON comment_moderation (state, updated_at);
      CREATE INDEX comment_moderation_conversation ON comment_moderation (conversation_id);

      CREATE TABLE blocked_accounts (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
    `);
  },
};
