import type { Migration } from './types';

/**
 * New messages reach the search index from the code that writes them (`db/messages.ts`),
 * not from a trigger, so a batch of them is indexed in one statement.
 *
 * FTS5 keeps the words of new rows in memory and writes them out as a new segment of the
 * index at every statement savepoint in the transaction, and an insert into `messages` (with
 * a trigger and a unique key) opens one every time. Indexed by the trigger, each message of
 * a synced page therefore became a segment of its own, which FTS5 then spent more time
 * merging back together: three-fifths of what storing a message cost in a catch-up. The
 * delete and update triggers stay, since the index must forget exactly the text it was
 * given, but the update trigger now runs only when the text changed: SQLite runs an
 * `UPDATE OF body` trigger whenever the statement sets `body`, and storing the hub's copy
 * sets it, so every message sent again (a snapshot over a full cache) went through the
 * index as a delete and an insert, a segment each time.
 */
export const migration011: Migration = {
  version: 11,
  name: 'search-index-writes',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_search_insert;
      DROP TRIGGER messages_search_update;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages
      WHEN old.body IS NOT new.body BEGIN
        INSERT INTO messages_search (messages_search, rowid, body) VALUES ('delete', -old.rid, old.body);
        INSERT INTO messages_search (rowid, body) VALUES (-new.rid, new.body);
      END;
    `);
  },
};
