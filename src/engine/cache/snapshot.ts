import type { EntityName, EntityRecord } from '../../shared/protocol/changes';
import type { CacheDb } from '../db/handle';
import type { OutboxRow } from '../db/outbox';
import { settleConfirmed } from './apply-batch';
import { withTempStoreOnDisk } from '../../sqlite/temp-store';
import { setMeta } from '../db/meta';
import { forgetConversation, recomputeConversations } from './recompute';
import { ChangeSet, applyRecords } from './records';

const idOf = (record: EntityRecord): string => record.data.id;

/** Starts a snapshot: forget which ids the previous one saw. */
export function beginSnapshot(db: CacheDb): void {
  db.prepare('DELETE FROM snapshot_ids').run();
}

/** Applies one snapshot page in one transaction and remembers which ids it held. */
export function applySnapshotPage(
  db: CacheDb,
  records: readonly EntityRecord[],
  operatorId: string | null,
): ChangeSet {
  return db
    .transaction(() => {
      const changes = new ChangeSet();
      const remember = db.prepare('INSERT OR IGNORE INTO snapshot_ids (entity, id) VALUES (?, ?)');
      applyRecords(db, records, changes);
      for (const record of records) remember.run(record.entity, idOf(record));
      recomputeConversations(db, changes.conversationIds, operatorId, changes.confirmed);
      // Old notices from a snapshot are history, not news.
      changes.notices.length = 0;
      changes.slaAlerts.length = 0;
      return changes;
    })
    .immediate();
}

const TABLES: readonly (readonly [EntityName, string])[] = [
  ['queue', 'queues'],
  ['operator', 'operators'],
  ['contact', 'contacts'],
  ['conversation', 'hub_conversations'],
  ['notice', 'notices'],
  ['comment-moderation', 'comment_moderation'],
  ['blocked-account', 'blocked_accounts'],
  ['broadcast', 'broadcasts'],
  ['desk-alert', 'desk_alerts'],
  ['shift', 'shifts'],
  ['activity', 'activity'],
  ['sla-policy', 'sla_policy'],
  ['sla-status', 'sla_status'],
];

/**
 * Ends a snapshot: rows it did not contain are no longer visible to this operator and go,
 * and the cache now stands at the snapshot's sequence (the pull after it catches up).
 */
export function finishSnapshot(
  db: CacheDb,
  seq: number,
  operatorId: string | null,
): { changes: ChangeSet; settled: OutboxRow[] } {
  // Most of a large cache can be gone (clearance withdrawn): see withTempStoreOnDisk.
  return withTempStoreOnDisk(db, () => finishSnapshotNow(db, seq, operatorId));
}

function finishSnapshotNow(
  db: CacheDb,
  seq: number,
  operatorId: string | null,
): { changes: ChangeSet; settled: OutboxRow[] } {
  return db
    .transaction(() => {
      for (const [entity, table] of TABLES) {
        db.prepare(`DELETE FROM ${table} WHERE id NOT IN (SELECT id FROM snapshot_ids WHERE entity = ?)`).run(
          entity,
        );
      }
      db.prepare(
        `DELETE FROM messages WHERE pending = 0 AND id NOT IN (SELECT id FROM snapshot_ids WHERE entity = 'message')`,
      ).run();
      // A view row is also the confirmed row (see getConfirmedConversation), so conversations
      // the snapshot did not hold are found among the views.
      const gone = db
        .prepare(
          `SELECT id FROM conversations WHERE id NOT IN (SELECT id FROM snapshot_ids WHERE entity = 'conversation')`,
        )
        .pluck()
        .all() as string[];
      for (const id of gone) forgetConversation(db, id);
      db.prepare('DELETE FROM snapshot_ids').run();
      setMeta(db, 'lastSeq', seq);
      // Accepted actions the snapshot already holds are done, as a batch reaching their
      // sequence numbers would settle them; the log may bring no batch for a long while.
      const changes = new ChangeSet();
      changes.lists = true;
      const settled = settleConfirmed(db, seq, changes);
      recomputeConversations(db, changes.conversationIds, operatorId);
      return { changes, settled };
    })
    .immediate();
}
