import { z } from 'zod';
import { messageSchema, type Message, type Platform } from '../../shared/domain';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  direction: z.string(),
  author_id: z.string().nullable(),
  body: z.string(),
  platform_message_id: z.string().nullable(),
  created_at: z.number(),
  hideable: z.literal(0).nullable(),
});

const toMessage = (row: unknown): Message => {
  const r = rowSchema.parse(row);
  return messageSchema.parse({
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    authorId: r.author_id,
    body: r.body,
    redacted: false,
    platformMessageId: r.platform_message_id,
    createdAt: r.created_at,
    ...(r.hideable === 0 ? { hideable: false } : {}),
  });
};

export function insertMessage(db: HubDb, message: Message, platform: Platform): void {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, direction, author_id, body, platform, platform_message_id, created_at, hideable)
     VALUES (@id, @conversationId, @direction, @authorId, @body, @platform, @platformMessageId, @createdAt, @hideable)`,
  ).run({ ...message, platform, hideable: message.hideable === false ? 0 : null });
}

export function setPlatformMessageId(db: HubDb, id: string, platformMessageId: string): void {
  db.prepare('UPDATE messages SET platform_message_id = ? WHERE id = ?').run(platformMessageId, id);
}

export function getMessage(db: HubDb, id: string): Message | null {
  const row: unknown = db.prepare('SELECT * FROM messages WHERE id = ?').get(id);
  return row === undefined ? null : toMessage(row);
}

export function messagesOf(db: HubDb, conversationId: string): Message[] {
  return db
    .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid')
    .all(conversationId)
    .map(toMessage);
}

export function countMessages(db: HubDb): number {
  const row = z.object({ n: z.number() }).parse(db.prepare('SELECT COUNT(*) AS n FROM messages').get());
  return row.n;
}

export function listMessages(db: HubDb, afterId = '', limit = 1_000_000): Message[] {
  return db
    .prepare('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map(toMessage);
}

/** The message the public sent with this platform id (a comment, for edits and removals). */
export function findInboundMessage(db: HubDb, platform: Platform, platformMessageId: string): Message | null {
  const row: unknown = db
    .prepare(
      `SELECT * FROM messages WHERE platform = ? AND platform_message_id = ? AND direction = 'inbound'
       ORDER BY created_at, rowid LIMIT 1`,
    )
    .get(platform, platformMessageId);
  return row === undefined ? null : toMessage(row);
}

/** Replaces a message's text, keeping the text it replaced in `message_revisions`. */
export function reviseMessageBody(db: HubDb, message: Message, body: string, at: number): void {
  db.prepare('INSERT INTO message_revisions (message_id, body, replaced_at) VALUES (?, ?, ?)').run(
    message.id,
    message.body,
    at,
  );
  db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(body, message.id);
}

/** Where the edit that gave the message its current text stands among its edits (null: none numbered). */
export function editOrderOf(db: HubDb, messageId: string): number | null {
  const row: unknown = db.prepare('SELECT edit_order FROM messages WHERE id = ?').get(messageId);
  return row === undefined ? null : z.object({ edit_order: z.number().nullable() }).parse(row).edit_order;
}

export function setEditOrder(db: HubDb, messageId: string, order: number): void {
  db.prepare('UPDATE messages SET edit_order = ? WHERE id = ?').run(order, messageId);
}

/** Takes a platform message id once; false means the platform redelivered it. */
export function takeWebhookReceipt(
  db: HubDb,
  platform: Platform,
  platformMessageId: string,
  at: number,
): boolean {
  const result = db
    .prepare(
      'INSERT INTO webhook_receipts (platform, platform_message_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    )
    .run(platform, platformMessageId, at);
  return result.changes === 1;
}
