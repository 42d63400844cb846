import type { Category, Priority, Queue } from '../shared/domain';
import type { TriageResult } from '../shared/triage';

/** The desk's queues. Ids are stable: routing and consoles refer to them. */
export const DEFAULT_QUEUES: readonly Queue[] = [
  { id: 'emergency', name: 'Emergency', nameCy: 'Argyfwng', autoAssign: false },
  { id: 'crime', name: 'Crime reports', nameCy: 'Adroddiadau trosedd', autoAssign: false },
  { id: 'safeguarding', name: 'Safeguarding', nameCy: 'Diogelu', autoAssign: false },
  { id: 'intelligence', name: 'Intelligence', nameCy: 'Gwybodaeth', autoAssign: false },
  { id: 'updates', name: 'Update requests', nameCy: 'Ceisiadau am ddiweddariad', autoAssign: false },
  { id: 'general', name: 'General enquiries', nameCy: 'Ymholiadau cyffredinol', autoAssign: false },
];

const QUEUE_BY_CATEGORY: Readonly<Record<Category, string>> = {
  emergency: 'emergency',
  'crime-report': 'crime',
  'stolen-vehicle': 'crime',
  'road-traffic': 'crime',
  'anti-social-behaviour': 'crime',
  'fraud-cyber': 'general',
  'domestic-abuse': 'safeguarding',
  'sexual-offence': 'safeguarding',
  'missing-person': 'safeguarding',
  intelligence: 'intelligence',
  'update-request': 'updates',
  complaint: 'general',
  'general-enquiry': 'general',
};

const ALWAYS_CONFIDENTIAL: ReadonlySet<Category> = new Set<Category>(['intelligence', 'sexual-offence']);

export interface Route {
  readonly queueId: string;
  readonly priority: Priority;
  readonly confidential: boolean;
}

export function queueFor(category: Category): string {
  return QUEUE_BY_CATEGORY[category];
}

/** Emergencies go to their own queue at urgent priority whatever triage guessed. */
export function route(result: TriageResult): Route {
  const category: Category = result.emergency ? 'emergency' : result.category;
  return {
    queueId: queueFor(category),
    priority: category === 'emergency' ? 'urgent' : result.priority,
    confidential: result.confidential || ALWAYS_CONFIDENTIAL.has(category),
  };
}

const RANK: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function higherPriority(a: Priority, b: Priority): Priority {
  return RANK[a] <= RANK[b] ? a : b;
}
