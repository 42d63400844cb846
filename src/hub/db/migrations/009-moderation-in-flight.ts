import type { Migration } from './types';

/**
 * `sending_since` marks a moderation job whose platform call is in flight, as migration
 * 007 does for replies. It matters for public replies under a comment: a hub killed during
 * the call finds the mark at its next start and does not post the reply a second time.
 */
export const migration009ModerationInFlight: Migration = {
  version: 9,
  name: 'moderation-in-flight',
  up: (db) => {
    db.exec(`ALTER TABLE moderation_jobs ADD COLUMN sending_since INTEGER;`);
  },
};
