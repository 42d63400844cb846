import { undeliveredSchema, type Undelivered } from '../../shared/ipc/undelivered';
import type { CacheDb } from './handle';
import { CorruptRowError, parseJsonColumn } from './json';

/**
 * How long an event waits for a window. An operator who has not opened this console for a
 * week is told what matters by their own queue; a pile of week-old toasts would bury it.
 */
export const UNDELIVERED_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Keeps an event for its operator until their window says it was shown. Called in the
 * transaction that makes the event true (the refusal settled, the notice stored), so a crash
 * cannot leave the one without the other. Keeping the same key again changes nothing.
 */
export function keepUndelivered(db: CacheDb, operatorId: string, item: Undelivered, createdAt: number): void {
  db.prepare('DELETE FROM undelivered WHERE operator_id = ? AND created_at < ?').run(
    operatorId,
    createdAt - UNDELIVERED_KEEP_MS,
  );
  db.prepare(
    `INSERT INTO undelivered (key, operator_id, event, payload, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  ).run(item.key, operatorId, item.event, JSON.stringify(item), createdAt);
}

/**
 * The operator's events not yet shown, oldest first, at most `limit` (the newest of them).
 * A row this version cannot read (written by a newer one) is left for a version that can.
 */
export function undeliveredFor(db: CacheDb, operatorId: string, limit: number): Undelivered[] {
  const rows = db
    .prepare(
      `SELECT payload FROM (
         SELECT payload, created_at, key FROM undelivered WHERE operator_id = ?
         ORDER BY created_at DESC, key DESC LIMIT ?
       ) ORDER BY created_at, key`,
    )
    .pluck()
    .all(operatorId, limit) as string[];
  const items: Undelivered[] = [];
  for (const text of rows) {
    try {
      items.push(parseJsonColumn('undelivered', undeliveredSchema, text));
    } catch (error) {
      if (!(error instanceof CorruptRowError)) throw error;
    }
  }
  return items;
}

/** Forgets the operator's events the window showed; returns how many there were. */
export function markDelivered(db: CacheDb, operatorId: string, keys: readonly string[]): number {
  const forget = db.prepare('DELETE FROM undelivered WHERE key = ? AND operator_id = ?');
  return db
    .transaction(() => keys.reduce((n, key) => n + forget.run(key, operatorId).changes, 0))
    .immediate();
}
