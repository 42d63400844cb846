import { newId } from './ids';
import type { Contact, Message, Operator, Queue } from '../shared/domain';
import type { Notice } from '../shared/protocol';
import { appendChange, headSeq } from './db/change-log';
import type { HubDb } from './db/connection';
import { saveContact } from './db/contacts';
import { publicConversation, saveConversation, type HubConversation } from './db/conversations';
import { insertMessage } from './db/messages';
import { insertNotice } from './db/notices';
import { upsertQueue } from './db/queues';
import { getMessage } from './db/messages';
import { prepareSla } from './sla/conversation-sla';

/*
 * Each function writes one whole entity and logs it, in the caller's transaction, so the
 * table and the change log can never disagree.
 */

export function putQueue(db: HubDb, at: number, queue: Queue): number {
  upsertQueue(db, queue);
  return appendChange(db, { entity: 'queue', data: queue }, at);
}

export function logOperator(db: HubDb, at: number, operator: Operator): number {
  return appendChange(db, { entity: 'operator', data: operator }, at);
}

/** `confidential`: the contact has a confidential conversation, so their name is withheld. */
export function putContact(db: HubDb, at: number, contact: Contact, confidential: boolean): number {
  saveContact(db, contact);
  return appendChange(db, { entity: 'contact', data: contact }, at, { confidential });
}

/** `assignmentChanged` stamps the conversation with the sequence of this very change. */
export function putConversation(
  db: HubDb,
  at: number,
  conversation: HubConversation,
  options: { assignmentChanged?: boolean } = {},
): number {
  const next = headSeq(db) + 1;
  // The SLA engine owns responseDueAt: it replays the conversation's timeline (issue 6).
  const sla = prepareSla(db, at, conversation);
  const stored: HubConversation =
    options.assignmentChanged === true ? { ...sla.conversation, assignedSeq: next } : sla.conversation;
  saveConversation(db, stored);
  const seq = appendChange(db, { entity: 'conversation', data: publicConversation(stored) }, at, {
    confidential: stored.confidential,
  });
  if (seq !== next) throw new Error(`change log sequence jumped from ${next} to ${seq}`);
  sla.settle();
  return seq;
}

export function addMessage(db: HubDb, at: number, message: Message, conversation: HubConversation): number {
  insertMessage(db, message, conversation.platform);
  return appendChange(db, { entity: 'message', data: message }, at, {
    confidential: conversation.confidential,
  });
}

/** Re-logs a message after a hub-side change (e.g. the platform id arrived on delivery). */
export function relogMessage(db: HubDb, at: number, messageId: string, confidential: boolean): number | null {
  const message = getMessage(db, messageId);
  if (message === null) return null;
  return appendChange(db, { entity: 'message', data: message }, at, { confidential });
}

/** Puts a held conversation back in its queue and tells whoever held it why. */
export function returnToQueue(db: HubDb, at: number, conversation: HubConversation, why: string): void {
  if (conversation.assigneeId === null) return;
  putConversation(
    db,
    at,
    { ...conversation, assigneeId: null, leaseExpiresAt: null, updatedAt: at },
    { assignmentChanged: true },
  );
  addNotice(db, at, {
    operatorId: conversation.assigneeId,
    kind: 'moved-from-you',
    conversationId: conversation.id,
    text: why,
  });
}

/** Tells one operator something, at `at`, through the change log (they hear it on reconnect). */
export function addNotice(db: HubDb, at: number, what: Omit<Notice, 'id' | 'createdAt'>): number {
  const notice: Notice = { id: newId(), ...what, createdAt: at };
  insertNotice(db, notice);
  return appendChange(db, { entity: 'notice', data: notice }, at, { audience: notice.operatorId });
}
