/**
 * Sends signed Messenger deliveries to a URL from its own process, as Meta's servers would:
 * a client in the hub's own process would take the hub's CPU and be counted against it.
 * Input: SENDER_URL, SENDER_COUNT, SENDER_CONCURRENCY. Output: one JSON line {elapsedMs}.
 *
 * Bodies are signed before the clock starts (Meta signs on its side) and sent over plain
 * keep-alive node:http connections: this process shares the hub's two cores, so every
 * cycle it spends per request is one the hub does not get. fetch cost about twice as much.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { z } from 'zod';
import { metaSignature } from '../../hub/webhooks/signatures';
import { dmBody, META_SECRET, nowMs } from './desk';

const env = z
  .object({
    SENDER_URL: z.url(),
    SENDER_COUNT: z.coerce.number().int().min(1),
    SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256),
  })
  .parse(process.env);

const target = new URL('/webhooks/meta', env.SENDER_URL);
const agent = new Agent({ keepAlive: true, maxSockets: env.SENDER_CONCURRENCY });

const deliveries = Array.from({ length: env.SENDER_COUNT }, (_, i) => {
  const body = Buffer.from(
    dmBody([
      {
        senderId: `ingest-${randomUUID()}`,
        text: `Ingest ${String(i)}: someone is riding a scrambler bike on the footpath`,
      },
    ]),
  );
  return { body, signature: metaSignature(META_SECRET, body) };
});

const post = (delivery: { body: Buffer; signature: string }): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': delivery.body.length,
          'x-hub-signature-256': delivery.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else reject(new Error(`webhook answered ${String(res.statusCode)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(delivery.body);
  });

let next = 0;
const t0 = nowMs();
await Promise.all(
  Array.from({ length: env.SENDER_CONCURRENCY }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++];
      if (delivery !== undefined) await post(delivery);
    }
  }),
);
process.stdout.write(`${JSON.stringify({ elapsedMs: nowMs() - t0 })}\n`);
agent.destroy();
