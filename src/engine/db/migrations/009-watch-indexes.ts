import type { Migration } from './types';

/**
 * Two small partial indexes for questions the console asks after every synced batch.
 *
 * `conversations_unclaimed_urgent` answers the emergency watch ("which urgent conversations
 * has nobody taken?"). It found them by walking the whole due-time index, about 2.4 ms at
 * 100,000 conversations on every live batch, and a third of a long catch-up's time. Now it
 * reads only the few rows that match.
 *
 * `messages_pending` holds only the operator's optimistic messages, so asking whether a
 * conversation has any is one probe of a near-empty index instead of reading each of its
 * messages. Confirmed messages are never in it, so it costs them nothing.
 */
export const migration009: Migration = {
  version: 9,
  name: 'watch-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX conversations_unclaimed_urgent ON conversations (due_key, id)
        WHERE priority = 'urgent' AND assignee_id IS NULL AND status != 'resolved';
      CREATE INDEX messages_pending ON messages (conversation_id) WHERE pending = 1;
    `);
  },
};
