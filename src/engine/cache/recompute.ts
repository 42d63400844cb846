import type { Conversation } from '../../shared/domain/entities';
import type { Operation } from '../../shared/protocol/operations';
import {
  deleteViewConversation,
  dropConfirmedCopy,
  getConfirmedConversation,
  keepConfirmedCopy,
  putViewConversation,
} from '../db/conversations';
import type { CacheDb } from '../db/handle';
import {
  deletePendingMessage,
  deletePendingMessages,
  pendingMessageIds,
  putPendingMessageIfAbsent,
} from '../db/messages';
import { listOutboxFor } from '../db/outbox';
import { applyToConversation, optimisticMessage, targetsOf } from './optimistic';

/**
 * Rebuilds the operator's view of some conversations from the confirmed rows plus the
 * operator's still-pending actions, in the order they were taken. Runs inside the caller's
 * transaction: confirmed changes, rollbacks and settled acks all end here. `justConfirmed`
 * holds the rows the hub just sent, which this stores: with nothing pending the view row is
 * the confirmed row, and only a conversation with pending actions keeps a separate copy.
 */
export function recomputeConversations(
  db: CacheDb,
  ids: Iterable<string>,
  operatorId: string | null,
  justConfirmed: ReadonlyMap<string, Conversation> = new Map(),
): void {
  const wanted = [...new Set(ids)];
  const pending: Operation[] =
    operatorId === null ? [] : listOutboxFor(db, operatorId, wanted).map((row) => row.op);
  const byConversation = new Map<string, Operation[]>();
  for (const op of pending) {
    for (const id of targetsOf(op)) {
      const list = byConversation.get(id) ?? [];
      list.push(op);
      byConversation.set(id, list);
    }
  }
  for (const id of wanted) {
    const confirmed = justConfirmed.get(id) ?? getConfirmedConversation(db, id);
    const ops = byConversation.get(id) ?? [];
    if (!confirmed) {
      forgetConversation(db, id);
      continue;
    }
    // Optimistic messages of still-pending actions stay where they are: deleting and
    // re-inserting (and re-indexing) all of them on every batch made long replays quadratic.
    // Nearly every conversation has none, and finding that out is one probe of a tiny index.
    const present = pendingMessageIds(db, id);
    const stillPending = new Set(ops.map((op) => op.opId));
    for (const messageId of present) {
      if (stillPending.has(messageId)) continue;
      deletePendingMessage(db, messageId);
      present.delete(messageId);
    }
    let view = confirmed;
    for (const op of ops) {
      view = applyToConversation(view, op, operatorId ?? '');
      const message = present.has(op.opId) ? null : optimisticMessage(op, operatorId ?? '');
      if (message) putPendingMessageIfAbsent(db, message);
    }
    // applyToConversation returns the conversation itself when an action does not change it
    // (an open, most moderation), so then the view row can stand for the confirmed row too.
    if (view === confirmed) dropConfirmedCopy(db, id);
    else keepConfirmedCopy(db, confirmed);
    putViewConversation(
      db,
      view,
      ops.some((op) => op.type !== 'open'),
    );
  }
}

/** Removes a conversation this operator may no longer see: view, confirmed copy, optimistic messages. */
export function forgetConversation(db: CacheDb, id: string): void {
  deletePendingMessages(db, id);
  deleteViewConversation(db, id);
  dropConfirmedCopy(db, id);
}
