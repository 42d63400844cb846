import type { Database } from 'better-sqlite3';
import { migration001Initial } from './001-initial';
import { migration002Deliveries } from './002-deliveries';
import { migration003Leads } from './003-leads';
import { migration004Sla } from './004-sla';
import { migration005Broadcasts } from './005-broadcasts';
import { migration006Moderation } from './006-moderation';
import { migration007DeliveryInFlight } from './007-delivery-in-flight';
import { migration008MessageRevisions } from './008-message-revisions';
import { migration009ModerationInFlight } from './009-moderation-in-flight';
import { migration010UnsurePost } from './010-unsure-post';
import { migration011DisabledUsers } from './011-disabled-users';
import { migration012EditOrder } from './012-edit-order';
import { migration013WithheldContacts } from './013-withheld-contacts';
import { migration014UnhideablePosts } from './014-unhideable-posts';
import type { Migration } from './types';

export type { Migration } from './types';

/** In order; never edit one after release, add the next. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002Deliveries,
  migration003Leads,
  migration004Sla,
  migration005Broadcasts,
  migration006Moderation,
  migration007DeliveryInFlight,
  migration008MessageRevisions,
  migration009ModerationInFlight,
  migration010UnsurePost,
  migration011DisabledUsers,
  migration012EditOrder,
  migration013WithheldContacts,
  migration014UnhideablePosts,
];

export const LATEST_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  constructor(found: number) {
    super(
      `hub database is version ${found}, newer than this hub understands (${LATEST_VERSION}); upgrade the hub`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function userVersion(db: Database): number {
  const value: unknown = db.pragma('user_version', { simple: true });
  if (typeof value !== 'number') throw new Error('PRAGMA user_version returned no number');
  return value;
}

/** Brings the database up to `target` (default latest), one transaction per version. */
export function migrate(db: Database, target: number = LATEST_VERSION): void {
  const current = userVersion(db);
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
