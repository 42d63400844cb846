import type { EntityRecord, Notice } from '../../shared/protocol/changes';
import { putConfirmedConversation } from '../db/conversations';
import { putContact, putOperator, putQueue } from '../db/directory';
import type { CacheDb } from '../db/handle';
import { putConfirmedMessage } from '../db/messages';
import { putNotice } from '../db/notices';

/** What applying some hub records changed, so the UI refreshes just that. */
export class ChangeSet {
  readonly conversationIds = new Set<string>();
  lists = false;
  readonly notices: Notice[] = [];

  merge(other: ChangeSet): void {
    for (const id of other.conversationIds) this.conversationIds.add(id);
    this.lists ||= other.lists;
    this.notices.push(...other.notices);
  }
}

/** Writes one whole hub row into the confirmed cache. Views are rebuilt by the caller. */
export function applyRecord(db: CacheDb, record: EntityRecord, changes: ChangeSet): void {
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
      putConfirmedConversation(db, record.data);
      changes.conversationIds.add(record.data.id);
      changes.lists = true;
      return;
    case 'message':
      putConfirmedMessage(db, record.data);
      changes.conversationIds.add(record.data.conversationId);
      return;
    case 'notice':
      if (putNotice(db, record.data)) changes.notices.push(record.data);
      return;
  }
}
