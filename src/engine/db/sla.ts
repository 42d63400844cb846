import {
  slaEventRecordSchema,
  slaPolicyRecordSchema,
  slaStatusSchema,
  type SlaEventRecord,
  type SlaPolicyRecord,
  type SlaStatus,
} from '../../shared/protocol/entities-sla';
import type { SlaReportRow } from '../../shared/sla/report';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

/* SLA records from the hub, as whole rows (cache migration 003). */

export function putSlaPolicy(db: CacheDb, record: SlaPolicyRecord): void {
  db.prepare(
    'INSERT INTO sla_policy (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  ).run(record.id, JSON.stringify(record));
}

export function getSlaPolicy(db: CacheDb): SlaPolicyRecord | null {
  const row = db.prepare("SELECT data FROM sla_policy WHERE id = 'current'").get() as
    { data: string } | undefined;
  return row === undefined ? null : parseJsonColumn('sla_policy', slaPolicyRecordSchema, row.data);
}

export function putSlaStatus(db: CacheDb, status: SlaStatus): void {
  db.prepare(
    `INSERT INTO sla_status (id, state, started_at, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, started_at = excluded.started_at, data = excluded.data`,
  ).run(status.id, status.state, status.outcome?.startedAt ?? null, JSON.stringify(status));
}

const toStatus = (row: { data: string }): SlaStatus =>
  parseJsonColumn('sla_status', slaStatusSchema, row.data);

export function getSlaStatuses(db: CacheDb, ids: readonly string[]): SlaStatus[] {
  if (ids.length === 0) return [];
  const get = db.prepare('SELECT data FROM sla_status WHERE id = ?');
  const out: SlaStatus[] = [];
  for (const id of ids) {
    const row = get.get(id) as { data: string } | undefined;
    if (row !== undefined) out.push(toStatus(row));
  }
  return out;
}

/** Statuses whose clocks are running or paused (not `none`): what countdowns show. */
export function liveSlaStatuses(db: CacheDb): SlaStatus[] {
  return (db.prepare("SELECT data FROM sla_status WHERE state <> 'none'").all() as { data: string }[]).map(
    toStatus,
  );
}

/** Reporting rows (leads' caches only carry them) for conversations started at or after `since`. */
export function slaReportRowsSince(db: CacheDb, since: number): SlaReportRow[] {
  const rows = db
    .prepare('SELECT data FROM sla_status WHERE started_at IS NOT NULL AND started_at >= ?')
    .all(since) as { data: string }[];
  return rows.map(toStatus).flatMap((s) => (s.outcome === null ? [] : [s.outcome]));
}

/** Returns true when the alert was new to the cache, so it is announced once. */
export function putSlaEvent(db: CacheDb, event: SlaEventRecord): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO sla_events (id, conversation_id, at, data) VALUES (?, ?, ?, ?)')
    .run(event.id, event.conversationId, event.at, JSON.stringify(event));
  return result.changes > 0;
}

export function slaEventsFor(db: CacheDb, conversationId: string): SlaEventRecord[] {
  return (
    db.prepare('SELECT data FROM sla_events WHERE conversation_id = ? ORDER BY at').all(conversationId) as {
      data: string;
    }[]
  ).map((r) => parseJsonColumn('sla_events', slaEventRecordSchema, r.data));
}
