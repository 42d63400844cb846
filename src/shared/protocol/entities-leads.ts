import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain/entities';

/**
 * One roster entry: an operator is on shift from `startsAt` to `endsAt` (hub time). The
 * hub only writes whole rows, so a removed entry stays as a tombstone (`removed: true`)
 * that consoles drop from their view.
 */
export const shiftSchema = z
  .object({
    id: idSchema,
    operatorId: idSchema,
    startsAt: epochMsSchema,
    endsAt: epochMsSchema,
    note: z.string().max(200),
    removed: z.boolean(),
    updatedBy: idSchema,
    updatedAt: epochMsSchema,
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'a shift must end after it starts', path: ['endsAt'] });
export type Shift = z.infer<typeof shiftSchema>;

/** What an operator last did and when, for the workload board. Keyed by operator (`id`). */
export const activitySchema = z.object({
  id: idSchema,
  action: z.string().min(1).max(50),
  at: epochMsSchema,
});
export type Activity = z.infer<typeof activitySchema>;

/** What shift leads ask the hub to do besides moving work (that is `reassign`). */
export const leadOperationSchemas = [
  z.object({
    type: z.literal('shift-put'),
    /** Chosen by the console, so adding and editing are one idempotent operation. */
    shiftId: idSchema,
    operatorId: idSchema,
    startsAt: epochMsSchema,
    endsAt: epochMsSchema,
    note: z.string().trim().max(200).optional(),
  }),
  z.object({ type: z.literal('shift-remove'), shiftId: idSchema }),
  z.object({
    type: z.literal('set-capacity'),
    operatorId: idSchema,
    capacity: z.number().int().min(1).max(100),
  }),
  z.object({ type: z.literal('set-auto-assign'), queueId: idSchema, autoAssign: z.boolean() }),
] as const;

type ShiftPut = z.infer<(typeof leadOperationSchemas)[0]>;

/**
 * The roster entry a `shift-put` writes: at the hub when it applies it, and in the lead's
 * console as the forecast shown until the hub's row arrives.
 */
export const shiftFromPut = (op: ShiftPut, updatedBy: string, updatedAt: number): Shift => ({
  id: op.shiftId,
  operatorId: op.operatorId,
  startsAt: op.startsAt,
  endsAt: op.endsAt,
  note: op.note ?? '',
  removed: false,
  updatedBy,
  updatedAt,
});
