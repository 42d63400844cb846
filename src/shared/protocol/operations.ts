import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import { operatorStatusSchema } from '../domain/enums';
import { seqSchema } from './changes';
import { accountOperationSchemas } from './entities-accounts';
import { broadcastOperationSchemas } from './entities-broadcasts';
import { moderationOperationSchemas } from './entities-moderation';
import { leadOperationSchemas } from './entities-leads';
import { slaOperationSchemas } from './entities-sla';

export const replyBodySchema = z.string().trim().min(1).max(10000);

/**
 * What an operator or lead asks the hub to do. These are the inputs the UI gives; the
 * engine wraps each in an {@link Operation} envelope before it enters the outbox.
 */
export const operationInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claim'), conversationId: idSchema }),
  z.object({ type: z.literal('release'), conversationId: idSchema }),
  z.object({ type: z.literal('reply'), conversationId: idSchema, body: replyBodySchema }),
  z.object({ type: z.literal('note'), conversationId: idSchema, body: replyBodySchema }),
  z.object({ type: z.literal('resolve'), conversationId: idSchema }),
  z.object({ type: z.literal('reopen'), conversationId: idSchema }),
  z.object({ type: z.literal('mark-waiting'), conversationId: idSchema }),
  /**
   * The operator opened a confidential conversation. It travels through the outbox like any
   * action so an opening made offline still reaches the audit log on reconnect.
   */
  z.object({ type: z.literal('open'), conversationId: idSchema }),
  z.object({
    type: z.literal('set-status'),
    status: operatorStatusSchema.exclude(['offline']),
  }),
  z.object({
    type: z.literal('reassign'),
    conversationIds: z.array(idSchema).min(1).max(500),
    /** null sends the conversations back to their queue. */
    toOperatorId: idSchema.nullable(),
    reason: z.string().max(500).optional(),
  }),
  ...broadcastOperationSchemas,
  ...moderationOperationSchemas,
  ...leadOperationSchemas,
  ...slaOperationSchemas,
  ...accountOperationSchemas,
]);
export type OperationInput = z.infer<typeof operationInputSchema>;
export type OperationType = OperationInput['type'];

/**
 * The envelope every console action travels in. `opId` makes it idempotent at the hub;
 * `consoleSeq` orders one console's actions; `seenSeq` is the hub sequence the operator
 * was looking at, so the hub can tell an offline action from a current one.
 */
export const operationSchema = z.intersection(
  z.object({
    opId: z.uuid(),
    consoleId: z.uuid(),
    consoleSeq: z.number().int().min(1),
    seenSeq: seqSchema,
    createdAt: epochMsSchema,
  }),
  operationInputSchema,
);
export type Operation = z.infer<typeof operationSchema>;

export const rejectionCodeSchema = z.enum(['not-found', 'forbidden', 'conflict', 'invalid']);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

/**
 * The hub's answer to an operation. A repeated opId gets the answer recorded the first
 * time, so a console that resends after a crash learns the same outcome.
 */
export const operationAckSchema = z.discriminatedUnion('outcome', [
  z.object({
    opId: z.uuid(),
    outcome: z.literal('accepted'),
    /** Hub sequence once the effect is in the change log (null when it changed nothing). */
    seq: seqSchema.nullable(),
    /** Set when the hub applied the action differently, e.g. a reply kept as a note. */
    notice: z.string().max(2000).optional(),
    hubTime: epochMsSchema,
  }),
  z.object({
    opId: z.uuid(),
    outcome: z.literal('rejected'),
    code: rejectionCodeSchema,
    reason: z.string().max(2000),
    hubTime: epochMsSchema,
  }),
]);
export type OperationAck = z.infer<typeof operationAckSchema>;
