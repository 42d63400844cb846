import type { Category } from '../shared/domain';

const MINUTE = 60_000;

/**
 * First-response targets per category. Deliberately simple: the SLA engine replaces this
 * module, and nothing else in the hub knows the numbers.
 */
export function firstResponseTargetMs(category: Category): number {
  switch (category) {
    case 'emergency':
      return 2 * MINUTE;
    case 'crime-report':
    case 'intelligence':
    case 'domestic-abuse':
    case 'sexual-offence':
    case 'missing-person':
    case 'stolen-vehicle':
    case 'road-traffic':
    case 'anti-social-behaviour':
      return 15 * MINUTE;
    case 'update-request':
      return 4 * 60 * MINUTE;
    case 'fraud-cyber':
    case 'complaint':
    case 'general-enquiry':
      return 60 * MINUTE;
  }
}

/** When the next response is owed, keeping an earlier deadline that is already running. */
export function responseDueAt(category: Category, inboundAt: number, currentDue: number | null): number {
  const due = inboundAt + firstResponseTargetMs(category);
  return currentDue === null ? due : Math.min(currentDue, due);
}
