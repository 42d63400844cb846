import { z } from 'zod';
import {
  conversationSchema,
  type Conversation,
  type ConversationKind,
  type Platform,
} from '../../shared/domain';
import type { HubDb } from './connection';

/** A conversation plus what only the hub needs: where replies go, and when it last changed hands. */
export interface HubConversation extends Conversation {
  /** Change sequence of the last assignment change, to tell an offline action from a current one. */
  readonly assignedSeq: number;
  /** Page id (Facebook) or account id (X) the public wrote to. */
  readonly accountId: string | null;
  /** Platform id a reply should answer (the latest inbound comment), null for DMs. */
  readonly replyToId: string | null;
}

const rowSchema = z.object({
  id: z.string(),
  platform: z.string(),
  kind: z.string(),
  contact_id: z.string(),
  queue_id: z.string(),
  status: z.string(),
  assignee_id: z.string().nullable(),
  lease_expires_at: z.number().nullable(),
  assigned_seq: z.number(),
  priority: z.string(),
  language: z.string(),
  category: z.string(),
  confidential: z.number(),
  preview: z.string(),
  triage_reasons: z.string(),
  account_id: z.string().nullable(),
  reply_to_id: z.string().nullable(),
  first_inbound_at: z.number(),
  first_response_at: z.number().nullable(),
  last_inbound_at: z.number(),
  last_response_at: z.number().nullable(),
  response_due_at: z.number().nullable(),
  updated_at: z.number(),
});

const reasonsJson = z.array(z.string());

const toConversation = (row: unknown): HubConversation => {
  const r = rowSchema.parse(row);
  const reasons: unknown = JSON.parse(r.triage_reasons);
  const conversation = conversationSchema.parse({
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    contactId: r.contact_id,
    queueId: r.queue_id,
    status: r.status,
    assigneeId: r.assignee_id,
    leaseExpiresAt: r.lease_expires_at,
    priority: r.priority,
    language: r.language,
    category: r.category,
    confidential: r.confidential === 1,
    preview: r.preview,
    triageReasons: reasonsJson.parse(reasons),
    firstInboundAt: r.first_inbound_at,
    firstResponseAt: r.first_response_at,
    lastInboundAt: r.last_inbound_at,
    lastResponseAt: r.last_response_at,
    responseDueAt: r.response_due_at,
    updatedAt: r.updated_at,
  });
  return { ...conversation, assignedSeq: r.assigned_seq, accountId: r.account_id, replyToId: r.reply_to_id };
};

/** The wire form: hub-only fields dropped. */
export const publicConversation = (c: HubConversation): Conversation => conversationSchema.parse(c);

export function saveConversation(db: HubDb, c: HubConversation): void {
  db.prepare(
    `INSERT INTO conversations (id, platform, kind, contact_id, queue_id, status, assignee_id, lease_expires_at,
       assigned_seq, priority, language, category, confidential, preview, triage_reasons, account_id, reply_to_id,
       first_inbound_at, first_response_at, last_inbound_at, last_response_at, response_due_at, updated_at)
     VALUES (@id, @platform, @kind, @contactId, @queueId, @status, @assigneeId, @leaseExpiresAt,
       @assignedSeq, @priority, @language, @category, @confidential, @preview, @triageReasons, @accountId, @replyToId,
       @firstInboundAt, @firstResponseAt, @lastInboundAt, @lastResponseAt, @responseDueAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, status = excluded.status,
       assignee_id = excluded.assignee_id, lease_expires_at = excluded.lease_expires_at,
       assigned_seq = excluded.assigned_seq, priority = excluded.priority, language = excluded.language,
       category = excluded.category, confidential = excluded.confidential, preview = excluded.preview,
       triage_reasons = excluded.triage_reasons, account_id = excluded.account_id, reply_to_id = excluded.reply_to_id,
       first_response_at = excluded.first_response_at, last_inbound_at = excluded.last_inbound_at,
       last_response_at = excluded.last_response_at, response_due_at = excluded.response_due_at,
       updated_at = excluded.updated_at`,
  ).run({
    ...c,
    confidential: c.confidential ? 1 : 0,
    triageReasons: JSON.stringify(c.triageReasons),
  });
}

export function getConversation(db: HubDb, id: string): HubConversation | null {
  const row: unknown = db.prepare('SELECT * FROM conversations WHERE id = ?').get(id);
  return row === undefined ? null : toConversation(row);
}

/** The contact's most recent conversation of this kind on this platform, whatever its status. */
export function latestConversationFor(
  db: HubDb,
  contactId: string,
  platform: Platform,
  kind: ConversationKind,
): HubConversation | null {
  const row: unknown = db
    .prepare(
      `SELECT * FROM conversations WHERE contact_id = ? AND platform = ? AND kind = ?
       ORDER BY last_inbound_at DESC, rowid DESC LIMIT 1`,
    )
    .get(contactId, platform, kind);
  return row === undefined ? null : toConversation(row);
}

export function conversationsAssignedTo(db: HubDb, operatorId: string): HubConversation[] {
  return db.prepare('SELECT * FROM conversations WHERE assignee_id = ?').all(operatorId).map(toConversation);
}

export function conversationsWithLapsedLease(db: HubDb, now: number): HubConversation[] {
  return db
    .prepare(
      'SELECT * FROM conversations WHERE assignee_id IS NOT NULL AND lease_expires_at IS NOT NULL AND lease_expires_at <= ?',
    )
    .all(now)
    .map(toConversation);
}

export function listConversations(db: HubDb, afterId = '', limit = 1_000_000): HubConversation[] {
  return db
    .prepare('SELECT * FROM conversations WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map(toConversation);
}
