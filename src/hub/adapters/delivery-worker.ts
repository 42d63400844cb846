import { newId } from '../ids';
import type { HubContext } from '../context';
import { getContact } from '../db/contacts';
import { getConversation } from '../db/conversations';
import { dueDeliveries, markDeliveryFailed, markDeliverySent, type Delivery } from '../db/deliveries';
import { getMessage, setPlatformMessageId } from '../db/messages';
import { addNotice, relogMessage } from '../record';
import { assessFailure, type RetryPolicy } from '../jobs/backoff';
import { startJobLoop, type JobLoop } from '../jobs/job-loop';
import type { OutboundReply, PlatformAdapters } from './types';

/** `kick()` after a reply was applied; `stop()` resolves once no delivery is in flight. */
export type DeliveryWorker = JobLoop;

const RETRY: RetryPolicy = {
  maxAttempts: 10,
  firstDelayMs: 2000,
  maxDelayMs: 5 * 60_000,
  unknownErrors: 'retry',
};

/**
 * Delivers applied replies through the platform adapters. A reply is stored before it is
 * sent, so a failed or interrupted delivery is retried (also after a restart) rather than
 * lost; after repeated failures its author is told.
 */
export function startDeliveryWorker(ctx: HubContext, adapters: PlatformAdapters): DeliveryWorker {
  const { db } = ctx;

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
      const { text, attempts, giveUp, retryInMs } = assessFailure(error, delivery.attempts, RETRY);
      ctx.log(`[delivery] ${delivery.messageId} attempt ${attempts} failed: ${text}`);
      ctx.commit(() => {
        const now = ctx.now();
        markDeliveryFailed(db, delivery.messageId, {
          error: text,
          nextAttemptAt: now + retryInMs,
          giveUp,
        });
        const authorId = getMessage(db, delivery.messageId)?.authorId ?? null;
        if (giveUp && authorId !== null) {
          addNotice(db, now, {
            id: newId(),
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

  return startJobLoop({
    name: '[delivery] worker',
    intervalMs: 1000,
    log: ctx.log,
    due: () => dueDeliveries(db, ctx.now(), 50),
    run: attempt,
  });
}
