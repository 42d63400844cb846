import type { Operation } from '../../shared/protocol/operations';
import { deleteViewConversation, getConfirmedConversation, putViewConversation } from '../db/conversations';
import type { CacheDb } from '../db/handle';
import { deletePendingMessages, putPendingMessageIfAbsent } from '../db/messages';
import { listOutbox } from '../db/outbox';
import { applyToConversation, optimisticMessage, targetsOf } from './optimistic';

/**
 * Rebuilds the operator's view of some conversations from the confirmed rows plus the
 * operator's still-pending actions, in the order they were taken. Runs inside the caller's
 * transaction: confirmed changes, rollbacks and settled acks all end here.
 */
export function recomputeConversations(db: CacheDb, ids: Iterable<string>, operatorId: string | null): void {
  const pending: Operation[] = operatorId === null ? [] : listOutbox(db, operatorId).map((row) => row.op);
  const byConversation = new Map<string, Operation[]>();
  for (const op of pending) {
    for (const id of targetsOf(op)) {
      const list = byConversation.get(id) ?? [];
      list.push(op);
      byConversation.set(id, list);
    }
  }
  for (const id of new Set(ids)) {
    const confirmed = getConfirmedConversation(db, id);
    deletePendingMessages(db, id);
    if (!confirmed) {
      deleteViewConversation(db, id);
      continue;
    }
    const ops = byConversation.get(id) ?? [];
    let view = confirmed;
    for (const op of ops) {
      view = applyToConversation(view, op, operatorId ?? '');
      const message = optimisticMessage(op, operatorId ?? '');
      if (message) putPendingMessageIfAbsent(db, message);
    }
    putViewConversation(
      db,
      view,
      ops.some((op) => op.type !== 'open'),
    );
  }
}
