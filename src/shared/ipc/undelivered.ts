import { z } from 'zod';
import { noticeSchema, type Notice } from '../protocol/changes';
import { rejectionCodeSchema } from '../protocol/operations';

/** The `action.outcome` event: the hub's answer to one of this operator's actions. */
export const actionOutcomeSchema = z.object({
  opId: z.uuid(),
  type: z.string(),
  outcome: z.enum(['accepted', 'rejected']),
  reason: z.string().optional(),
  /** Why the hub refused, as a code the console can put in the operator's language. */
  code: rejectionCodeSchema.optional(),
  notice: z.string().optional(),
});
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/**
 * An event the operator must see (a refused action, a notice to them), as the engine keeps
 * it until the window confirms it was shown (`notices.shown`). Sent live as well: an event
 * raised while no window listens (start-up, a reload, a closed browser tab) would otherwise
 * be gone.
 */
export const undeliveredSchema = z.discriminatedUnion('event', [
  z.object({ key: z.string().min(1).max(300), event: z.literal('notice'), payload: noticeSchema }),
  z.object({
    key: z.string().min(1).max(300),
    event: z.literal('action.outcome'),
    payload: actionOutcomeSchema,
  }),
]);
export type Undelivered = z.infer<typeof undeliveredSchema>;

/** The key an event is kept under: the window confirms a live event it showed by this key. */
export const noticeKey = (notice: { id: string }): string => `notice:${notice.id}`;
export const outcomeKey = (outcome: { opId: string }): string => `outcome:${outcome.opId}`;

export const undeliveredNotice = (notice: Notice): Undelivered => ({
  key: noticeKey(notice),
  event: 'notice',
  payload: notice,
});
export const undeliveredOutcome = (outcome: ActionOutcome): Undelivered => ({
  key: outcomeKey(outcome),
  event: 'action.outcome',
  payload: outcome,
});
