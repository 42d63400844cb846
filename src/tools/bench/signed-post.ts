import { Agent, request } from 'node:http';
import { metaSignature } from '../../hub/webhooks/signatures';

/** The Meta app secret the bench's hub is started with and its deliveries are signed with. */
export const META_SECRET = 'bench-meta-app-secret';

export interface SignedDelivery {
  readonly body: Buffer;
  readonly signature: string;
}

/** A Messenger delivery signed as Meta signs it, ready to send. */
export function signDelivery(json: string): SignedDelivery {
  const body = Buffer.from(json);
  return { body, signature: metaSignature(META_SECRET, body) };
}

/**
 * Posts signed deliveries to a hub's Meta webhook over plain keep-alive node:http, as
 * cheaply as a client can: the bench's senders share the hub's two cores, so every cycle
 * they spend per request is one the hub does not get. fetch cost about twice as much.
 */
export function createSignedPoster(
  hubUrl: string,
  maxSockets: number,
): {
  post(delivery: SignedDelivery): Promise<void>;
  close(): void;
} {
  const target = new URL('/webhooks/meta', hubUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    post: (delivery) =>
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
      }),
    close: () => {
      agent.destroy();
    },
  };
}
