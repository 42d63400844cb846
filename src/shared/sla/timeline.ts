import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import { conversationStatusSchema, prioritySchema } from '../domain/enums';

/**
 * One thing that happened to a conversation, as far as its SLA clocks care. Times are hub
 * time. Notes are not events: they are internal and answer nobody.
 *
 * - `inbound`: the public wrote. It also makes the conversation active again, so a
 *   conversation waiting on the public, or resolved, is open from this moment.
 * - `outbound`: a response to the public (reply or public comment).
 * - `status`: an operator set open / waiting-on-public / resolved.
 * - `reopened`: an operator reopened a resolved conversation (same as status `open`).
 * - `queue`, `priority`: the conversation moved queue or changed priority.
 */
export const slaEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('inbound'), at: epochMsSchema }),
  z.strictObject({ type: z.literal('outbound'), at: epochMsSchema }),
  z.strictObject({ type: z.literal('status'), at: epochMsSchema, status: conversationStatusSchema }),
  z.strictObject({ type: z.literal('reopened'), at: epochMsSchema }),
  z.strictObject({ type: z.literal('queue'), at: epochMsSchema, queueId: idSchema }),
  z.strictObject({ type: z.literal('priority'), at: epochMsSchema, priority: prioritySchema }),
]);
export type SlaEvent = z.infer<typeof slaEventSchema>;

/**
 * What the SLA arithmetic knows about a conversation: the queue and priority it started
 * with and its events. It has no language field on purpose (Welsh and English share
 * targets) and is strict, so a timeline built by spreading a conversation is rejected.
 * Events need not be sorted; events with equal times keep their order.
 */
export const slaTimelineSchema = z.strictObject({
  queueId: idSchema,
  priority: prioritySchema,
  events: z.array(slaEventSchema),
});
export type SlaTimeline = z.infer<typeof slaTimelineSchema>;
