import { createHash, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CacheDb } from '../../engine/db/handle';
import { confirmedConversationsJson } from '../../engine/db/conversations';
import { snapshotResponseSchema } from '../../shared/protocol/socket';

/** The entities compared between a console's cache and what the hub lets its operator see. */
export const COMPARED = ['queue', 'contact', 'conversation', 'message'] as const;
export type Compared = (typeof COMPARED)[number];
export type EntityState = Record<Compared, unknown[]>;
export type StateHashes = Record<Compared, string>;

/** A stable hash of rows: key order and row order do not matter. */
export function hashRows(rows: readonly unknown[]): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  const lines = rows.map((r) => JSON.stringify(canonical(r))).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export const stateHashes = (state: EntityState): StateHashes => ({
  queue: hashRows(state.queue),
  contact: hashRows(state.contact),
  conversation: hashRows(state.conversation),
  message: hashRows(state.message),
});

const isCompared = (entity: string): entity is Compared => (COMPARED as readonly string[]).includes(entity);

/**
 * What the hub lets the token's operator see now, read through the hub's own snapshot
 * pages: the same per-operator filtering (redaction, notices) a console receives.
 */
export async function hubVisibleState(hubUrl: string, token: string): Promise<EntityState> {
  const socket: Socket = io(hubUrl, {
    auth: { token, consoleId: randomUUID(), lastSeq: 0 },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('hub:hello', () => {
        resolve();
      });
      socket.once('connect_error', reject);
    });
    const out: EntityState = { queue: [], contact: [], conversation: [], message: [] };
    let cursor: string | null = null;
    do {
      const page = snapshotResponseSchema.parse(
        await socket.timeout(30_000).emitWithAck('sync:snapshot', { cursor, limit: 5000 }),
      );
      if (page.kind === 'error') throw new Error(page.error);
      for (const record of page.records) {
        if (isCompared(record.entity)) out[record.entity].push(record.data);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    return out;
  } finally {
    socket.disconnect();
  }
}

const dataRows = (db: CacheDb, sql: string): unknown[] =>
  (db.prepare(sql).all() as { data: string }[]).map((r) => JSON.parse(r.data) as unknown);

/** The engine's confirmed cache (what the hub told it), in the same shape. */
export function engineConfirmedState(db: CacheDb): EntityState {
  return {
    queue: dataRows(db, 'SELECT data FROM queues'),
    contact: dataRows(db, 'SELECT data FROM contacts'),
    conversation: confirmedConversationsJson(db).map((data) => JSON.parse(data) as unknown),
    message: dataRows(db, 'SELECT data FROM messages WHERE pending = 0'),
  };
}

/** The operator's view of conversations; with nothing pending it must equal the confirmed rows. */
export const engineViewConversationsHash = (db: CacheDb): string =>
  hashRows(dataRows(db, 'SELECT data FROM conversations'));

/**
 * Rows that exist only while the operator has actions pending: a confirmed copy beside a
 * changed view (cache migration 012) and view rows marked pending. Both must be gone once
 * the outbox is empty, or the view and the confirmed state could differ unseen.
 */
export const engineLeftovers = (db: CacheDb): { confirmedCopies: number; pendingViews: number } => ({
  confirmedCopies: db.prepare('SELECT count(*) FROM hub_conversations').pluck().get() as number,
  pendingViews: db.prepare('SELECT count(*) FROM conversations WHERE pending = 1').pluck().get() as number,
});
