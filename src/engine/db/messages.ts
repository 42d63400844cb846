import { messageSchema, type Message } from '../../shared/domain/entities';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

/** A hub message replaces any optimistic copy with the same id (the opId). */
export function putConfirmedMessage(db: CacheDb, message: Message): void {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
     VALUES (@id, @conversationId, @createdAt, @body, 0, @data)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, created_at = excluded.created_at,
       body = excluded.body, pending = 0, data = excluded.data`,
  ).run({
    id: message.id,
    conversationId: message.conversationId,
    createdAt: message.createdAt,
    body: message.body,
    data: JSON.stringify(message),
  });
}

/** Adds a local, not yet confirmed message unless the hub's copy is already here. */
export function putPendingMessageIfAbsent(db: CacheDb, message: Message): void {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
     VALUES (@id, @conversationId, @createdAt, @body, 1, @data) ON CONFLICT (id) DO NOTHING`,
  ).run({
    id: message.id,
    conversationId: message.conversationId,
    createdAt: message.createdAt,
    body: message.body,
    data: JSON.stringify(message),
  });
}

export function deletePendingMessages(db: CacheDb, conversationId: string): void {
  db.prepare('DELETE FROM messages WHERE conversation_id = ? AND pending = 1').run(conversationId);
}

export function pendingMessageIds(db: CacheDb, conversationId: string): Set<string> {
  const rows = db
    .prepare('SELECT id FROM messages WHERE conversation_id = ? AND pending = 1')
    .all(conversationId) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Drops one optimistic message (its action is no longer pending). */
export function deletePendingMessage(db: CacheDb, id: string): void {
  db.prepare('DELETE FROM messages WHERE id = ? AND pending = 1').run(id);
}

export interface StoredMessage {
  readonly message: Message;
  readonly pending: boolean;
}

export function messagesOf(db: CacheDb, conversationId: string): StoredMessage[] {
  const rows = db
    .prepare('SELECT data, pending FROM messages WHERE conversation_id = ? ORDER BY created_at, rid')
    .all(conversationId) as { data: string; pending: number }[];
  return rows.map((r) => ({
    message: parseJsonColumn('messages', messageSchema, r.data),
    pending: r.pending === 1,
  }));
}
