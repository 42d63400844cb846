import { z } from 'zod';
import { queueSchema, type Queue } from '../../shared/domain';
import type { HubDb } from './connection';

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  name_cy: z.string(),
  auto_assign: z.number().int(),
});

const toQueue = (row: unknown): Queue => {
  const r = rowSchema.parse(row);
  return queueSchema.parse({ id: r.id, name: r.name, nameCy: r.name_cy, autoAssign: r.auto_assign === 1 });
};

export function upsertQueue(db: HubDb, queue: Queue): void {
  db.prepare(
    `INSERT INTO queues (id, name, name_cy, auto_assign) VALUES (@id, @name, @nameCy, @autoAssign)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_cy = excluded.name_cy, auto_assign = excluded.auto_assign`,
  ).run({ ...queue, autoAssign: queue.autoAssign ? 1 : 0 });
}

export function getQueue(db: HubDb, id: string): Queue | null {
  const row: unknown = db.prepare('SELECT * FROM queues WHERE id = ?').get(id);
  return row === undefined ? null : toQueue(row);
}

const idRows = z.array(z.object({ id: z.string() }));

/** The queues automatic assignment serves: read after every commit, so only their ids. */
export function autoAssignQueueIds(db: HubDb): string[] {
  return idRows
    .parse(db.prepare('SELECT id FROM queues WHERE auto_assign = 1 ORDER BY id').all())
    .map((r) => r.id);
}

export function listQueues(db: HubDb, afterId = '', limit = 1_000_000): Queue[] {
  return db.prepare('SELECT * FROM queues WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit).map(toQueue);
}
