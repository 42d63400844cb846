import type { Activity, Shift } from '../shared/protocol';
import { saveActivity } from './db/activity';
import { appendChange } from './db/change-log';
import type { HubDb } from './db/connection';
import { saveShift } from './db/shifts';

// Like record.ts: one whole row written and logged in the caller's transaction.

export function putShift(db: HubDb, at: number, shift: Shift): number {
  saveShift(db, shift);
  return appendChange(db, { entity: 'shift', data: shift }, at);
}

export function putActivity(db: HubDb, at: number, activity: Activity): number {
  saveActivity(db, activity);
  return appendChange(db, { entity: 'activity', data: activity }, at);
}
