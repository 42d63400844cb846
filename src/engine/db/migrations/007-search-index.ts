import type { Migration } from './types';

/**
 * Makes full-text search cost a few milliseconds at 1,000,000 cached messages.
 *
 * `messages_search` replaces `messages_fts`, rebuilt from `messages`. Its rowid is the
 * message's rid negated, so FTS5's natural ascending order reads the newest messages first:
 * search wants the newest matches, and FTS5 walking its posting lists backwards (ORDER BY
 * rowid DESC) cost twice as much as forwards. It is contentless (the text stays in
 * `messages` only) and keeps no column sizes, which only ranking would use and search never
 * ranks. Same tokenizer as before, so folding (Welsh "ŵyn" found by "wyn") is unchanged.
 *
 * `conversations_search` answers, for each conversation a search matched, every list filter
 * and both sort keys without reading the row: a search can match ~2,000 conversations
 * spread over the table, and reading each row (JSON and all) just to filter and sort them
 * cost more than the text match. Only the page on screen is then read in full.
 */
export const migration007: Migration = {
  version: 7,
  name: 'search-index',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      DROP TABLE messages_fts;

      CREATE VIRTUAL TABLE messages_search USING fts5(
        body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2'
      );
      -- Oldest first, which is ascending order of the negated rid: FTS5 appends cheaply.
      INSERT INTO messages_search (rowid, body) SELECT -rid, body FROM messages ORDER BY rid DESC;

      -- A contentless index is told what to forget: the exact text it was given.
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_search (rowid, body) VALUES (-new.rid, new.body);
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_search (messages_search, rowid, body) VALUES ('delete', -old.rid, old.body);
      END;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_search (messages_search, rowid, body) VALUES ('delete', -old.rid, old.body);
        INSERT INTO messages_search (rowid, body) VALUES (-new.rid, new.body);
      END;

      CREATE INDEX conversations_search ON conversations (
        id, due_key, last_inbound_at, status, queue_id, assignee_id, platform, language, priority
      );
    `);
  },
};
