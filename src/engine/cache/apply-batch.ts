import { undeliveredNotice } from '../../shared/ipc/undelivered';
import type { ChangeBatch } from '../../shared/protocol/changes';
import type { CacheDb } from '../db/handle';
import { getMeta, setMeta } from '../db/meta';
import { deleteOutbox, settledAcked, type OutboxRow } from '../db/outbox';
import { keepUndelivered } from '../db/undelivered';
import { targetsOf } from './optimistic';
import { recomputeConversations } from './recompute';
import { ChangeSet, applyRecords } from './records';

export type BatchOutcome =
  | {
      readonly kind: 'applied';
      readonly changes: ChangeSet;
      readonly settled: OutboxRow[];
      readonly lastSeq: number;
    }
  /** Already have all of it (a replay after a pull, or a duplicate delivery). */
  | { readonly kind: 'stale'; readonly lastSeq: number }
  /** It starts after something we have not seen: pull first. */
  | { readonly kind: 'gap'; readonly lastSeq: number };

export const lastSeqOf = (db: CacheDb): number => getMeta(db, 'lastSeq') ?? 0;

/**
 * Applies a contiguous batch in one transaction, lastSeq included, so a crash leaves the
 * cache either before or after the whole batch. Accepted actions whose effect is now
 * confirmed leave the outbox in the same transaction, so their optimistic rows never flicker.
 */
export function applyBatch(db: CacheDb, batch: ChangeBatch, operatorId: string | null): BatchOutcome {
  return db
    .transaction((): BatchOutcome => {
      const lastSeq = lastSeqOf(db);
      if (batch.upTo <= lastSeq) return { kind: 'stale', lastSeq };
      if (batch.after > lastSeq) return { kind: 'gap', lastSeq };
      const changes = new ChangeSet();
      applyRecords(
        db,
        batch.changes.filter((change) => change.seq > lastSeq && change.seq <= batch.upTo),
        changes,
      );
      // Kept with the batch that brought them, until the window says it showed them.
      for (const notice of changes.notices) {
        if (notice.operatorId !== operatorId) continue;
        keepUndelivered(db, operatorId, undeliveredNotice(notice), notice.createdAt);
      }
      setMeta(db, 'lastSeq', batch.upTo);
      const settled = settleConfirmed(db, batch.upTo, changes);
      recomputeConversations(db, changes.conversationIds, operatorId, changes.confirmed);
      return { kind: 'applied', changes, settled, lastSeq: batch.upTo };
    })
    .immediate();
}

/**
 * Accepted actions whose effect the cache now holds (their sequence is at most `upTo`) leave
 * the outbox; their conversations join `changes`, to be recomputed by the caller. Caller's
 * transaction: a batch's or a snapshot's.
 */
export function settleConfirmed(db: CacheDb, upTo: number, changes: ChangeSet): OutboxRow[] {
  const settled = settledAcked(db, upTo);
  for (const row of settled) {
    deleteOutbox(db, row.op.opId);
    for (const id of targetsOf(row.op)) changes.conversationIds.add(id);
  }
  return settled;
}
