import type { Migration } from './types';

/**
 * `hub_conversations` keeps a conversation's confirmed row only while the view may differ
 * from it (the operator has actions pending on it); otherwise the view row is the confirmed
 * row (`db/conversations.ts`).
 *
 * Every synced conversation used to be written twice, as the confirmed row and as the view
 * row, in two tables with their own keys: a fifth of the cache file and of what a catch-up
 * wrote. The copies that equal their view row, byte for byte, are dropped here; the rest
 * stay until the actions pending on them are answered.
 */
export const migration012: Migration = {
  version: 12,
  name: 'confirmed-copies',
  up(db) {
    db.exec(`
      DELETE FROM hub_conversations
      WHERE data = (SELECT c.data FROM conversations c WHERE c.id = hub_conversations.id);
    `);
  },
};
