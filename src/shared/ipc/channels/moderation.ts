import { z } from 'zod';
import { epochMsSchema, idSchema } from '../../domain/entities';
import { conversationKindSchema, languageSchema, platformSchema } from '../../domain/enums';
import { commentModerationSchema } from '../../protocol/entities-moderation';
import { channel } from '../channel';

/** One emergency nobody has claimed yet, as the alert banner shows it. */
export const emergencyItemSchema = z.object({
  conversationId: idSchema,
  platform: platformSchema,
  kind: conversationKindSchema,
  language: languageSchema,
  contactName: z.string(),
  /** Empty when the reader is not cleared for this confidential conversation. */
  preview: z.string(),
  confidential: z.boolean(),
  firstInboundAt: epochMsSchema,
});
export type EmergencyItem = z.infer<typeof emergencyItemSchema>;

/**
 * What the emergency alert should be doing on this console. `alerting` (sound and
 * notification) only while this operator is available; the banner shows to everyone.
 */
export const emergencyStateSchema = z.object({
  emergencies: z.array(emergencyItemSchema),
  alerting: z.boolean(),
});
export type EmergencyState = z.infer<typeof emergencyStateSchema>;

export const moderationFilterSchema = z.enum(['review', 'hidden', 'flagged', 'all']);
export type ModerationFilterName = z.infer<typeof moderationFilterSchema>;

export const moderationItemSchema = z.object({
  moderation: commentModerationSchema,
  /** The comment text; '' and `redacted` when the reader is not cleared for it. */
  body: z.string(),
  redacted: z.boolean(),
  contactName: z.string(),
  language: languageSchema,
  confidential: z.boolean(),
  /** The commenter is blocked from the page or account. */
  blocked: z.boolean(),
  /** False when the platform will not let the force hide it (an X post that answers nobody). */
  hideable: z.boolean(),
  /** This operator's action on it is not yet confirmed by the hub. */
  pending: z.boolean(),
});
export type ModerationItem = z.infer<typeof moderationItemSchema>;

export const moderationListSchema = z.object({
  items: z.array(moderationItemSchema),
  counts: z.object({
    review: z.number().int().nonnegative(),
    hidden: z.number().int().nonnegative(),
    flagged: z.number().int().nonnegative(),
  }),
});
export type ModerationList = z.infer<typeof moderationListSchema>;

export const moderationChannels = {
  /** Unclaimed emergencies from the cache: a reloaded page resumes the alert from here. */
  'emergencies.get': channel(z.undefined(), emergencyStateSchema),
  'moderation.list': channel(
    z.object({ filter: moderationFilterSchema, limit: z.number().int().min(1).max(500).default(200) }),
    moderationListSchema,
  ),
  /** The moderated or flagged comments of one conversation, for the thread. */
  'moderation.forConversation': channel(
    z.object({ conversationId: idSchema }),
    z.array(moderationItemSchema),
  ),
};
