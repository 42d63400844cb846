import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';
import { prioritySchema } from '../domain/enums';
import { parseSlaPolicies, type SlaPoliciesFile } from '../sla/policy';
import { slaReportRowSchema } from '../sla/report';

/** Policies in the policy file's JSON form, checked with the SLA core's own parser. */
export const slaPoliciesFileSchema = z.custom<SlaPoliciesFile>(
  (value) => parseSlaPolicies(value).ok,
  'invalid SLA policies',
);

/** The policies in force. One record, id `current`; leads edit it with `set-sla-policy`. */
export const slaPolicyRecordSchema = z.object({
  id: z.literal('current'),
  policies: slaPoliciesFileSchema,
  updatedAt: epochMsSchema,
  /** Operator who last changed them; null when loaded from the policy file. */
  updatedBy: idSchema.nullable(),
});
export type SlaPolicyRecord = z.infer<typeof slaPolicyRecordSchema>;

export const slaClockKindSchema = z.enum(['first-response', 'next-response', 'resolution']);
export const slaStateNameSchema = z.enum(['ok', 'at-risk', 'breached', 'paused', 'none']);

/**
 * A conversation's SLA as the hub last computed it (id = conversation id). Times are hub
 * time; while the clock runs the console derives the live state from `warnAt` and `dueAt`
 * against its own hub-time estimate, so it needs no record per second. `outcome` is the
 * reporting row, sent to leads and admins only (null for everyone else).
 */
export const slaStatusSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  queueId: idSchema,
  priority: prioritySchema,
  state: slaStateNameSchema,
  clock: slaClockKindSchema.nullable(),
  dueAt: epochMsSchema.nullable(),
  warnAt: epochMsSchema.nullable(),
  breachedAt: epochMsSchema.nullable(),
  /** Time left (negative when overdue) when computed; what a paused clock shows. */
  remainingMs: z.number().int().nullable(),
  computedAt: epochMsSchema,
  outcome: slaReportRowSchema.nullable(),
});
export type SlaStatus = z.infer<typeof slaStatusSchema>;

/**
 * A clock crossed its warning point or its target. Raised once per clock run into the
 * change log, so every console hears it the same way, offline ones on reconnect.
 */
export const slaEventRecordSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  kind: z.enum(['at-risk', 'breached']),
  clock: slaClockKindSchema,
  /** Identifies the clock run (a later next-response clock starts later). */
  clockStartedAt: epochMsSchema,
  /** When it happened: the warning point or the moment the target was passed. */
  at: epochMsSchema,
  queueId: idSchema,
  /** Who held the conversation then; their console tells them. */
  assigneeId: idSchema.nullable(),
});
export type SlaEventRecord = z.infer<typeof slaEventRecordSchema>;

/** What leads ask the hub to do about SLAs. */
export const slaOperationSchemas = [
  z.object({
    type: z.literal('set-sla-policy'),
    policies: slaPoliciesFileSchema,
    /**
     * `updatedAt` of the targets the lead edited. The hub refuses the change (conflict) when
     * someone else changed them since, so an edit made offline or in a window left open does
     * not silently undo theirs. Absent, as from older consoles, the current targets are meant.
     */
    basedOn: epochMsSchema.optional(),
  }),
] as const;
