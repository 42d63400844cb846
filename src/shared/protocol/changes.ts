import { z } from 'zod';
import {
  contactSchema,
  conversationSchema,
  epochMsSchema,
  messageSchema,
  operatorSchema,
  queueSchema,
} from '../domain/entities';
import { broadcastSchema, deskAlertSchema } from './entities-broadcasts';
import { blockedAccountSchema, commentModerationSchema } from './entities-moderation';
import { activitySchema, shiftSchema } from './entities-leads';
import { slaEventRecordSchema, slaPolicyRecordSchema, slaStatusSchema } from './entities-sla';

/**
 * A notice is addressed to one operator: "your offline reply became a note because the
 * conversation was reassigned", "a lead moved conversation X to you". It travels in the
 * change log so an offline console still hears it on reconnect. An 'outbox-set-aside' notice
 * is raised by the console itself ("an action saved here could not be read by this version
 * and was not sent"); the hub never writes one.
 */
export const noticeSchema = z.object({
  id: z.string().min(1).max(200),
  operatorId: z.string().min(1).max(200),
  kind: z.enum(['reply-became-note', 'assigned-to-you', 'moved-from-you', 'outbox-set-aside', 'info']),
  conversationId: z.string().min(1).max(200).nullable(),
  text: z.string().max(2000),
  createdAt: epochMsSchema,
});
export type Notice = z.infer<typeof noticeSchema>;

/**
 * One entity as it now stands. The hub only ever writes whole rows, so applying
 * records in sequence order is idempotent and last-writer-wins by construction.
 */
export const entityRecordSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('queue'), data: queueSchema }),
  z.object({ entity: z.literal('operator'), data: operatorSchema }),
  z.object({ entity: z.literal('contact'), data: contactSchema }),
  z.object({ entity: z.literal('conversation'), data: conversationSchema }),
  z.object({ entity: z.literal('message'), data: messageSchema }),
  z.object({ entity: z.literal('notice'), data: noticeSchema }),
  z.object({ entity: z.literal('shift'), data: shiftSchema }),
  z.object({ entity: z.literal('activity'), data: activitySchema }),
  z.object({ entity: z.literal('broadcast'), data: broadcastSchema }),
  z.object({ entity: z.literal('desk-alert'), data: deskAlertSchema }),
  z.object({ entity: z.literal('comment-moderation'), data: commentModerationSchema }),
  z.object({ entity: z.literal('blocked-account'), data: blockedAccountSchema }),
  z.object({ entity: z.literal('sla-policy'), data: slaPolicyRecordSchema }),
  z.object({ entity: z.literal('sla-status'), data: slaStatusSchema }),
  z.object({ entity: z.literal('sla-event'), data: slaEventRecordSchema }),
]);
export type EntityRecord = z.infer<typeof entityRecordSchema>;
export type EntityName = EntityRecord['entity'];

export const seqSchema = z.number().int().nonnegative();

const changeHead = { seq: seqSchema.min(1), at: epochMsSchema };

/**
 * A record numbered by the hub's single increasing change sequence. Built as one union of
 * records with the sequence added, not as an intersection: zod parses both sides of an
 * intersection and then deep-merges the two results, which showed up in the profile of a
 * console catching up on 100,000 changes.
 */
const [firstChange, ...otherChanges] = entityRecordSchema.options.map((record) => record.extend(changeHead));
if (firstChange === undefined) throw new Error('there are no entity records');
export const changeSchema = z.discriminatedUnion('entity', [firstChange, ...otherChanges]);
export type Change = z.infer<typeof changeSchema>;

/**
 * A run of the change log as one console may see it. `after` is the hub sequence the
 * batch follows and `upTo` the last sequence it covers; changes the console may not see
 * are left out, so a batch can be empty and still advance the console to `upTo`.
 * A console whose last applied sequence is below `after` has a gap and must pull.
 */
export const changeBatchSchema = z.object({
  after: seqSchema,
  upTo: seqSchema,
  changes: z.array(changeSchema),
  /** Hub clock when the batch was sent, for the console's clock offset. */
  hubTime: epochMsSchema,
});
export type ChangeBatch = z.infer<typeof changeBatchSchema>;
