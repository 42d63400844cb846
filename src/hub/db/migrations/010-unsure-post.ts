import type { Migration } from './types';

/**
 * `unsure_post` is 1 while a channel may have a post live that the hub holds no id for: a
 * publish whose outcome is unknown (no answer, a server error, a hub stop mid-call), or
 * one still in flight when the broadcast was retracted. A retraction can only take down
 * the posts it knows; with this set it ends as "check the page" instead of claiming the
 * broadcast is down everywhere. A lead's retry (after looking) clears it.
 */
export const migration010UnsurePost: Migration = {
  version: 10,
  name: 'unsure-post',
  up: (db) => {
    db.exec(`ALTER TABLE broadcast_channels ADD COLUMN unsure_post INTEGER NOT NULL DEFAULT 0;`);
  },
};
