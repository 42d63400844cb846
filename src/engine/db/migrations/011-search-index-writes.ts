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
 * delete and update triggers stay: a removed or edited message is rare and the index must
 * forget exactly the text it was given.
 */
export const migration011: Migration = {
  version: 11,
  name: 'search-index-writes',
  up(db) {
    db.exec('DROP TRIGGER messages_search_insert;');
  },
};
