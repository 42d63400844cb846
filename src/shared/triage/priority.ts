import type { Category, Priority } from '../domain/enums';

/**
 * Urgent only for emergencies. High where a person is at risk of harm even when
 * not in immediate danger. Low for enquiries and complaints, which have their own
 * channels and no victim waiting.
 */
export function priorityFor(category: Category, emergency: boolean): Priority {
  if (emergency) return 'urgent';
  switch (category) {
    case 'domestic-abuse':
    case 'missing-person':
    case 'sexual-offence':
      return 'high';
    case 'general-enquiry':
    case 'complaint':
      return 'low';
    default:
      return 'normal';
  }
}

/** Only cleared staff read intelligence and sexual-offence reports. */
export function isConfidential(category: Category, topic: Category): boolean {
  const sensitive = (c: Category): boolean => c === 'intelligence' || c === 'sexual-offence';
  return sensitive(category) || sensitive(topic);
}
