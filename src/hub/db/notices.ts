import { z } from 'zod';
import { noticeSchema, type Notice } from '../../shared/protocol';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  operator_id: z.string(),
  kind: z.string(),
  conversation_id: z.string().nullable(),
  text: z.string(),
  created_at: z.number(),
});

const toNotice = (row: unknown): Notice => {
  const r = rowSchema.parse(row);
  return noticeSchema.parse({
    id: r.id,
    operatorId: r.operator_id,
    kind: r.kind,
    conversationId: r.conversation_id,
    text: r.text,
    createdAt: r.created_at,
  });
};

export function insertNotice(db: HubDb, notice: Notice): void {
  db.prepare(
    `INSERT INTO notices (id, operator_id, kind, conversation_id, text, created_at)
     VALUES (@id, @operatorId, @kind, @conversationId, @text, @createdAt)`,
  ).run(notice);
}

export function noticesFor(db: HubDb, operatorId: string, afterId = '', limit = 1_000_000): Notice[] {
  return db
    .prepare('SELECT * FROM notices WHERE operator_id = ? AND id > ? ORDER BY id LIMIT ?')
    .all(operatorId, afterId, limit)
    .map(toNotice);
}
