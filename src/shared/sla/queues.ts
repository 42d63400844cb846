import { z } from 'zod';

/**
 * The desk's standard queues. The hub routes into these ids and the SLA policy file must
 * give each of them targets, so both sides agree on the spelling.
 */
export const QUEUE_IDS = {
  emergency: 'emergency',
  crime: 'crime',
  intelligence: 'intelligence',
  advice: 'advice',
  updates: 'updates',
  /** Public comments under the force's posts. */
  moderation: 'moderation',
} as const;

/** The standard queue ids in the order reports list them. */
export const STANDARD_QUEUE_IDS = [
  QUEUE_IDS.emergency,
  QUEUE_IDS.crime,
  QUEUE_IDS.intelligence,
  QUEUE_IDS.advice,
  QUEUE_IDS.updates,
  QUEUE_IDS.moderation,
] as const;

export const standardQueueIdSchema = z.enum(STANDARD_QUEUE_IDS);
export type StandardQueueId = z.infer<typeof standardQueueIdSchema>;
