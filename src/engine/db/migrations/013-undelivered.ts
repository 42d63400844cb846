import type { Migration } from './types';

/**
 * What the operator must be told and has not yet been shown: an action the hub refused, a
 * notice addressed to them. The window used to hear these only as events, sent once; an
 * event raised while no window was listening (the outbox replayed at start-up before the
 * window loaded, a reload, the browser shell's tab closed) was gone, and the outbox row it
 * was about had already been deleted. A row here stays until the window says it showed it.
 *
 * `key` is the event's own id with its kind (`notice:<id>`, `outcome:<opId>`); `payload`
 * is the event as the window would have received it.
 */
export const migration013: Migration = {
  version: 13,
  name: 'undelivered',
  up(db) {
    db.exec(`
      CREATE TABLE undelivered (
        key TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL,
        event TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX undelivered_operator ON undelivered (operator_id, created_at);
    `);
  },
};
