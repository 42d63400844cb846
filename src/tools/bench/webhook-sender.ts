/**
 * Sends signed Messenger deliveries to a URL from its own process, as Meta's servers would:
 * a client in the hub's own process would take the hub's CPU and be counted against it.
 * Input: SENDER_URL, SENDER_COUNT, SENDER_CONCURRENCY. Output: one JSON line {elapsedMs}.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dmBody, nowMs, postSigned } from './desk';

const env = z
  .object({
    SENDER_URL: z.url(),
    SENDER_COUNT: z.coerce.number().int().min(1),
    SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256),
  })
  .parse(process.env);

const bodies = Array.from({ length: env.SENDER_COUNT }, (_, i) =>
  dmBody([
    {
      senderId: `ingest-${randomUUID()}`,
      text: `Ingest ${String(i)}: someone is riding a scrambler bike on the footpath`,
    },
  ]),
);
let next = 0;
const t0 = nowMs();
await Promise.all(
  Array.from({ length: env.SENDER_CONCURRENCY }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      if (body !== undefined) await postSigned(env.SENDER_URL, body);
    }
  }),
);
process.stdout.write(`${JSON.stringify({ elapsedMs: nowMs() - t0 })}\n`);
