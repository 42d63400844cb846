import { z } from 'zod';
import {
  categorySchema,
  conversationKindSchema,
  conversationStatusSchema,
  languageSchema,
  messageDirectionSchema,
  operatorStatusSchema,
  platformSchema,
  prioritySchema,
  roleSchema,
  skillSchema,
} from './enums';

/** Every timestamp on the wire and on disk is epoch milliseconds in hub time. */
export const epochMsSchema = z.number().int().nonnegative();
/** The longest message body and contact name the desk stores; longer text is cut to fit. */
export const MAX_MESSAGE_TEXT = 20_000;
export const MAX_CONTACT_NAME = 200;

export const idSchema = z.string().min(1).max(200);

export const queueSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  nameCy: z.string().min(1).max(100),
  /** When on, the hub hands the oldest waiting conversation to the best available operator. */
  autoAssign: z.boolean(),
});
export type Queue = z.infer<typeof queueSchema>;

export const operatorSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  role: roleSchema,
  skills: z.array(skillSchema),
  status: operatorStatusSchema,
  statusSince: epochMsSchema,
  /** Maximum concurrent conversations; the assignment rule never exceeds it. */
  capacity: z.number().int().min(1).max(100),
  /** Present (true) only while an administrator has the account switched off. */
  disabled: z.literal(true).optional(),
});
export type Operator = z.infer<typeof operatorSchema>;

export const contactSchema = z.object({
  id: idSchema,
  platform: platformSchema,
  platformUserId: z.string().min(1).max(200),
  displayName: z.string().max(MAX_CONTACT_NAME),
  language: languageSchema,
  /** The name is withheld from this console: the person has a confidential conversation. */
  redacted: z.boolean().optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const conversationSchema = z.object({
  id: idSchema,
  platform: platformSchema,
  kind: conversationKindSchema,
  contactId: idSchema,
  queueId: idSchema,
  status: conversationStatusSchema,
  assigneeId: idSchema.nullable(),
  /** A claim is a lease: the hub lets it lapse when the holder stays disconnected too long. */
  leaseExpiresAt: epochMsSchema.nullable(),
  priority: prioritySchema,
  language: languageSchema,
  category: categorySchema,
  confidential: z.boolean(),
  /** Short text for the list; empty for confidential conversations the reader is not cleared for. */
  preview: z.string().max(500),
  triageReasons: z.array(z.string().max(500)),
  firstInboundAt: epochMsSchema,
  firstResponseAt: epochMsSchema.nullable(),
  lastInboundAt: epochMsSchema,
  lastResponseAt: epochMsSchema.nullable(),
  /** When the next response is due (SLA), or null when nothing is owed to the public. */
  responseDueAt: epochMsSchema.nullable(),
  updatedAt: epochMsSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  direction: messageDirectionSchema,
  /** Operator id for outbound messages and notes; null for the public. */
  authorId: idSchema.nullable(),
  /** Redacted to '' for confidential conversations the reader is not cleared for. */
  body: z.string().max(MAX_MESSAGE_TEXT),
  redacted: z.boolean(),
  platformMessageId: z.string().max(200).nullable(),
  createdAt: epochMsSchema,
  /**
   * False for a public comment the platform will not let the force hide: an X post that
   * answers nobody (a mention), since X hides only replies. Absent: it may be hidden.
   */
  hideable: z.literal(false).optional(),
});
export type Message = z.infer<typeof messageSchema>;
