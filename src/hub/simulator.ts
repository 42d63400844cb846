import { randomInt, randomUUID } from 'node:crypto';
import type { HubReply } from './http/types';
import type { WebhookSecrets } from './http/webhook-routes';
import { SIMULATED_NAMES, SIMULATED_TEXTS } from './simulator-messages';
import { metaCommentPayload, metaDmPayload, xDmPayload, xTweetPayload } from './webhooks/payloads';
import { metaSignature, xSignature } from './webhooks/signatures';

export interface SimulatorOptions {
  readonly perMinute: number;
  /** Hands a signed Meta delivery to the hub's webhook handler. */
  readonly deliverMeta: (body: string, signature: string) => Promise<HubReply>;
  /** Hands a signed X delivery to the hub's webhook handler. */
  readonly deliverX: (body: string, signature: string) => Promise<HubReply>;
  readonly secrets: WebhookSecrets;
  readonly log: (line: string) => void;
  /** Page and account ids the simulated public write to. */
  readonly pageId?: string;
  readonly xAccountId?: string;
}

export interface Simulator {
  /** Sends one simulated message now; returns the handler's reply. */
  tick(): Promise<HubReply>;
  stop(): void;
}

const pick = <T>(items: readonly T[]): T => {
  const item = items[randomInt(items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

/**
 * Simulated public traffic. Each message is a signed webhook in the platform's own
 * format, handed to the same handler real deliveries reach, so the simulator exercises
 * signature checks, parsing, triage and routing exactly as production traffic does.
 */
export function startSimulator(options: SimulatorOptions): Simulator {
  const pageId = options.pageId ?? '100200300400500';
  const xAccountId = options.xAccountId ?? '2244994945';
  // A small population writing repeatedly, so conversations grow as well as appear.
  const people = Array.from({ length: 40 }, (_, i) => ({
    id: `${1_000_000_000 + randomInt(1_000_000_000)}${i}`,
    name: pick(SIMULATED_NAMES),
  }));

  const tick = (): Promise<HubReply> => {
    const sample = pick(SIMULATED_TEXTS);
    const person = pick(people);
    const time = Date.now();
    if (sample.kind === 'comment' && randomInt(3) === 0) {
      // A post on X that mentions the force's account, or half the time answers one of the
      // force's posts (only those can be hidden on X).
      const body = xTweetPayload(xAccountId, {
        id: String(1_700_000_000_000_000_000n + BigInt(randomInt(1e12))),
        createdAt: time,
        userId: person.id,
        userName: person.name,
        screenName: person.name.replace(/\s+/g, '').toLowerCase(),
        text: sample.text,
        ...(randomInt(2) === 0
          ? { inReplyTo: String(1_690_000_000_000_000_000n + BigInt(randomInt(1e6))) }
          : {}),
      });
      return options.deliverX(body, xSignature(options.secrets.xConsumerSecret, body));
    }
    if (sample.kind === 'comment') {
      const body = metaCommentPayload(pageId, time, {
        commentId: `${pageId}_${randomInt(1e9)}_${randomInt(1e9)}`,
        postId: `${pageId}_${randomInt(1e6)}`,
        fromId: person.id,
        fromName: person.name,
        text: sample.text,
        createdTime: Math.floor(time / 1000),
      });
      return options.deliverMeta(body, metaSignature(options.secrets.metaAppSecret, body));
    }
    if (randomInt(3) === 0) {
      const body = xDmPayload(xAccountId, {
        id: String(randomInt(1e12)) + String(randomInt(1e6)),
        createdAt: time,
        senderId: person.id,
        senderName: person.name,
        senderScreenName: person.name.replace(/\s+/g, '').toLowerCase(),
        text: sample.text,
        withEntities: true,
      });
      return options.deliverX(body, xSignature(options.secrets.xConsumerSecret, body));
    }
    const body = metaDmPayload(pageId, time, [
      { senderId: person.id, mid: `m_${randomUUID()}`, text: sample.text },
    ]);
    return options.deliverMeta(body, metaSignature(options.secrets.metaAppSecret, body));
  };

  const timer = setInterval(
    () => {
      tick().then(
        (reply) => {
          if (reply.status !== 200) options.log(`[simulator] webhook answered ${reply.status}`);
        },
        (error: unknown) => {
          options.log(`[simulator] failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    },
    Math.max(10, Math.round(60_000 / options.perMinute)),
  );
  timer.unref();
  return {
    tick,
    stop() {
      clearInterval(timer);
    },
  };
}
