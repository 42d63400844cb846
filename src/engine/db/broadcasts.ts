import {
  broadcastSchema,
  deskAlertSchema,
  type Broadcast,
  type DeskAlert,
} from '../../shared/protocol/entities-broadcasts';
import type { CacheDb } from './handle';
import { parseJsonColumn } from './json';

export function putBroadcast(db: CacheDb, broadcast: Broadcast): void {
  db.prepare(
    `INSERT INTO broadcasts (id, updated_at, data) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
  ).run(broadcast.id, broadcast.updatedAt, JSON.stringify(broadcast));
}

/** Newest activity first. */
export function listCachedBroadcasts(db: CacheDb, limit: number): Broadcast[] {
  const rows = db.prepare('SELECT data FROM broadcasts ORDER BY updated_at DESC LIMIT ?').all(limit) as {
    data: string;
  }[];
  return rows.map((r) => parseJsonColumn('broadcasts', broadcastSchema, r.data));
}

export function putDeskAlertRow(db: CacheDb, alert: DeskAlert): void {
  db.prepare(
    `INSERT INTO desk_alerts (id, expires_at, data) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data`,
  ).run(alert.id, alert.expiresAt, JSON.stringify(alert));
}

/** Alerts still in force at `hubNow` first; newest first. */
export function listCachedDeskAlerts(db: CacheDb, limit: number): DeskAlert[] {
  const rows = db.prepare('SELECT data FROM desk_alerts ORDER BY expires_at DESC LIMIT ?').all(limit) as {
    data: string;
  }[];
  return rows
    .map((r) => parseJsonColumn('desk_alerts', deskAlertSchema, r.data))
    .sort((a, b) => b.createdAt - a.createdAt);
}
