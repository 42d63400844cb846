import { PLATFORM_NAMES, type Platform } from '../../shared/domain';
import type { HubContext } from '../context';
import { getContact } from '../db/contacts';
import { getConversation } from '../db/conversations';
import {
  dueDeliveries,
  interruptedDeliveries,
  markDeliveryFailed,
  markDeliverySending,
  markDeliverySent,
  type Delivery,
} from '../db/deliveries';
import { getMessage, setPlatformMessageId } from '../db/messages';
import { addNotice, relogMessage } from '../record';
import { assessFailure, type RetryPolicy } from '../jobs/backoff';
import { startJobLoop, type JobLoop } from '../jobs/job-loop';
import { PlatformError, type OutboundReply, type PlatformAdapters } from './types';

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
 * sent, so a failed delivery is retried (also after a restart) rather than lost; after
 * repeated failures its author is told. A delivery whose outcome is unknown (the hub
 * stopped during the call, or the platform never answered) is not sent again, since that
 * could answer the public twice: its author is asked to check and resend if it is missing.
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
      lastInboundAt: conversation.lastInboundAt,
      // Built afresh for every attempt, so a retry is judged against the window as it is then.
      attemptAt: ctx.now(),
    };
  };

  const tellAuthor = (messageId: string, conversationId: string | null, text: string, now: number): void => {
    const authorId = getMessage(db, messageId)?.authorId ?? null;
    if (authorId === null) return;
    addNotice(db, now, {
      operatorId: authorId,
      kind: 'info',
      conversationId,
      text,
    });
  };

  const unsureText = (platform: Platform, why: string): string =>
    `Your reply may or may not have reached ${PLATFORM_NAMES[platform]} (${why}). Check the conversation there, and send it again only if it is missing.`;

  // Calls in flight when the previous process stopped: their outcome is unknown.
  ctx.commit(() => {
    const now = ctx.now();
    for (const delivery of interruptedDeliveries(db)) {
      const why = 'the hub stopped while sending it';
      ctx.log(`[delivery] ${delivery.messageId} was in flight when the hub stopped: not sent again`);
      markDeliveryFailed(db, delivery.messageId, {
        error: `unsure: ${why}`,
        nextAttemptAt: now,
        giveUp: true,
      });
      const conversationId = getMessage(db, delivery.messageId)?.conversationId ?? null;
      tellAuthor(delivery.messageId, conversationId, unsureText(delivery.platform, why), now);
    }
  });

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
    ctx.commit(() => {
      markDeliverySending(db, delivery.messageId, ctx.now());
    });
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
      // A 5xx is retried as the platforms advise; no answer at all is not.
      const unsure = error instanceof PlatformError && error.unsure === 'no-answer';
      ctx.log(`[delivery] ${delivery.messageId} attempt ${attempts} failed: ${text}`);
      ctx.commit(() => {
        const now = ctx.now();
        markDeliveryFailed(db, delivery.messageId, {
          error: unsure ? `unsure: ${text}` : text,
          nextAttemptAt: now + retryInMs,
          giveUp: giveUp || unsure,
        });
        if (unsure)
          tellAuthor(
            delivery.messageId,
            reply.conversationId,
            unsureText(reply.platform, text.slice(0, 300)),
            now,
          );
        else if (giveUp)
          tellAuthor(
            delivery.messageId,
            reply.conversationId,
            `Your reply could not be delivered to ${PLATFORM_NAMES[reply.platform]}: ${text.slice(0, 300)}`,
            now,
          );
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
