import { z } from 'zod';
import { messageSchema, type Message } from '../../shared/domain/entities';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

/**
 * Stores hub messages; each replaces any optimistic copy with the same id (the opId). The
 * new ones are then added to the search index (cache migration 011) in one statement,
 * newest first: FTS5 writes its in-memory words out as a segment at every statement
 * savepoint and whenever a rowid comes lower than the last (its rowid is the negated rid),
 * so a page of messages indexed one by one became a segment each. A message that was
 * already here is re-indexed by the update trigger only if its text changed.
 *
 * Correct however it is called; a transaction that stores all its messages in one call
 * writes one segment.
 */
export function putConfirmedMessages(db: CacheDb, messages: Iterable<Message>): void {
  // One write per id, the last copy given. A second write of a row this call added would
  // run the update trigger on a row not yet indexed: FTS5 would be told to forget text it
  // was never given, then get the row twice (harmless to search, but wasted work).
  const latest = new Map<string, Message>();
  for (const message of messages) latest.set(message.id, message);
  if (latest.size === 0) return;
  const upsert = db.prepare(
    `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
     VALUES (@id, @conversationId, @createdAt, @body, 0, @data)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, created_at = excluded.created_at,
       body = excluded.body, pending = 0, data = excluded.data`,
  );
  // A new row's rid is the highest so far plus one; a replaced row keeps its rid.
  const before = maxRid(db);
  for (const message of latest.values()) {
    upsert.run(rowOf(message));
  }
  db.prepare(
    'INSERT INTO messages_search (rowid, body) SELECT -rid, body FROM messages WHERE rid > ? ORDER BY rid DESC',
  ).run(before);
}

/** A message's columns, as both writers bind them. */
const rowOf = (message: Message) => ({
  id: message.id,
  conversationId: message.conversationId,
  createdAt: message.createdAt,
  body: message.body,
  data: JSON.stringify(message),
});

const ridSchema = z.number().int();
const maxRid = (db: CacheDb): number =>
  ridSchema.parse(db.prepare('SELECT COALESCE(MAX(rid), 0) FROM messages').pluck().get());

/** Adds a local, not yet confirmed message unless the hub's copy is already here. */
export function putPendingMessageIfAbsent(db: CacheDb, message: Message): void {
  const result = db
    .prepare(
      `INSERT INTO messages (id, conversation_id, created_at, body, pending, data)
       VALUES (@id, @conversationId, @createdAt, @body, 1, @data) ON CONFLICT (id) DO NOTHING`,
    )
    .run(rowOf(message));
  if (result.changes === 0) return;
  db.prepare('INSERT INTO messages_search (rowid, body) VALUES (?, ?)').run(
    -Number(result.lastInsertRowid),
    message.body,
  );
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
