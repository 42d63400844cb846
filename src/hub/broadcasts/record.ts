import type { Broadcast, DeskAlert } from '../../shared/protocol';
import { appendChange } from '../db/change-log';
import type { HubDb } from '../db/connection';
import { readBroadcast } from '../db/broadcasts';
import { saveDeskAlert } from '../db/desk-alerts';

/** Logs the broadcast as it now stands (core and every channel), in the caller's transaction. */
export function logBroadcast(db: HubDb, at: number, id: string): Broadcast | null {
  const broadcast = readBroadcast(db, id);
  if (broadcast === null) return null;
  appendChange(db, { entity: 'broadcast', data: broadcast }, at);
  return broadcast;
}

export function putDeskAlert(db: HubDb, at: number, alert: DeskAlert): number {
  saveDeskAlert(db, alert);
  return appendChange(db, { entity: 'desk-alert', data: alert }, at);
}
