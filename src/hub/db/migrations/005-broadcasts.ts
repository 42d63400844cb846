import type { Migration } from './types';

/**
 * Incident broadcasts and desk alerts (issue 7). Each channel of a broadcast is its own
 * row so that publishing can be claimed, retried and recovered per channel, with the
 * schedule kept on disk: a restart around the publish time neither loses nor repeats it.
 */
export const migration005Broadcasts: Migration = {
  version: 5,
  name: 'broadcasts',
  up: (db) => {
    db.exec(`
      CREATE TABLE broadcasts (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE broadcast_channels (
        broadcast_id TEXT NOT NULL REFERENCES broadcasts (id),
        channel TEXT NOT NULL CHECK (channel IN ('facebook', 'x')),
        state TEXT NOT NULL,
        action TEXT CHECK (action IN ('publish', 'update', 'retract')),
        due_at INTEGER,
        claim_id TEXT,
        claimed_at INTEGER,
        posts_json TEXT NOT NULL DEFAULT '[]',
        published_version INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (broadcast_id, channel)
      );
      CREATE INDEX broadcast_channels_due ON broadcast_channels (due_at) WHERE due_at IS NOT NULL;
      CREATE TABLE broadcast_media (
        id TEXT PRIMARY KEY,
        broadcast_id TEXT NOT NULL REFERENCES broadcasts (id),
        name TEXT NOT NULL,
        mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
        alt TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE desk_alerts (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
    `);
  },
};
