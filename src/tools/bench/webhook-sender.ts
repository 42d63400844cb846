/**
 * Sends signed Messenger deliveries to a URL from its own process, as Meta's servers would:
 * a client in the hub's own process would take the hub's CPU and be counted against it.
 * Input: SENDER_URL, SENDER_COUNT, SENDER_CONCURRENCY. Output: one JSON line {elapsedMs}.
 * Bodies are signed before the clock starts: Meta signs on its side.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dmBody, nowMs } from './desk';
import { createSignedPoster, signDelivery } from './signed-post';

const env = z
  .object({
    SENDER_URL: z.url(),
    SENDER_COUNT: z.coerce.number().int().min(1),
    SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256),
  })
  .parse(process.env);

const poster = createSignedPoster(env.SENDER_URL, env.SENDER_CONCURRENCY);
const deliveries = Array.from({ length: env.SENDER_COUNT }, (_, i) =>
  signDelivery(
    dmBody([
      {
        senderId: `ingest-${randomUUID()}`,
        text: `Ingest ${String(i)}: someone is riding a scrambler bike on the footpath`,
      },
    ]),
  ),
);

let next = 0;
const t0 = nowMs();
await Promise.all(
  Array.from({ length: env.SENDER_CONCURRENCY }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++];
      if (delivery !== undefined) await poster.post(delivery);
    }
  }),
);
process.stdout.write(`${JSON.stringify({ elapsedMs: nowMs() - t0 })}\n`);
poster.close();
