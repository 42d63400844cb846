import type { Operator } from '../shared/domain/entities';
import type {
  ConversationDetail,
  ConversationList,
  ConversationRow,
  QueueSummary,
} from '../shared/ipc/channels/desk';
import { DeskFailure } from '../shared/ipc/result';
import { targetsOf } from './cache/optimistic';
import {
  conversationsOfContact,
  countByQueue,
  getViewConversation,
  listViewConversations,
  type ListQuery,
} from './db/conversations';
import { getContact, getContacts, listOperators, listQueues, operatorNames } from './db/directory';
import type { CacheDb } from './db/handle';
import { messagesOf } from './db/messages';
import { atRiskByQueue } from './db/leads';
import { listOutboxFor, listOutboxOfTypes } from './db/outbox';

/** "At risk" means due within this long of hub now, or already overdue. */
export const AT_RISK_WINDOW_MS = 5 * 60_000;

export function queueSummaries(db: CacheDb, hubNow: number): QueueSummary[] {
  const counts = countByQueue(db, hubNow + AT_RISK_WINDOW_MS);
  // At risk by the shared rule (src/shared/workload), as the workload board counts it.
  const atRisk = atRiskByQueue(db, hubNow);
  return listQueues(db).map((queue) => ({
    queue,
    ...(counts.get(queue.id) ?? { open: 0, unassigned: 0, atRisk: 0 }),
    atRisk: atRisk.get(queue.id) ?? 0,
  }));
}

/** Operators as the desk sees them, with this operator's own pending status change shown. */
export function operatorsView(db: CacheDb, me: string | null): Operator[] {
  const operators = listOperators(db);
  if (me === null) return operators;
  let pendingStatus: Operator['status'] | null = null;
  let pendingSince = 0;
  for (const row of listOutboxOfTypes(db, me, ['set-status'])) {
    if (row.op.type === 'set-status') {
      pendingStatus = row.op.status;
      pendingSince = row.op.createdAt;
    }
  }
  if (pendingStatus === null) return operators;
  const status = pendingStatus;
  return operators.map((o) => (o.id === me ? { ...o, status, statusSince: pendingSince } : o));
}

export function conversationPage(db: CacheDb, query: ListQuery): ConversationList {
  const page = listViewConversations(db, query);
  const names = operatorNames(db);
  const contacts = getContacts(
    db,
    page.rows.map((r) => r.conversation.contactId),
  );
  const rows: ConversationRow[] = page.rows.map(({ conversation, pending }) => ({
    conversation,
    contactName: contacts.get(conversation.contactId)?.displayName ?? '',
    contactWithheld: contacts.get(conversation.contactId)?.redacted === true,
    assigneeName: conversation.assigneeId === null ? null : (names.get(conversation.assigneeId) ?? null),
    pending,
  }));
  return { total: page.total, rows };
}

export function conversationDetail(
  db: CacheDb,
  id: string,
  me: string | null,
  viewerIds: readonly string[],
): ConversationDetail {
  const row = getViewConversation(db, id);
  if (!row) throw new DeskFailure('not-found', `Conversation ${id} is not in this console's cache.`);
  const { conversation } = row;
  const names = operatorNames(db);
  const pendingIds = new Set(
    me === null
      ? []
      : listOutboxFor(db, me, [id])
          .filter((r) => targetsOf(r.op).includes(id))
          .map((r) => r.op.opId),
  );
  return {
    conversation,
    contact: getContact(db, conversation.contactId),
    assigneeName: conversation.assigneeId === null ? null : (names.get(conversation.assigneeId) ?? null),
    messages: messagesOf(db, id).map(({ message, pending }) => ({
      ...message,
      authorName: message.authorId === null ? null : (names.get(message.authorId) ?? null),
      pending: pending || pendingIds.has(message.id),
    })),
    earlier: conversationsOfContact(db, conversation.contactId, id, 20),
    viewers: viewerIds.filter((v) => v !== me).map((v) => names.get(v) ?? v),
  };
}
