import type { SlaStateName } from './clocks';

/** The fields of a hub-computed SLA status that the live state is derived from. */
export interface LiveSlaFields {
  readonly state: SlaStateName;
  readonly dueAt: number | null;
  readonly warnAt: number | null;
  readonly breachedAt: number | null;
}

/**
 * A conversation's SLA state at hub time `hubNow`, from the status the hub last computed.
 * While a clock runs the hub only writes a new status when something changes, so the
 * console moves it on itself: at risk from `warnAt`, breached once past `dueAt`. A
 * breach never goes back; paused and `none` clocks do not move.
 */
export function liveSlaState(status: LiveSlaFields, hubNow: number): SlaStateName {
  if (status.state === 'none' || status.state === 'paused' || status.state === 'breached')
    return status.state;
  if (status.breachedAt !== null) return 'breached';
  if (status.dueAt !== null && hubNow > status.dueAt) return 'breached';
  if (status.warnAt !== null && hubNow >= status.warnAt) return 'at-risk';
  return status.state;
}
