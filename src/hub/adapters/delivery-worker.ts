import { randomUUID } from 'node:crypto';
import type { HubContext } from '../context';
import { getContact } from '../db/contacts';
import { getConversation } from '../db/conversations';
import { dueDeliveries, markDeliveryFailed, markDeliverySent, type Delivery } from '../db/deliveries';
import { getMessage, setPlatformMessageId } from '../db/messages';
import { addNotice, relogMessage } from '../record';
import { PlatformError, type OutboundReply, type PlatformAdapters } from './types';

export interface DeliveryWorker {
  /** Look for due deliveries now (after a reply was applied). */
  kick(): void;
  /** Resolves once no delivery is in flight. */
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 10;
const backoffMs = (attempts: number): number => Math.min(5 * 60_000, 1000 * 2 ** attempts);

/**
 * Delivers applied replies through the platform adapters. A reply is stored before it is
 * sent, so a failed or interrupted delivery is retried (also after a restart) rather than
 * lost; after repeated failures its author is told.
 */
export function startDeliveryWorker(ctx: HubContext, adapters: PlatformAdapters): DeliveryWorker {
  const { db } = ctx;
  let running: Promise<void> | null = null;
  // An object, not two lets: the flags change from other callbacks while a drain awaits.
  const flags = { again: false, stopped: false };

  const build = (delivery: Delivery): OutboundReply | null => {
    const message = getMessage(db, delivery.messageId);
    const conversation = message === null ? null : getConversation(db, message.conversationId);
    const contact = conversation === null ? null : getContact(db, conversation.contactId);
    if (message === null || conversation === null || contact === null) return null;
    return {
      platform: conversation.platform,
      kind: conversation.kind,
      messageId: message.id,
      conversationId: conversation.id,
      recipientId: contact.platformUserId,
      accountId: conversation.accountId,
      replyToId: conversation.replyToId,
      text: message.body,
    };
  };

  const attempt = async (delivery: Delivery): Promise<void> => {
    const reply = build(delivery);
    if (reply === null) {
      ctx.commit(() => {
        markDeliveryFailed(db, delivery.messageId, {
          error: 'message gone',
          nextAttemptAt: ctx.now(),
          giveUp: true,
        });
      });
      return;
    }
    try {
      const sent = await adapters[reply.platform].sendReply(reply);
      ctx.commit(() => {
        const now = ctx.now();
        markDeliverySent(db, delivery.messageId, now);
        if (sent.platformMessageId !== null) {
          setPlatformMessageId(db, delivery.messageId, sent.platformMessageId);
          const confidential = getConversation(db, reply.conversationId)?.confidential ?? false;
          relogMessage(db, now, delivery.messageId, confidential);
        }
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const attempts = delivery.attempts + 1;
      const giveUp = (error instanceof PlatformError && !error.retryable) || attempts >= MAX_ATTEMPTS;
      ctx.log(`[delivery] ${delivery.messageId} attempt ${attempts} failed: ${text}`);
      ctx.commit(() => {
        const now = ctx.now();
        markDeliveryFailed(db, delivery.messageId, {
          error: text,
          nextAttemptAt: now + backoffMs(attempts),
          giveUp,
        });
        const authorId = getMessage(db, delivery.messageId)?.authorId ?? null;
        if (giveUp && authorId !== null) {
          addNotice(db, now, {
            id: randomUUID(),
            operatorId: authorId,
            kind: 'info',
            conversationId: reply.conversationId,
            text: `Your reply could not be delivered to ${reply.platform}: ${text.slice(0, 300)}`,
            createdAt: now,
          });
        }
      });
    }
  };

  const repeatWanted = (): boolean => flags.again && !flags.stopped;

  const drain = async (): Promise<void> => {
    do {
      flags.again = false;
      for (const delivery of dueDeliveries(db, ctx.now(), 50)) {
        if (flags.stopped) return;
        await attempt(delivery);
      }
    } while (repeatWanted());
  };

  const kick = (): void => {
    if (flags.stopped) return;
    if (running !== null) {
      flags.again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => {
        ctx.log(`[delivery] worker failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(kick, 1000);
  timer.unref();
  kick();

  return {
    kick,
    async stop() {
      flags.stopped = true;
      clearInterval(timer);
      if (running !== null) await running;
    },
  };
}
