import type { Conversation } from '../domain/entities';
import { liveSlaState, type LiveSlaFields } from '../sla/live';

/** Due within this long counts as at risk, however long the target. */
export const AT_RISK_FLOOR_MS = 5 * 60_000;
/** ...and so does the last quarter of a long target. */
export const AT_RISK_FRACTION = 0.25;

export type DueRisk = 'none' | 'ok' | 'at-risk' | 'breached';

type RiskFields = Pick<
  Conversation,
  'status' | 'responseDueAt' | 'firstInboundAt' | 'firstResponseAt' | 'lastInboundAt'
>;

/**
 * When the running response clock started. Before the first reply it is the first
 * message; after one, the earliest unanswered message is not on the row, so the latest is
 * used: that can only shrink the at-risk window, never the 5-minute floor.
 */
export const clockStartOf = (c: RiskFields): number =>
  c.firstResponseAt === null ? c.firstInboundAt : c.lastInboundAt;

/**
 * The one rule for "at risk" and "breached", shared by the queue rail, the conversation
 * list and the workload board so they never disagree: breached once past due (hub time);
 * at risk when due within 5 minutes or within the last 25% of its target.
 */
export function dueRisk(c: RiskFields, hubNow: number): DueRisk {
  if (c.status !== 'open' || c.responseDueAt === null) return 'none';
  return riskAt(c.responseDueAt, clockStartOf(c), hubNow);
}

/** The same rule for a bare due time and the moment its clock started. */
export function riskAt(dueAt: number, startedAt: number, hubNow: number): Exclude<DueRisk, 'none'> {
  const left = dueAt - hubNow;
  if (left < 0) return 'breached';
  const target = Math.max(0, dueAt - startedAt);
  return left <= Math.max(AT_RISK_FLOOR_MS, target * AT_RISK_FRACTION) ? 'at-risk' : 'ok';
}

/**
 * At risk or breached as every screen should show it: from the hub's SLA status (the
 * policy's own warning point) when the cache has one, otherwise the estimate above.
 */
export function conversationRisk(c: RiskFields, status: LiveSlaFields | undefined, hubNow: number): DueRisk {
  if (c.status !== 'open') return 'none';
  if (status === undefined) return dueRisk(c, hubNow);
  const state = liveSlaState(status, hubNow);
  return state === 'paused' ? 'none' : state;
}
