import { z } from 'zod';
import { deskAlertSchema, type DeskAlert } from '../../shared/protocol';
import type { HubDb } from './connection';

const rowSchema = z.object({ json: z.string() });

export function getDeskAlert(db: HubDb, id: string): DeskAlert | null {
  const row: unknown = db.prepare('SELECT json FROM desk_alerts WHERE id = ?').get(id);
  return row === undefined ? null : deskAlertSchema.parse(JSON.parse(rowSchema.parse(row).json));
}

export function saveDeskAlert(db: HubDb, alert: DeskAlert): void {
  db.prepare(
    `INSERT INTO desk_alerts (id, json, expires_at, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, expires_at = excluded.expires_at`,
  ).run(alert.id, JSON.stringify(deskAlertSchema.parse(alert)), alert.expiresAt, alert.createdAt);
}

/** Pages by id, for snapshots. Expired alerts stay: the lead's history shows them. */
export function listDeskAlerts(db: HubDb, afterId: string, limit: number): DeskAlert[] {
  return db
    .prepare('SELECT json FROM desk_alerts WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map((row) => deskAlertSchema.parse(JSON.parse(rowSchema.parse(row).json)));
}
