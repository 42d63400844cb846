import type { Migration } from './types';

/**
 * Comments edited by their authors. Meta tells us when a public comment is edited; the
 * desk shows and re-checks the new text, and `message_revisions` keeps every text it
 * replaced, at the hub only, so what someone posted before editing it (a threat edited
 * away, an address removed) is never lost. Edits and removals find the stored comment by
 * its platform id, hence the index.
 */
export const migration008MessageRevisions: Migration = {
  version: 8,
  name: 'message-revisions',
  up: (db) => {
    db.exec(`
      CREATE TABLE message_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL REFERENCES messages (id),
        body TEXT NOT NULL,
        replaced_at INTEGER NOT NULL
      );
      CREATE INDEX message_revisions_by_message ON message_revisions (message_id, id);
      CREATE INDEX messages_by_platform_id ON messages (platform, platform_message_id);
    `);
  },
};
