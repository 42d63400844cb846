import type { BroadcastRow, DeskAlertRow } from '../shared/ipc/channels/broadcasts';
import type { Operation } from '../shared/protocol/operations';
import { applyToBroadcast } from './cache/optimistic';
import { listCachedBroadcasts, listCachedDeskAlerts } from './db/broadcasts';
import type { CacheDb } from './db/handle';
import { listOutbox, listOutboxOfTypes } from './db/outbox';

/**
 * Broadcasts newest first, each marked when this console still has an action on it in
 * flight, and shown with this console's saves not yet confirmed applied in order (a photo's
 * new description shows at once, offline too).
 */
export function broadcastRows(db: CacheDb, me: string | null): BroadcastRow[] {
  const pending = new Map<string, Operation[]>();
  if (me !== null) {
    for (const row of listOutbox(db, me)) {
      if ('broadcastId' in row.op)
        pending.set(row.op.broadcastId, [...(pending.get(row.op.broadcastId) ?? []), row.op]);
    }
  }
  return listCachedBroadcasts(db, 500).map((cached) => {
    const ops = pending.get(cached.id);
    return {
      broadcast: ops === undefined ? cached : ops.reduce((b, op) => applyToBroadcast(b, op), cached),
      pending: ops !== undefined,
    };
  });
}

/**
 * Desk alerts newest first. An acknowledgement made here counts at once (it is in the
 * outbox), so the banner goes away even while the hub is out of reach.
 */
export function deskAlertRows(db: CacheDb, me: string | null, hubNow: number): DeskAlertRow[] {
  const ackedHere = new Set<string>();
  if (me !== null) {
    for (const row of listOutboxOfTypes(db, me, ['desk-alert-ack']))
      if (row.op.type === 'desk-alert-ack') ackedHere.add(row.op.alertId);
  }
  return listCachedDeskAlerts(db, 200).map((alert) => ({
    alert,
    ackedByMe: ackedHere.has(alert.id) || (me !== null && alert.acks.some((a) => a.operatorId === me)),
    active: alert.cancelledAt === null && alert.expiresAt > hubNow,
  }));
}
