import { z } from 'zod';
import { epochMsSchema, idSchema, operatorSchema, queueSchema } from '../../domain/entities';
import { categorySchema, languageSchema, prioritySchema } from '../../domain/enums';
import { activitySchema, shiftSchema } from '../../protocol/entities-leads';
import { channel } from '../channel';

const riskSchema = z.enum(['none', 'ok', 'at-risk', 'breached']);

/** One conversation as a card on the board (what a lead needs to decide where it goes). */
export const boardItemSchema = z.object({
  id: idSchema,
  queueId: idSchema,
  assigneeId: idSchema.nullable(),
  contactName: z.string(),
  preview: z.string(),
  category: categorySchema,
  priority: prioritySchema,
  language: languageSchema,
  confidential: z.boolean(),
  status: z.enum(['open', 'waiting-on-public']),
  awaitingFirstResponse: z.boolean(),
  waitingSince: epochMsSchema,
  responseDueAt: epochMsSchema.nullable(),
  risk: riskSchema,
  /** A local action on it is not yet acknowledged by the hub. */
  pending: z.boolean(),
});
export type BoardItem = z.infer<typeof boardItemSchema>;

export const boardOperatorRowSchema = z.object({
  operator: operatorSchema,
  /** The roster entry covering now, if any. */
  shift: shiftSchema.nullable(),
  held: z.number().int().nonnegative(),
  awaitingFirstResponse: z.number().int().nonnegative(),
  atRisk: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  oldestHeldSince: epochMsSchema.nullable(),
  lastAction: activitySchema.nullable(),
  items: z.array(boardItemSchema),
});
export type BoardOperatorRow = z.infer<typeof boardOperatorRowSchema>;

export const boardQueueRowSchema = z.object({
  queue: queueSchema,
  depth: z.number().int().nonnegative(),
  unassigned: z.number().int().nonnegative(),
  oldestWaitingSince: epochMsSchema.nullable(),
  atRisk: z.number().int().nonnegative(),
  /** Unassigned work in this queue, oldest first (capped), to drag onto an operator. */
  items: z.array(boardItemSchema),
});
export type BoardQueueRow = z.infer<typeof boardQueueRowSchema>;

export const workloadBoardSchema = z.object({
  hubNow: epochMsSchema,
  /** Emergencies nobody holds: always first on the board. */
  unclaimedEmergencies: z.array(boardItemSchema),
  operators: z.array(boardOperatorRowSchema),
  queues: z.array(boardQueueRowSchema),
  /** Inbound messages per 15 minutes since the shift began, oldest bucket first. */
  trend: z.object({
    from: epochMsSchema,
    bucketMs: z.number().int().positive(),
    counts: z.array(z.number().int()),
  }),
  /** Everyone who can be put on the roster, by name. */
  staff: z.array(operatorSchema),
  /** Every standing roster entry, earliest first. */
  roster: z.array(shiftSchema),
});
export type WorkloadBoard = z.infer<typeof workloadBoardSchema>;

export const leadsChannels = {
  /** The workload board, computed from the local cache: never waits on the hub. */
  'leads.board': channel(z.undefined(), workloadBoardSchema),
};
