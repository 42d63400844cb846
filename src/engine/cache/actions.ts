import { randomUUID } from 'node:crypto';
import { undeliveredOutcome, type ActionOutcome } from '../../shared/ipc/undelivered';
import type { Operation, OperationAck, OperationInput } from '../../shared/protocol/operations';
import { withTempStoreOnDisk } from '../../sqlite/temp-store';
import { durably } from '../db/durability';
import type { CacheDb } from '../db/handle';
import { getMeta, setMeta } from '../db/meta';
import { deleteOutbox, getOutbox, insertOutbox, markAcked, type OutboxRow } from '../db/outbox';
import { keepUndelivered } from '../db/undelivered';
import { lastSeqOf } from './apply-batch';
import { targetsOf } from './optimistic';
import { recomputeConversations } from './recompute';

export interface SubmitContext {
  readonly consoleId: string;
  readonly operatorId: string;
  /** Hub time now (local clock + measured offset). */
  readonly hubNow: number;
}

/**
 * Records an action: the outbox row and its optimistic effect commit together or not at
 * all, so the operator never sees an effect that will not be sent, nor sends one unseen.
 */
export function submitAction(db: CacheDb, input: OperationInput, ctx: SubmitContext): Operation {
  // The outbox is the only copy of this action until the hub acknowledges it.
  return durably(db, () =>
    db
      .transaction(() => {
        const consoleSeq = getMeta(db, 'nextConsoleSeq') ?? 1;
        const op: Operation = {
          ...input,
          opId: randomUUID(),
          consoleId: ctx.consoleId,
          consoleSeq,
          seenSeq: lastSeqOf(db),
          createdAt: Math.max(0, Math.round(ctx.hubNow)),
        };
        setMeta(db, 'nextConsoleSeq', consoleSeq + 1);
        insertOutbox(db, op, ctx.operatorId);
        recomputeConversations(db, targetsOf(op), ctx.operatorId);
        return op;
      })
      .immediate(),
  );
}

export type AckOutcome =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'accepted'; readonly row: OutboxRow; readonly settled: boolean }
  | { readonly kind: 'rejected'; readonly row: OutboxRow };

/**
 * Takes the hub's answers. A rejection removes the action and rebuilds the view without it:
 * exactly its local effect goes, everything else stays. An acceptance keeps the optimistic
 * effect until the confirmed cache reaches the ack's sequence.
 *
 * A run of answers (a replayed outbox hears back many at once) shares one transaction, and
 * each touched conversation is rebuilt once: rebuilding after every single answer made
 * replaying a long offline session quadratic. Outcomes are returned in the acks' order.
 */
export function settleAcks(db: CacheDb, acks: readonly OperationAck[], operatorId: string): AckOutcome[] {
  return db
    .transaction((): AckOutcome[] => {
      const lastSeq = lastSeqOf(db);
      const touched = new Set<string>();
      const outcomes = acks.map((ack): AckOutcome => {
        const row = getOutbox(db, ack.opId);
        if (!row) return { kind: 'unknown' };
        if (ack.outcome === 'accepted' && ack.seq !== null && ack.seq > lastSeq) {
          markAcked(db, ack.opId, ack.seq);
          return { kind: 'accepted', row, settled: false };
        }
        deleteOutbox(db, ack.opId);
        for (const id of targetsOf(row.op)) touched.add(id);
        if (ack.outcome === 'accepted') return { kind: 'accepted', row, settled: true };
        // The outbox row goes in this transaction: the refusal must outlive it until shown.
        keepUndelivered(db, row.operatorId, undeliveredOutcome(outcomeEvent(row.op, ack)), ack.hubTime);
        return { kind: 'rejected', row };
      });
      if (touched.size > 0) recomputeConversations(db, touched, operatorId);
      return outcomes;
    })
    .immediate();
}

/** The `action.outcome` event the hub's answer to an action makes for the window. */
export function outcomeEvent(op: Operation, ack: OperationAck): ActionOutcome {
  return ack.outcome === 'accepted'
    ? {
        opId: op.opId,
        type: op.type,
        outcome: 'accepted',
        ...(ack.notice === undefined ? {} : { notice: ack.notice }),
      }
    : { opId: op.opId, type: op.type, outcome: 'rejected', reason: ack.reason, code: ack.code };
}

const CACHE_TABLES = [
  'queues',
  'operators',
  'contacts',
  'hub_conversations',
  'conversations',
  'messages',
  'notices',
  'comment_moderation',
  'blocked_accounts',
  'broadcasts',
  'desk_alerts',
  'shifts',
  'activity',
  'snapshot_ids',
  'sla_policy',
  'sla_status',
  'sla_events',
];

/**
 * Empties the cached hub data when the cache would otherwise show one operator's (or one
 * hub's) data to another. The outbox stays: each row belongs to the operator who made it.
 */
export function resetCache(db: CacheDb): void {
  // Emptying the messages goes row by row through the search index's trigger, and the undo
  // copies of a large cache would otherwise be held in memory.
  withTempStoreOnDisk(db, () => {
    db.transaction(() => {
      for (const table of CACHE_TABLES) db.prepare(`DELETE FROM ${table}`).run();
      setMeta(db, 'lastSeq', 0);
    }).immediate();
  });
}
