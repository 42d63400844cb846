import type { Category, Priority, Queue } from '../shared/domain';
import { QUEUE_IDS } from '../shared/sla/queues';
import type { TriageResult } from '../shared/triage';

/** The desk's queues. Ids are stable: routing and consoles refer to them. */
export const DEFAULT_QUEUES: readonly Queue[] = [
  { id: QUEUE_IDS.emergency, name: 'Emergency', nameCy: 'Argyfwng', autoAssign: false },
  { id: QUEUE_IDS.crime, name: 'Crime reports', nameCy: 'Adroddiadau trosedd', autoAssign: false },
  { id: QUEUE_IDS.safeguarding, name: 'Safeguarding', nameCy: 'Diogelu', autoAssign: false },
  { id: QUEUE_IDS.intelligence, name: 'Intelligence', nameCy: 'Gwybodaeth', autoAssign: false },
  { id: QUEUE_IDS.updates, name: 'Update requests', nameCy: 'Ceisiadau am ddiweddariad', autoAssign: false },
  { id: QUEUE_IDS.general, name: 'General enquiries', nameCy: 'Ymholiadau cyffredinol', autoAssign: false },
];

const QUEUE_BY_CATEGORY: Readonly<Record<Category, string>> = {
  emergency: QUEUE_IDS.emergency,
  'crime-report': QUEUE_IDS.crime,
  'stolen-vehicle': QUEUE_IDS.crime,
  'road-traffic': QUEUE_IDS.crime,
  'anti-social-behaviour': QUEUE_IDS.crime,
  'fraud-cyber': QUEUE_IDS.general,
  'domestic-abuse': QUEUE_IDS.safeguarding,
  'sexual-offence': QUEUE_IDS.safeguarding,
  'missing-person': QUEUE_IDS.safeguarding,
  intelligence: QUEUE_IDS.intelligence,
  'update-request': QUEUE_IDS.updates,
  complaint: QUEUE_IDS.general,
  'general-enquiry': QUEUE_IDS.general,
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
