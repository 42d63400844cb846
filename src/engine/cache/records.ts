import type { Conversation, Message } from '../../shared/domain/entities';
import type { EntityRecord, Notice } from '../../shared/protocol/changes';
import { putContact, putOperator, putQueue } from '../db/directory';
import type { CacheDb } from '../db/handle';
import { putConfirmedMessages } from '../db/messages';
import { putNotice } from '../db/notices';
import { putBlockedAccount, putCommentModeration } from '../db/moderation';
import { putBroadcast, putDeskAlertRow } from '../db/broadcasts';
import { putActivity, putShift } from '../db/leads';
import { putSlaEvent, putSlaPolicy, putSlaStatus } from '../db/sla';
import type { SlaEventRecord } from '../../shared/protocol/entities-sla';

/** What applying some hub records changed, so the UI refreshes just that. */
export class ChangeSet {
  readonly conversationIds = new Set<string>();
  lists = false;
  readonly notices: Notice[] = [];
  /** SLA alerts new to this cache (issue 6): the engine decides whom to tell. */
  readonly slaAlerts: SlaEventRecord[] = [];
  /**
   * Conversations as this batch confirmed them, for recomputeConversations to store with
   * their views. Not merged: it serves one transaction.
   */
  readonly confirmed = new Map<string, Conversation>();

  merge(other: ChangeSet): void {
    for (const id of other.conversationIds) this.conversationIds.add(id);
    this.lists ||= other.lists;
    this.notices.push(...other.notices);
    this.slaAlerts.push(...other.slaAlerts);
  }
}

/**
 * Writes whole hub rows into the confirmed cache, inside the caller's transaction. The
 * caller must then pass `changes.confirmed` to recomputeConversations in the same
 * transaction: that is where conversations are stored. Messages are stored together after
 * the rest, so the search index takes them in one go (see putConfirmedMessages); nothing
 * else reads them before then.
 */
export function applyRecords(db: CacheDb, records: Iterable<EntityRecord>, changes: ChangeSet): void {
  const messages: Message[] = [];
  for (const record of records) {
    if (record.entity === 'message') {
      messages.push(record.data);
      changes.conversationIds.add(record.data.conversationId);
    } else applyRecord(db, record, changes);
  }
  putConfirmedMessages(db, messages);
}

function applyRecord(
  db: CacheDb,
  record: Exclude<EntityRecord, { entity: 'message' }>,
  changes: ChangeSet,
): void {
  switch (record.entity) {
    case 'queue':
      putQueue(db, record.data);
      changes.lists = true;
      return;
    case 'operator':
      putOperator(db, record.data);
      changes.lists = true;
      return;
    case 'contact':
      putContact(db, record.data);
      changes.lists = true;
      return;
    case 'conversation':
      // Stored by the caller's recomputeConversations, as the view row or beside it.
      changes.conversationIds.add(record.data.id);
      changes.confirmed.set(record.data.id, record.data);
      changes.lists = true;
      return;
    case 'notice':
      if (putNotice(db, record.data)) changes.notices.push(record.data);
      return;
    case 'comment-moderation':
      putCommentModeration(db, record.data);
      changes.conversationIds.add(record.data.conversationId);
      changes.lists = true;
      return;
    case 'blocked-account':
      putBlockedAccount(db, record.data);
      changes.lists = true;
      return;
    case 'shift':
      putShift(db, record.data);
      changes.lists = true;
      return;
    case 'activity':
      putActivity(db, record.data);
      changes.lists = true;
      return;
    case 'broadcast':
      putBroadcast(db, record.data);
      changes.lists = true;
      return;
    case 'desk-alert':
      putDeskAlertRow(db, record.data);
      changes.lists = true;
      return;
    case 'sla-policy':
      putSlaPolicy(db, record.data);
      return;
    case 'sla-status':
      putSlaStatus(db, record.data);
      changes.conversationIds.add(record.data.conversationId);
      changes.lists = true;
      return;
    case 'sla-event':
      if (putSlaEvent(db, record.data)) changes.slaAlerts.push(record.data);
      return;
  }
}
