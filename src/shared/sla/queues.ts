import { z } from 'zod';

/**
 * The desk's standard queues. The hub routes into these ids (`src/hub/routing.ts` builds its
 * queues from them) and the SLA policy file must give each of them targets, so both sides
 * agree on the spelling.
 */
export const QUEUE_IDS = {
  emergency: 'emergency',
  crime: 'crime',
  /** Domestic abuse, sexual offences, missing people. */
  safeguarding: 'safeguarding',
  intelligence: 'intelligence',
  updates: 'updates',
  /** Advice and general enquiries, fraud signposting, complaints. */
  general: 'general',
} as const;

/** The standard queue ids in the order the desk and reports list them. */
export const STANDARD_QUEUE_IDS = [
  QUEUE_IDS.emergency,
  QUEUE_IDS.crime,
  QUEUE_IDS.safeguarding,
  QUEUE_IDS.intelligence,
  QUEUE_IDS.updates,
  QUEUE_IDS.general,
] as const;

export const standardQueueIdSchema = z.enum(STANDARD_QUEUE_IDS);
export type StandardQueueId = z.infer<typeof standardQueueIdSchema>;
