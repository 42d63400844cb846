import type { Migration } from './types';

/**
 * Replaces the fourteen list indexes (one per filter combination someone thought of, each
 * sorted by due time or newest) with two that hold every filter column in sort order.
 *
 * A combination none of the old indexes served sent SQLite to an index on one filtered
 * column and then a sort of every match, or to a count reading each matching row: up to
 * 300 ms a page at 100,000 conversations. From these two, any combination reads one index
 * in order (the page) or end to end (the count) and never the rows, a few milliseconds at
 * worst. Every cached conversation also wrote seventeen index entries per change; now five.
 */
export const migration008: Migration = {
  version: 8,
  name: 'list-covering-indexes',
  up(db) {
    db.exec(`
      DROP INDEX conversations_due;
      DROP INDEX conversations_newest;
      DROP INDEX conversations_status_due;
      DROP INDEX conversations_status_newest;
      DROP INDEX conversations_queue_status_due;
      DROP INDEX conversations_queue_status_newest;
      DROP INDEX conversations_assignee_status_due;
      DROP INDEX conversations_assignee_status_newest;
      DROP INDEX conversations_language_status_due;
      DROP INDEX conversations_priority_status_due;
      DROP INDEX conversations_queue_due;
      DROP INDEX conversations_queue_language_due;
      DROP INDEX conversations_language_due;
      DROP INDEX conversations_priority_newest;
      CREATE INDEX conversations_list_due ON conversations (
        due_key, id, status, queue_id, assignee_id, platform, language, priority
      );
      CREATE INDEX conversations_list_newest ON conversations (
        last_inbound_at, id, status, queue_id, assignee_id, platform, language, priority
      );
    `);
  },
};
