import { z } from 'zod';
import { activitySchema, type Activity } from '../../shared/protocol';
import type { HubDb } from './connection';

const rowSchema = z.object({ operator_id: z.string(), action: z.string(), at: z.number() });

const toActivity = (row: unknown): Activity => {
  const r = rowSchema.parse(row);
  return activitySchema.parse({ id: r.operator_id, action: r.action, at: r.at });
};

export function saveActivity(db: HubDb, activity: Activity): void {
  db.prepare(
    `INSERT INTO operator_activity (operator_id, action, at) VALUES (?, ?, ?)
     ON CONFLICT (operator_id) DO UPDATE SET action = excluded.action, at = excluded.at`,
  ).run(activity.id, activity.action, activity.at);
}

export function listActivity(db: HubDb, afterId = '', limit = 1_000_000): Activity[] {
  return db
    .prepare('SELECT * FROM operator_activity WHERE operator_id > ? ORDER BY operator_id LIMIT ?')
    .all(afterId, limit)
    .map(toActivity);
}
