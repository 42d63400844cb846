import { z } from 'zod';
import { cannedIdSchema } from '../canned/responses';
import { epochMsSchema, idSchema } from '../domain/entities';
import { platformSchema } from '../domain/enums';
import { moderationActionSchema, moderationReasonSchema } from '../moderation/reasons';

export const moderationFlagSchema = z.enum([
  'profanity',
  'hateful',
  'abusive',
  'spam',
  'impersonation',
  'personal-details',
  'crime-in-comment',
]);

/** Whether the platform has caught up with what the desk decided. */
export const platformSyncSchema = z.enum(['none', 'pending', 'done', 'failed']);
export type PlatformSync = z.infer<typeof platformSyncSchema>;

/**
 * The moderation state of ONE public comment (an inbound message in a `comment`
 * conversation; the id is that message's id). It carries no comment text, so it is the
 * same for every console; the text stays on the message, redacted where it must be.
 */
export const commentModerationSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  contactId: idSchema,
  platform: platformSchema,
  state: z.enum(['visible', 'hidden', 'deleted']),
  /** `pending`: someone must look (auto-hidden or flagged); `done` once a person acted. */
  review: z.enum(['none', 'pending', 'done']),
  flags: z.array(moderationFlagSchema),
  autoHidden: z.boolean(),
  suggestedReason: moderationReasonSchema.nullable(),
  suggestedCanned: cannedIdSchema.nullable(),
  /** The last action and its reason; null until someone (or the auto-hide) acted. */
  lastAction: moderationActionSchema.nullable(),
  reason: moderationReasonSchema.nullable(),
  actorId: idSchema.nullable(),
  actedAt: epochMsSchema.nullable(),
  platformSync: platformSyncSchema,
  platformError: z.string().max(1000).nullable(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type CommentModeration = z.infer<typeof commentModerationSchema>;

/** An account blocked from the page or account it commented on (id = the contact id). */
export const blockedAccountSchema = z.object({
  id: idSchema,
  platform: platformSchema,
  reason: moderationReasonSchema,
  blockedBy: idSchema,
  blockedAt: epochMsSchema,
  /** The comment that led to the block, for the record. */
  messageId: idSchema.nullable(),
  platformSync: platformSyncSchema,
  platformError: z.string().max(1000).nullable(),
});
export type BlockedAccount = z.infer<typeof blockedAccountSchema>;

// The same bounds as a reply body; defined here because operations.ts imports this module.
export const moderateOperationSchema = z.object({
  type: z.literal('moderate'),
  conversationId: idSchema,
  /** The inbound comment acted on. */
  messageId: idSchema,
  action: moderationActionSchema,
  reason: moderationReasonSchema,
  /** Text for `reply` (required) and `ask-private` (default: the canned request, in their language). */
  body: z.string().trim().min(1).max(10000).optional(),
});

export const moderationOperationSchemas = [moderateOperationSchema] as const;
