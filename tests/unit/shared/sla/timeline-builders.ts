import type { Priority } from '../../../../src/shared/domain';
import type { SlaEvent, SlaTimeline } from '../../../../src/shared/sla';

export const inbound = (at: number): SlaEvent => ({ type: 'inbound', at });
export const outbound = (at: number): SlaEvent => ({ type: 'outbound', at });
export const waiting = (at: number): SlaEvent => ({ type: 'status', at, status: 'waiting-on-public' });
export const opened = (at: number): SlaEvent => ({ type: 'status', at, status: 'open' });
export const resolved = (at: number): SlaEvent => ({ type: 'status', at, status: 'resolved' });
export const reopened = (at: number): SlaEvent => ({ type: 'reopened', at });
export const moved = (at: number, queueId: string): SlaEvent => ({ type: 'queue', at, queueId });
export const prioritised = (at: number, priority: Priority): SlaEvent => ({ type: 'priority', at, priority });

export function timeline(queueId: string, events: SlaEvent[], priority: Priority = 'normal'): SlaTimeline {
  return { queueId, priority, events };
}
