import { z } from 'zod';
import { epochMsSchema, operatorSchema } from '../domain/entities';
import { seqSchema } from './changes';

export const loginRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    token: z.string().min(1),
    expiresAt: epochMsSchema,
    operator: operatorSchema,
    hubTime: epochMsSchema,
  }),
  z.object({
    ok: z.literal(false),
    /** `locked` after repeated failures; `retryAfterMs` says for how long. */
    error: z.enum(['bad-credentials', 'locked', 'disabled', 'invalid-request']),
    message: z.string(),
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const healthSchema = z.object({ ok: z.literal(true), seq: seqSchema });
export type Health = z.infer<typeof healthSchema>;
