import { z } from 'zod';
import {
  blockedAccountSchema,
  commentModerationSchema,
  type BlockedAccount,
  type CommentModeration,
} from '../../shared/protocol/entities-moderation';
import type { HubDb } from './connection';

const dataRow = z.object({ data: z.string() });

const parseModeration = (row: unknown): CommentModeration =>
  commentModerationSchema.parse(JSON.parse(dataRow.parse(row).data));

export function saveCommentModeration(db: HubDb, m: CommentModeration): void {
  db.prepare(
    `INSERT INTO comment_moderation (message_id, conversation_id, state, review, data, updated_at)
     VALUES (@id, @conversationId, @state, @review, @data, @updatedAt)
     ON CONFLICT (message_id) DO UPDATE SET state = excluded.state, review = excluded.review,
       data = excluded.data, updated_at = excluded.updated_at`,
  ).run({ ...m, data: JSON.stringify(m) });
}

export function getCommentModeration(db: HubDb, messageId: string): CommentModeration | null {
  const row: unknown = db.prepare('SELECT data FROM comment_moderation WHERE message_id = ?').get(messageId);
  return row === undefined ? null : parseModeration(row);
}

export function moderationOfConversation(db: HubDb, conversationId: string): CommentModeration[] {
  return db
    .prepare('SELECT data FROM comment_moderation WHERE conversation_id = ? ORDER BY rowid')
    .all(conversationId)
    .map(parseModeration);
}

export function listCommentModeration(db: HubDb, afterId = '', limit = 1_000_000): CommentModeration[] {
  return db
    .prepare('SELECT data FROM comment_moderation WHERE message_id > ? ORDER BY message_id LIMIT ?')
    .all(afterId, limit)
    .map(parseModeration);
}

export function saveBlockedAccount(db: HubDb, blocked: BlockedAccount): void {
  db.prepare(
    `INSERT INTO blocked_accounts (contact_id, data) VALUES (?, ?)
     ON CONFLICT (contact_id) DO UPDATE SET data = excluded.data`,
  ).run(blocked.id, JSON.stringify(blocked));
}

export function getBlockedAccount(db: HubDb, contactId: string): BlockedAccount | null {
  const row: unknown = db.prepare('SELECT data FROM blocked_accounts WHERE contact_id = ?').get(contactId);
  return row === undefined ? null : blockedAccountSchema.parse(JSON.parse(dataRow.parse(row).data));
}

export function listBlockedAccounts(db: HubDb, afterId = '', limit = 1_000_000): BlockedAccount[] {
  return db
    .prepare('SELECT data FROM blocked_accounts WHERE contact_id > ? ORDER BY contact_id LIMIT ?')
    .all(afterId, limit)
    .map((row) => blockedAccountSchema.parse(JSON.parse(dataRow.parse(row).data)));
}
