import { z } from 'zod';
import { epochMsSchema, idSchema } from '../../domain/entities';
import { languageSchema, prioritySchema } from '../../domain/enums';
import { slaClockKindSchema, slaPolicyRecordSchema, slaStatusSchema } from '../../protocol/entities-sla';
import { channel } from '../channel';

/** The SLA of the conversations whose clocks run or are paused, for countdowns. */
export const slaLiveSchema = z.object({
  hubNow: epochMsSchema,
  statuses: z.array(slaStatusSchema),
});
export type SlaLive = z.infer<typeof slaLiveSchema>;

export const slaWindowKeySchema = z.enum(['hour', 'shift', 'day', 'month']);
export type SlaWindowKey = z.infer<typeof slaWindowKeySchema>;

/** Figures for one set of conversations in one window. Shares are 0–1, null when nothing was measured. */
export const slaFiguresSchema = z.object({
  conversations: z.number().int().nonnegative(),
  met: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  withinTargetShare: z.number().min(0).max(1).nullable(),
  medianFirstResponseMs: z.number().nonnegative().nullable(),
  p90FirstResponseMs: z.number().nonnegative().nullable(),
});
export type SlaFigures = z.infer<typeof slaFiguresSchema>;

export const slaWindowFiguresSchema = z.object({
  key: slaWindowKeySchema,
  from: epochMsSchema,
  total: slaFiguresSchema,
  /** Keyed by queue id; every queue is present. */
  byQueue: z.record(z.string(), slaFiguresSchema),
  en: slaFiguresSchema,
  cy: slaFiguresSchema,
});
export type SlaWindowFigures = z.infer<typeof slaWindowFiguresSchema>;

export const slaTrendPointSchema = z.object({
  /** Start of the bucket (hub time). */
  at: epochMsSchema,
  withinTargetShare: z.number().min(0).max(1).nullable(),
  measured: z.number().int().nonnegative(),
});

export const slaBreachRowSchema = z.object({
  conversationId: idSchema,
  queueId: idSchema,
  clock: slaClockKindSchema.nullable(),
  breachedAt: epochMsSchema.nullable(),
  dueAt: epochMsSchema.nullable(),
  priority: prioritySchema,
  language: languageSchema.nullable(),
  contactName: z.string(),
  assigneeName: z.string().nullable(),
});
export type SlaBreachRow = z.infer<typeof slaBreachRowSchema>;

export const slaDashboardSchema = z.object({
  hubNow: epochMsSchema,
  queues: z.array(z.object({ id: idSchema, name: z.string(), nameCy: z.string() })),
  windows: z.array(slaWindowFiguresSchema),
  /** Share within target per hour over the last 24 hours, and per day over the last 30. */
  trend: z.object({ hourly: z.array(slaTrendPointSchema), daily: z.array(slaTrendPointSchema) }),
  breaches: z.array(slaBreachRowSchema),
});
export type SlaDashboard = z.infer<typeof slaDashboardSchema>;

/** What the console announces when a clock breaches. */
export const slaAlertSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  kind: z.enum(['at-risk', 'breached']),
  clock: slaClockKindSchema,
  at: epochMsSchema,
  queueId: idSchema,
  /** The operator's own work (otherwise a lead hearing of a breach elsewhere). */
  mine: z.boolean(),
});
export type SlaAlert = z.infer<typeof slaAlertSchema>;

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2025-09');

export const slaChannels = {
  /** Running and paused SLA clocks from the local cache, for every countdown. */
  'sla.live': channel(z.undefined(), slaLiveSchema),
  /** The SLA dashboard (leads and admins), computed from the local cache. */
  'sla.dashboard': channel(z.undefined(), slaDashboardSchema),
  /** The policies in force, as the hub last sent them. */
  'sla.policy': channel(z.undefined(), z.object({ policy: slaPolicyRecordSchema.nullable() })),
  /** The monthly CSV for `month`, fetched from the hub with the session token (leads and admins). */
  'sla.monthlyCsv': channel(
    z.object({ month: monthSchema }),
    z.object({ fileName: z.string(), csv: z.string() }),
  ),
};
