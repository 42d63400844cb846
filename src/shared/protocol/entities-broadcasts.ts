import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import { platformSchema } from '../domain/enums';

export const broadcastTemplateIdSchema = z.enum([
  'road-closure',
  'major-incident',
  'missing-appeal',
  'missing-found',
  'out-of-hours',
  'free',
]);
export type BroadcastTemplateId = z.infer<typeof broadcastTemplateIdSchema>;

/**
 * Where a broadcast is in its approval life. Publishing itself is told per channel, so a
 * broadcast stays `approved` while one channel has posted and another is retrying.
 */
export const broadcastStatusSchema = z.enum(['draft', 'pending', 'rejected', 'approved', 'retracted']);
export type BroadcastStatus = z.infer<typeof broadcastStatusSchema>;

/**
 * One channel's state. `uncertain`: the hub stopped while a post was in flight, so it may
 * or may not be live; a person checks the page before retrying (never posted twice unseen).
 */
export const channelStateSchema = z.enum([
  'idle',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'uncertain',
  'retracting',
  'retracted',
]);
export type ChannelState = z.infer<typeof channelStateSchema>;

/** A post within one channel: Facebook carries one bilingual post, X one post per language. */
export const postPartSchema = z.enum(['bilingual', 'cy', 'en']);
export type PostPart = z.infer<typeof postPartSchema>;

