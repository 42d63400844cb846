import { z } from 'zod';
import type { HubDb } from './connection';
import { getConversation, type HubConversation } from './conversations';

const heldRowsSchema = z.array(z.object({ id: z.string(), n: z.number().int() }));
const idRowsSchema = z.array(z.object({ id: z.string() }));

/** How many open or waiting conversations each operator holds (capacity counts these). */
export function heldCounts(db: HubDb): Map<string, number> {
  const rows = heldRowsSchema.parse(
    db
      .prepare(
        `SELECT assignee_id AS id, count(*) AS n FROM conversations
           WHERE assignee_id IS NOT NULL AND status IN ('open', 'waiting-on-public') GROUP BY assignee_id`,
      )
      .all(),
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Unassigned open conversations in these queues, oldest first. */
export function waitingIn(db: HubDb, queueIds: readonly string[], limit: number): HubConversation[] {
  if (queueIds.length === 0) return [];
  const ids = idRowsSchema.parse(
    db
      .prepare(
        `SELECT id FROM conversations WHERE status = 'open' AND assignee_id IS NULL
           AND queue_id IN (${queueIds.map(() => '?').join(', ')}) ORDER BY first_inbound_at, id LIMIT ?`,
      )
      .all(...queueIds, limit),
  );
  return ids.map((r) => getConversation(db, r.id)).filter((c): c is HubConversation => c !== null);
}

export function setOperatorCapacity(db: HubDb, id: string, capacity: number): void {
  db.prepare('UPDATE operators SET capacity = ? WHERE id = ?').run(capacity, id);
}
