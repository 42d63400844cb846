import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../../src/hub/db/connection';
import type { Change } from '../../../../src/shared/protocol';
import { allChanges, type RawConsole } from '../helpers';

export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export interface FakePlatform {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

/**
 * A stand-in for graph.facebook.com / api.x.com on 127.0.0.1, answering in their
 * documented shapes. `answer` may change per request (to fail first, then succeed).
 */
export async function fakePlatform(
  answer: (seen: Seen) => { status: number; json: unknown },
): Promise<FakePlatform> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      seen.push(entry);
      const { status, json } = answer(entry);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Graph API answers as documented: `{success: true}` for comment edits, a map for blocks. */
export function graphAnswer(seen: Seen): { status: number; json: unknown } {
  if (seen.url.includes('/blocked')) {
    const users = (seen.body as { user?: string[] } | null)?.user ?? [];
    return { status: 200, json: Object.fromEntries(users.map((u) => [u, true])) };
  }
  if (seen.url.includes('/comments')) return { status: 200, json: { id: 'PAGE1_POST1_reply' } };
  return { status: 200, json: { success: true } };
}

export interface AuditRow {
  readonly action: string;
  readonly actorId: string | null;
  readonly subjectId: string | null;
  readonly detail: Record<string, unknown>;
}

export function auditRows(hubDir: string, prefix: string): AuditRow[] {
  const db = new Database(hubDbPath(hubDir), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'SELECT action, actor_id AS actorId, subject_id AS subjectId, detail FROM audit WHERE action LIKE ? ORDER BY id',
      )
      .all(`${prefix}%`) as {
      action: string;
      actorId: string | null;
      subjectId: string | null;
      detail: string;
    }[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

export function hubRows<T>(hubDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(hubDbPath(hubDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The inbound message a console received for a platform comment id. */
export async function commentMessage(
  c: RawConsole,
  commentId: string,
): Promise<{ messageId: string; conversationId: string }> {
  const change = await c.waitFor(() =>
    allChanges(c).find(
      (ch): ch is Extract<Change, { entity: 'message' }> =>
        ch.entity === 'message' && ch.data.platformMessageId === commentId,
    ),
  );
  return { messageId: change.data.id, conversationId: change.data.conversationId };
}

/** The latest moderation record of a comment as the console received it. */
export function latestModeration(c: RawConsole, messageId: string) {
  return allChanges(c)
    .filter(
      (ch): ch is Extract<Change, { entity: 'comment-moderation' }> => ch.entity === 'comment-moderation',
    )
    .filter((ch) => ch.data.id === messageId)
    .at(-1)?.data;
}
