import { isLead, isCleared, type Operator } from '../../shared/domain';
import type { Change, EntityRecord } from '../../shared/protocol';
import { reasonWithoutQuotes } from '../../shared/triage/reason-quotes';
import type { LoggedChange } from '../db/change-log';

/**
 * What one operator may see of a record: notices only reach their operator, and the text of
 * confidential conversations, and the names of the people who started them, only reach
 * staff cleared to read them. The preview and the words triage quoted from the message are
 * text too. `conversationConfidential` is the logged row's flag: a conversation row written
 * before the conversation turned confidential is marked when it turns
 * (`markConversationConfidential`), though its own data still says otherwise.
 */
export function visibleRecord(
  record: EntityRecord,
  viewer: Operator,
  conversationConfidential: boolean,
): EntityRecord | null {
  switch (record.entity) {
    case 'notice':
      return record.data.operatorId === viewer.id ? record : null;
    case 'message':
      if (!conversationConfidential || isCleared(viewer)) return record;
      // A post's id on X links to it, and so to its author.
      return {
        entity: 'message',
        data: { ...record.data, body: '', redacted: true, platformMessageId: null },
      };
    case 'conversation':
      if (!(record.data.confidential || conversationConfidential) || isCleared(viewer)) return record;
      return {
        entity: 'conversation',
        data: {
          ...record.data,
          preview: '',
          triageReasons: record.data.triageReasons.map(reasonWithoutQuotes),
        },
      };
    case 'contact':
      // For a contact the flag means they have a confidential conversation: their name is
      // as sensitive as what they reported.
      if (!conversationConfidential || isCleared(viewer)) return record;
      // An X user id resolves publicly to the @handle: the platform id goes too, replaced
      // by the contact's own (the console only shows a few characters of it).
      return {
        entity: 'contact',
        data: { ...record.data, displayName: '', platformUserId: record.data.id, redacted: true },
      };
    // Moderation records carry no comment text: everyone on the desk sees the state.
    case 'queue':
    case 'operator':
    case 'comment-moderation':
    case 'blocked-account':
      return record;
    // The whole desk drafts broadcasts and must see every desk alert; image bytes never travel.
    case 'broadcast':
    case 'desk-alert':
      return record;
    // The roster and who did what last are for the people supervising the desk.
    case 'shift':
    case 'activity':
      return isLead(viewer) ? record : null;
    // SLA clocks and alerts carry no text: everyone sees them; reporting outcomes are for leads.
    case 'sla-policy':
    case 'sla-event':
      return record;
    case 'sla-status':
      return isLead(viewer) || record.data.outcome === null
        ? record
        : { entity: 'sla-status', data: { ...record.data, outcome: null } };
  }
}

export function visibleChange(change: LoggedChange, viewer: Operator): Change | null {
  if (change.audience !== null && change.audience !== viewer.id) return null;
  const record = visibleRecord(change.record, viewer, change.confidential);
  return record === null ? null : { seq: change.seq, at: change.at, ...record };
}

/** A change whose visibility depends on who exactly the viewer is, not only on their key. */
export const addressedToOne = (change: LoggedChange): boolean =>
  change.audience !== null || change.record.entity === 'notice';
