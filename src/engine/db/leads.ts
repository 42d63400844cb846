import { z } from 'zod';
import { conversationSchema, type Conversation } from '../../shared/domain/entities';
import { activitySchema, shiftSchema, type Activity, type Shift } from '../../shared/protocol/entities-leads';
import { slaStatusSchema } from '../../shared/protocol/entities-sla';
import { conversationRisk } from '../../shared/workload';
import { NO_DUE_KEY } from './conversations';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

// The roster and last actions (whole hub rows), and the reads the workload board needs.

export function putShift(db: CacheDb, shift: Shift): void {
  db.prepare(
    'INSERT INTO shifts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(shift.id, JSON.stringify(shift));
}

/** Roster entries still standing (removed ones are tombstones), earliest first. */
export function listShifts(db: CacheDb): Shift[] {
  const rows = db.prepare('SELECT data FROM shifts').all() as { data: string }[];
  return rows
    .map((r) => parseJsonColumn('shifts', shiftSchema, r.data))
    .filter((s) => !s.removed)
    .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
}

export function putActivity(db: CacheDb, activity: Activity): void {
  db.prepare(
    'INSERT INTO activity (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(activity.id, JSON.stringify(activity));
}

export function activityByOperator(db: CacheDb): Map<string, Activity> {
  const rows = db.prepare('SELECT data FROM activity').all() as { data: string }[];
  return new Map(
    rows.map((r) => {
      const a = parseJsonColumn('activity', activitySchema, r.data);
      return [a.id, a];
    }),
  );
}

/** Every conversation not yet resolved, as this console sees it (pending actions included). */
export function unresolvedConversations(db: CacheDb): Conversation[] {
  const rows = db
    .prepare(`SELECT data FROM conversations WHERE status IN ('open', 'waiting-on-public')`)
    .all() as { data: string }[];
  return rows.map((r) => parseJsonColumn('conversations', conversationSchema, r.data));
}

/** When each inbound message since `from` arrived, for the desk's volume trend. */
export function inboundTimesSince(db: CacheDb, from: number): number[] {
  const rows = db
    .prepare(
      `SELECT created_at AS at FROM messages
       WHERE created_at >= ? AND json_extract(data, '$.direction') = 'inbound'`,
    )
    .all(from);
  return z
    .array(z.object({ at: z.number() }))
    .parse(rows)
    .map((r) => r.at);
}

const riskRowSchema = z.object({
  queueId: z.string(),
  dueAt: z.number(),
  firstInboundAt: z.number(),
  firstResponseAt: z.number().nullable(),
  lastInboundAt: z.number(),
  /** The hub's SLA status for it, when the cache has one. */
  sla: z.string().nullable(),
});

/**
 * At risk or breached per queue, by the one shared rule, so the queue rail and the
 * workload board always agree. Reads only open rows with a due time, a few columns each.
 */
export function atRiskByQueue(db: CacheDb, hubNow: number): Map<string, number> {
  const rows = z.array(riskRowSchema).parse(
    db
      .prepare(
        `SELECT c.queue_id AS queueId, c.due_key AS dueAt, json_extract(c.data, '$.firstInboundAt') AS firstInboundAt,
                json_extract(c.data, '$.firstResponseAt') AS firstResponseAt, c.last_inbound_at AS lastInboundAt,
                s.data AS sla
         FROM conversations c LEFT JOIN sla_status s ON s.id = c.id
         WHERE c.status = 'open' AND c.due_key < ?`,
      )
      .all(NO_DUE_KEY),
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const sla = r.sla === null ? undefined : slaStatusSchema.parse(JSON.parse(r.sla));
    const risk = conversationRisk({ status: 'open', responseDueAt: r.dueAt, ...r }, sla, hubNow);
    if (risk === 'at-risk' || risk === 'breached') out.set(r.queueId, (out.get(r.queueId) ?? 0) + 1);
  }
  return out;
}
