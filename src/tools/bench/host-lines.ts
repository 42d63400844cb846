import { z } from 'zod';

/** What an engine host answers (see engine-host.ts). */
export const hostLineSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.number(), kind: z.literal('done') }),
  z.object({ id: z.number(), kind: z.literal('error'), error: z.string() }),
  z.object({ id: z.number(), kind: z.literal('times'), times: z.array(z.number().nullable()) }),
  z.object({ id: z.number(), kind: z.literal('seqs'), seqs: z.array(z.number()) }),
  z.object({ id: z.number(), kind: z.literal('rss'), rss: z.number() }),
]);
export type HostLine = z.infer<typeof hostLineSchema>;

/** What the latency probe sender answers (see probe-sender.ts). */
export const probeLineSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.number(), kind: z.literal('sent'), sentAt: z.number() }),
  z.object({ id: z.number(), kind: z.literal('error'), error: z.string() }),
]);
