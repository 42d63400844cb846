import {
  blockedAccountSchema,
  commentModerationSchema,
  type BlockedAccount,
  type CommentModeration,
} from '../../shared/protocol/entities-moderation';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

export function putCommentModeration(db: CacheDb, m: CommentModeration): void {
  db.prepare(
    `INSERT INTO comment_moderation (id, conversation_id, review, state, updated_at, data)
     VALUES (@id, @conversationId, @review, @state, @updatedAt, @data)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, review = excluded.review,
       state = excluded.state, updated_at = excluded.updated_at, data = excluded.data`,
  ).run({
    id: m.id,
    conversationId: m.conversationId,
    review: m.review,
    state: m.state,
    updatedAt: m.updatedAt,
    data: JSON.stringify(m),
  });
}

export function putBlockedAccount(db: CacheDb, blocked: BlockedAccount): void {
  db.prepare(
    'INSERT INTO blocked_accounts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(blocked.id, JSON.stringify(blocked));
}

const toModeration = (r: { data: string }): CommentModeration =>
  parseJsonColumn('comment_moderation', commentModerationSchema, r.data);

export type ModerationFilter = 'review' | 'hidden' | 'flagged' | 'all';

/** Newest first. `review`: auto-hidden or flagged and nobody has decided yet. */
export function listModeration(db: CacheDb, filter: ModerationFilter, limit: number): CommentModeration[] {
  const where =
    filter === 'review'
      ? "WHERE review = 'pending'"
      : filter === 'hidden'
        ? "WHERE state = 'hidden'"
        : filter === 'flagged'
          ? "WHERE review = 'pending' AND state = 'visible'"
          : '';
  const rows = db
    .prepare(`SELECT data FROM comment_moderation ${where} ORDER BY updated_at DESC, id LIMIT ?`)
    .all(limit) as { data: string }[];
  return rows.map(toModeration);
}

export function getCommentModeration(db: CacheDb, id: string): CommentModeration | null {
  const row = db.prepare('SELECT data FROM comment_moderation WHERE id = ?').get(id) as
    { data: string } | undefined;
  return row ? toModeration(row) : null;
}

export function moderationOfConversation(db: CacheDb, conversationId: string): CommentModeration[] {
  const rows = db
    .prepare('SELECT data FROM comment_moderation WHERE conversation_id = ? ORDER BY updated_at')
    .all(conversationId) as { data: string }[];
  return rows.map(toModeration);
}

export function countModeration(db: CacheDb): { review: number; hidden: number; flagged: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(review = 'pending'), 0) AS review, coalesce(sum(state = 'hidden'), 0) AS hidden,
              coalesce(sum(review = 'pending' AND state = 'visible'), 0) AS flagged
       FROM comment_moderation`,
    )
    .get() as { review: number; hidden: number; flagged: number };
}

export function getBlockedAccount(db: CacheDb, id: string): BlockedAccount | null {
  const row = db.prepare('SELECT data FROM blocked_accounts WHERE id = ?').get(id) as
    { data: string } | undefined;
  return row ? parseJsonColumn('blocked_accounts', blockedAccountSchema, row.data) : null;
}
