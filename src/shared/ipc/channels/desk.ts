import { z } from 'zod';
import {
  contactSchema,
  conversationSchema,
  epochMsSchema,
  idSchema,
  messageSchema,
  operatorSchema,
  queueSchema,
} from '../../domain/entities';
import { conversationStatusSchema, languageSchema, platformSchema, prioritySchema } from '../../domain/enums';
import { operationInputSchema } from '../../protocol/operations';
import { channel } from '../channel';
import { undeliveredSchema } from '../undelivered';

export const connectionStateSchema = z.object({
  status: z.enum(['signed-out', 'connecting', 'online', 'offline']),
  /** When the current status began (offline since hh:mm). */
  since: epochMsSchema.nullable(),
  pendingActions: z.number().int().nonnegative(),
  /** Actions this version could not read, set aside unsent (outbox_quarantine): tell IT. */
  setAsideActions: z.number().int().nonnegative(),
  lastSyncAt: epochMsSchema.nullable(),
  /** hub time = local time + clockOffsetMs */
  clockOffsetMs: z.number(),
  lastSeq: z.number().int().nonnegative(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const queueSummarySchema = z.object({
  queue: queueSchema,
  open: z.number().int().nonnegative(),
  unassigned: z.number().int().nonnegative(),
  atRisk: z.number().int().nonnegative(),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

export const conversationFilterSchema = z.object({
  mine: z.boolean().optional(),
  unassigned: z.boolean().optional(),
  queueId: idSchema.optional(),
  platform: platformSchema.optional(),
  language: languageSchema.optional(),
  status: conversationStatusSchema.optional(),
  priority: prioritySchema.optional(),
  /** Full-text search over cached message bodies (FTS5 in the engine). */
  search: z.string().trim().max(200).optional(),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

export const conversationListInputSchema = z.object({
  filter: conversationFilterSchema,
  sort: z.enum(['due', 'newest']).default('due'),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(500),
});
export type ConversationListInput = z.input<typeof conversationListInputSchema>;

export const conversationRowSchema = z.object({
  conversation: conversationSchema,
  contactName: z.string(),
  /** The hub withheld the name: the person has a confidential conversation. */
  contactWithheld: z.boolean(),
  assigneeName: z.string().nullable(),
  /** Local actions on it not yet acknowledged by the hub. */
  pending: z.boolean(),
});
export type ConversationRow = z.infer<typeof conversationRowSchema>;

export const conversationListSchema = z.object({
  total: z.number().int().nonnegative(),
  rows: z.array(conversationRowSchema),
});
export type ConversationList = z.infer<typeof conversationListSchema>;

export const threadMessageSchema = messageSchema.extend({
  authorName: z.string().nullable(),
  pending: z.boolean(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const conversationDetailSchema = z.object({
  conversation: conversationSchema,
  contact: contactSchema.nullable(),
  assigneeName: z.string().nullable(),
  messages: z.array(threadMessageSchema),
  /** The same contact's other conversations, newest first. */
  earlier: z.array(conversationSchema),
  /** Names of other operators who have it open now. */
  viewers: z.array(z.string()),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const deskChannels = {
  'sync.getState': channel(z.undefined(), connectionStateSchema),
  'queues.list': channel(z.undefined(), z.array(queueSummarySchema)),
  'operators.list': channel(z.undefined(), z.array(operatorSchema)),
  'conversations.list': channel(conversationListInputSchema, conversationListSchema),
  'conversations.get': channel(z.object({ id: idSchema }), conversationDetailSchema),
  /** Tells the desk what this operator has open (presence) and audits confidential opens. */
  'conversations.view': channel(z.object({ id: idSchema.nullable() }), z.null()),
  /**
   * Applies the action to the local cache at once and queues it for the hub in the same
   * transaction. The outcome arrives later as an `action.outcome` event.
   */
  'actions.submit': channel(operationInputSchema, z.object({ opId: z.uuid() })),
  /**
   * Refusals and notices the operator has not been shown yet, oldest first: a window asks on
   * opening, since those raised while it was not listening reached nobody.
   */
  'notices.pending': channel(z.undefined(), z.array(undeliveredSchema)),
  /** The window showed these (by their keys): they are not offered again. */
  'notices.shown': channel(z.object({ keys: z.array(z.string().min(1).max(300)).max(500) }), z.null()),
};
