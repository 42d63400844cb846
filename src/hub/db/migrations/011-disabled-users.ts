import type { Migration } from './types';

/**
 * `operators.disabled_at`: when someone's account was disabled (they left, were moved, or
 * their vetting lapsed), null while it may sign in. A disabled account keeps its row: the
 * audit trail, the notes they wrote and the work they did still name them.
 */
export const migration011DisabledUsers: Migration = {
  version: 11,
  name: 'disabled-users',
  up: (db) => {
    db.exec(`ALTER TABLE operators ADD COLUMN disabled_at INTEGER;`);
  },
};
