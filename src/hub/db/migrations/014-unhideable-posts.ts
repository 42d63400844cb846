import type { Migration } from './types';

/**
 * `messages.hideable`: 0 for a public post the platform will not let the force hide (an X
 * post that answers nobody; X hides only replies). Null for everything else, including
 * every message stored before: those may be hidden, or the platform says why not.
 */
export const migration014UnhideablePosts: Migration = {
  version: 14,
  name: 'unhideable-posts',
  up: (db) => {
    db.exec(`ALTER TABLE messages ADD COLUMN hideable INTEGER CHECK (hideable IS NULL OR hideable = 0);`);
  },
};
