import type { Operator } from '../shared/domain/entities';
import type { EventName, EventPayload } from '../shared/ipc/events';
import type { SlaEventRecord } from '../shared/protocol/entities-sla';
import { isLead } from '../shared/domain/clearance';

/** Alerts older than this (e.g. caught up after a long time offline) are history, not news. */
export const SLA_ALERT_MAX_AGE_MS = 12 * 60 * 60_000;

/**
 * Who hears about a breach: the operator whose work it is, and every lead and admin. At-risk
 * alerts reach the cache (and the countdowns) but interrupt nobody.
 */
export function slaAlertsFor(
  alerts: readonly SlaEventRecord[],
  me: Operator | null,
  hubNow: number,
): EventPayload<'sla.alert'>[] {
  if (me === null) return [];
  const lead = isLead(me);
  return alerts
    .filter((a) => a.kind === 'breached' && a.at >= hubNow - SLA_ALERT_MAX_AGE_MS)
    .filter((a) => a.assigneeId === me.id || lead)
    .map((a) => ({
      id: a.id,
      conversationId: a.conversationId,
      kind: a.kind,
      clock: a.clock,
      at: a.at,
      queueId: a.queueId,
      mine: a.assigneeId === me.id,
    }));
}

export function emitSlaAlerts(
  alerts: readonly SlaEventRecord[],
  me: Operator | null,
  hubNow: number,
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): void {
  for (const alert of slaAlertsFor(alerts, me, hubNow)) emit('sla.alert', alert);
}