export const broadcastChannelStatusSchema = z.object({
  channel: platformSchema,
  state: channelStateSchema,
  /** What the channel will do next (or was doing when it failed). */
  action: z.enum(['publish', 'update', 'retract']).nullable(),
  dueAt: epochMsSchema.nullable(),
  posts: z.array(z.object({ part: postPartSchema, postId: z.string().max(200) })),
  publishedVersion: z.number().int().nonnegative().nullable(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().max(1000).nullable(),
  updatedAt: epochMsSchema,
});
export type BroadcastChannelStatus = z.infer<typeof broadcastChannelStatusSchema>;

export const broadcastImageInfoSchema = z.object({
  id: idSchema,
  name: z.string().max(200),
  mime: z.enum(['image/png', 'image/jpeg']),
  bytes: z.number().int().positive(),
  alt: z.string().max(1000),
});
export type BroadcastImageInfo = z.infer<typeof broadcastImageInfoSchema>;

export const broadcastVersionSchema = z.object({
  version: z.number().int().min(1),
  textEn: z.string().max(5000),
  textCy: z.string().max(5000),
  editedBy: idSchema,
  at: epochMsSchema,
});
export type BroadcastVersion = z.infer<typeof broadcastVersionSchema>;

export const broadcastEventSchema = z.object({
  kind: z.enum([
    'created',
    'edited',
    'submitted',
    'approved',
    'rejected',
    'emergency-published',
    'signed-off',
    'retried',
    'retracted',
    'channel-published',
    'channel-failed',
    'channel-retracted',
    'channel-uncertain',
  ]),
  by: idSchema.nullable(),
  at: epochMsSchema,
  version: z.number().int().nonnegative(),
  channel: platformSchema.nullable(),
  comment: z.string().max(2000),
});
export type BroadcastEvent = z.infer<typeof broadcastEventSchema>;

export const broadcastSchema = z.object({
  id: idSchema,
  templateId: broadcastTemplateIdSchema,
  title: z.string().max(200),
  textEn: z.string().max(5000),
  textCy: z.string().max(5000),
  channels: z.array(platformSchema),
  image: broadcastImageInfoSchema.nullable(),
  authorId: idSchema,
  /** Everyone who wrote the current version: none of them may approve it. */
  editors: z.array(idSchema),
  status: broadcastStatusSchema,
  version: z.number().int().min(1),
  publishAt: epochMsSchema.nullable(),
  approvedBy: idSchema.nullable(),
  approvedAt: epochMsSchema.nullable(),
  /** Published by one lead without a second approver: flagged until another lead signs off. */
  emergency: z.boolean(),
  signedOffBy: idSchema.nullable(),
  signedOffAt: epochMsSchema.nullable(),
  channelStatus: z.array(broadcastChannelStatusSchema),
  versions: z.array(broadcastVersionSchema),
  history: z.array(broadcastEventSchema),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Broadcast = z.infer<typeof broadcastSchema>;

export const alertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

export const deskAlertSchema = z.object({
  id: idSchema,
  text: z.string().max(1000),
  severity: alertSeveritySchema,
  createdBy: idSchema,
  createdAt: epochMsSchema,
  expiresAt: epochMsSchema,
  cancelledAt: epochMsSchema.nullable(),
  acks: z.array(z.object({ operatorId: idSchema, at: epochMsSchema })),
});
export type DeskAlert = z.infer<typeof deskAlertSchema>;

/** Limits shared by the renderer (checks before sending) and the hub (refuses). */
export const MAX_BROADCAST_IMAGE_BYTES = 600 * 1024;
export const BROADCAST_IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;

export const broadcastImageUploadSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mime: z.enum(BROADCAST_IMAGE_TYPES),
  alt: z.string().trim().max(1000),
  // base64 of at most MAX_BROADCAST_IMAGE_BYTES bytes
  base64: z
    .string()
    .max(Math.ceil(MAX_BROADCAST_IMAGE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});
export type BroadcastImageUpload = z.infer<typeof broadcastImageUploadSchema>;

const broadcastTextSchema = z.string().max(5000);

/**
 * The version a lead read before deciding: the hub refuses the decision if the broadcast has
 * a newer one (written while the lead was offline, or while the window stood open), since
 * nobody reviewed that text. Absent, as from older consoles, the current version is meant.
 */
const readVersionSchema = z.number().int().min(1).optional();

export const broadcastOperationSchemas = [
  /** Creates a draft or writes a new version of it (also of a published broadcast, as an update). */
  z.object({
    type: z.literal('broadcast-save'),
    broadcastId: idSchema,
    templateId: broadcastTemplateIdSchema,
    title: z.string().trim().max(200),
    textEn: broadcastTextSchema,
    textCy: broadcastTextSchema,
    channels: z.array(platformSchema).min(1).max(2),
    /** undefined keeps the current image, null removes it. */
    image: broadcastImageUploadSchema.nullable().optional(),
    /**
     * A new description for the image this broadcast already has, sent instead of the file
     * (a new file carries its own `alt`). It names the image it was written for: if that
     * photo was replaced or removed meanwhile, the hub refuses rather than describe another
     * picture. Absent (as from older consoles) leaves the description as it is.
     */
    imageAlt: z.object({ imageId: idSchema, alt: z.string().trim().max(1000) }).optional(),
  }),
  z.object({ type: z.literal('broadcast-submit'), broadcastId: idSchema }),
  z.object({
    type: z.literal('broadcast-approve'),
    broadcastId: idSchema,
    version: readVersionSchema,
    comment: z.string().trim().max(2000),
    /** null publishes as soon as it is approved. */
    publishAt: epochMsSchema.nullable(),
  }),
  z.object({
    type: z.literal('broadcast-reject'),
    broadcastId: idSchema,
    version: readVersionSchema,
    comment: z.string().trim().min(1).max(2000),
  }),
  z.object({
    type: z.literal('broadcast-emergency-publish'),
    broadcastId: idSchema,
    version: readVersionSchema,
    comment: z.string().trim().min(1).max(2000),
  }),
  z.object({
    type: z.literal('broadcast-sign-off'),
    broadcastId: idSchema,
    version: readVersionSchema,
    comment: z.string().trim().max(2000),
  }),
  z.object({ type: z.literal('broadcast-retry'), broadcastId: idSchema, channel: platformSchema }),
  z.object({
    type: z.literal('broadcast-retract'),
    broadcastId: idSchema,
    comment: z.string().trim().min(1).max(2000),
  }),
  z.object({
    type: z.literal('desk-alert-send'),
    alertId: idSchema,
    text: z.string().trim().min(1).max(1000),
    severity: alertSeveritySchema,
    expiresAt: epochMsSchema,
  }),
  z.object({ type: z.literal('desk-alert-ack'), alertId: idSchema }),
  z.object({ type: z.literal('desk-alert-cancel'), alertId: idSchema }),
] as const;
