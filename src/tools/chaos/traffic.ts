import { randomUUID } from 'node:crypto';
import { metaSignature } from '../../hub/webhooks/signatures';
import { SIMULATED_NAMES, SIMULATED_TEXTS } from '../../hub/simulator-messages';
import type { Random } from './random';

export interface WebhookTraffic {
  /** Posts one signed Messenger delivery (sometimes a redelivery of an earlier one). */
  sendOne(): Promise<void>;
  readonly storedMids: Set<string>;
  readonly stats: { sent: number; acknowledged: number; refused: number; unreachable: number };
}

interface Delivery {
  readonly body: string;
  readonly mids: readonly string[];
}

/**
 * Messenger DMs from a small population (so conversations grow, get resolved and reopen),
 * through the hub's real signed-webhook endpoint. About one delivery in ten is a repeat,
 * as Meta does after a timeout: the hub must store it once.
 */
export function webhookTraffic(hubUrl: () => string, appSecret: string, random: Random): WebhookTraffic {
  const people = Array.from({ length: 30 }, (_, i) => ({
    id: `chaos-person-${String(i)}`,
    name: SIMULATED_NAMES[i % SIMULATED_NAMES.length] ?? 'Member of the public',
  }));
  const recent: Delivery[] = [];
  const storedMids = new Set<string>();
  const stats = { sent: 0, acknowledged: 0, refused: 0, unreachable: 0 };

  const fresh = (): Delivery => {
    const count = 1 + random.int(3);
    const messages = Array.from({ length: count }, () => {
      const person = random.pick(people) ?? people[0];
      const sample = random.pick(SIMULATED_TEXTS.filter((t) => t.kind === 'dm'));
      return { person, mid: `m_chaos_${randomUUID()}`, text: sample?.text ?? 'Hello, can someone help?' };
    });
    const time = Date.now();
    const body = JSON.stringify({
      object: 'page',
      entry: messages.map((m) => ({
        id: 'PAGE1',
        time,
        messaging: [
          {
            sender: { id: m.person?.id ?? 'chaos-person' },
            recipient: { id: 'PAGE1' },
            timestamp: time,
            message: { mid: m.mid, text: m.text },
          },
        ],
      })),
    });
    return { body, mids: messages.map((m) => m.mid) };
  };

  return {
    storedMids,
    stats,
    async sendOne() {
      const delivery = recent.length > 0 && random.chance(0.1) ? (random.pick(recent) ?? fresh()) : fresh();
      recent.push(delivery);
      if (recent.length > 50) recent.shift();
      stats.sent += 1;
      try {
        const response = await fetch(`${hubUrl()}/webhooks/meta`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': metaSignature(appSecret, delivery.body),
          },
          body: delivery.body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          stats.acknowledged += 1;
          for (const mid of delivery.mids) storedMids.add(mid);
        } else stats.refused += 1;
      } catch {
        // The hub is down (killed on purpose): the platform would retry later.
        stats.unreachable += 1;
      }
    },
  };
}
