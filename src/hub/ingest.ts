import { newId } from './ids';
import {
  MAX_CONTACT_NAME,
  MAX_MESSAGE_TEXT,
  type Category,
  type Contact,
  type ConversationKind,
  type Message,
  type Platform,
} from '../shared/domain';
import { clip } from '../shared/text/clip';
import { triage, type TriageResult } from '../shared/triage';
import type { HubContext } from './context';
import { markContactConfidential, markConversationConfidential } from './db/change-log';
import { findContact, getContact, isConfidentialContact } from './db/contacts';
import { latestConversationFor, type HubConversation } from './db/conversations';
import { messagesOf, takeWebhookReceipt } from './db/messages';
import { addMessage, putContact, putConversation, relogMessage } from './record';
import { moderateIncoming } from './moderation/on-ingest';
import { higherPriority, queueFor, route } from './routing';

/** One message from the public, whatever platform format it arrived in. */
export interface InboundMessage {
  readonly platform: Platform;
  readonly kind: ConversationKind;
  readonly platformMessageId: string;
  readonly senderId: string;
  readonly senderName: string | null;
  readonly text: string;
  /** Our page (Facebook) or account (X) the message was sent to. */
  readonly accountId: string | null;
  /** For comments: the comment a reply should answer. */
  readonly replyToId: string | null;
  /** When the platform says it was sent (ms), if it says; see `sentTime`. */
  readonly sentAt?: number | undefined;
  /** False for a public post the platform will not let the force hide (see `Message.hideable`). */
  readonly hideable?: boolean | undefined;
}

/**
 * How far back a platform's own time is believed. Meta and X retry a delivery the hub did
 * not take for about a day; a time older than this is not a late delivery but a wrong clock.
 */
export const PLATFORM_TIME_WINDOW_MS = 36 * 60 * 60_000;

/**
 * When a message was sent, for the SLA clocks and the thread's order: the platform's time
 * when it has one that is believable, so a message delivered late (the hub was down, the
 * platform retried) has been waiting since it was sent, not since it arrived. Never later
 * than its arrival, and never further back than the platforms retry.
 */
export const sentTime = (sentAt: number | undefined, receivedAt: number): number =>
  sentAt === undefined || sentAt < receivedAt - PLATFORM_TIME_WINDOW_MS
    ? receivedAt
    : Math.min(sentAt, receivedAt);

export type IngestResult =
  | { readonly stored: true; readonly conversationId: string; readonly messageId: string }
  | { readonly stored: false; readonly reason: 'duplicate' }
  /** An edit that arrived after a later edit of the same message, so not applied. */
  | { readonly stored: false; readonly reason: 'superseded' }
  /** A removal of a comment the desk never stored. */
  | { readonly stored: false; readonly reason: 'unknown' };

const PREVIEW_LENGTH = 140;
const MAX_REASONS = 20;
const CLOCK_STEP_MARGIN_MS = 60 * 60 * 1000;

export const preview = (text: string): string => clip(text.replace(/\s+/g, ' ').trim(), PREVIEW_LENGTH);

/** A later message can sharpen a vague category, and an emergency always wins. */
function mergeCategory(current: Category, incoming: Category): Category {
  if (incoming === 'emergency') return 'emergency';
  if (current === 'general-enquiry') return incoming;
  return current;
}

/**
 * What further text from the person (a follow-up message, or an edit of one) makes of a
 * conversation's triage: category, priority and confidentiality only ever escalate, and the
 * reasons add up.
 */
export function escalatedTriage(
  previous: HubConversation,
  result: TriageResult,
): Pick<HubConversation, 'category' | 'priority' | 'confidential' | 'triageReasons'> {
  const routed = route(result);
  const category = mergeCategory(previous.category, result.emergency ? 'emergency' : result.category);
  return {
    category,
    priority: category === 'emergency' ? 'urgent' : higherPriority(previous.priority, routed.priority),
    confidential: previous.confidential || routed.confidential,
    triageReasons: [...new Set([...previous.triageReasons, ...result.reasons])].slice(0, MAX_REASONS),
  };
}

/**
 * For a conversation that has just turned confidential: bodies already sent to uncleared
 * consoles must be blanked there too, as a snapshot would; and so must the log's earlier
 * rows, for consoles that pull them later.
 */
export function blankEarlierMessages(ctx: HubContext, conversation: HubConversation, now: number): void {
  const earlier = messagesOf(ctx.db, conversation.id);
  // A margin for the hub's clock being stepped back since the conversation began.
  const since = conversation.firstInboundAt - CLOCK_STEP_MARGIN_MS;
  markConversationConfidential(
    ctx.db,
    conversation.id,
    earlier.map((m) => m.id),
    since,
  );
  for (const message of earlier) relogMessage(ctx.db, now, message.id, true);
}

/**
 * Where a follow-up puts the conversation's latest inbound time, which the SLA clocks
 * read. Replies and resolutions are timed by the hub's clock and the follow-up by the
 * platform's, so a follow-up sent before the desk's last answer or resolution (a late
 * delivery, or clocks a little apart) cannot be placed before it: nobody knows whether
 * that answer covered it, so it waits for an answer from now. One sent before the latest
 * inbound message, with no answer since, moves nothing: that clock is already running.
 */
function followUpInboundAt(previous: HubConversation, sent: number, now: number): number {
  const answeredAt = Math.max(
    previous.lastResponseAt ?? Number.NEGATIVE_INFINITY,
    previous.status === 'open' ? Number.NEGATIVE_INFINITY : previous.updatedAt,
  );
  if (sent > Math.max(previous.lastInboundAt, answeredAt)) return sent;
  if (answeredAt >= previous.lastInboundAt) return now;
  return previous.lastInboundAt;
}

/**
 * For a contact whose first confidential conversation has just begun (or turned): the
 * name consoles already have, and the log's earlier rows of it, must be withheld from
 * uncleared staff. The earlier rows are marked and the contact logged again, marked, so
 * every console replaces the name it holds.
 */
export function withholdContactName(ctx: HubContext, contactId: string, now: number): void {
  const contact = getContact(ctx.db, contactId);
  if (contact === null) return;
  markContactConfidential(ctx.db, contactId);
  putContact(ctx.db, now, contact, true);
}

/**
 * Stores one inbound message and everything it implies (contact, conversation, triage,
 * queue, due time) in one transaction. A platform message id already taken is a
 * redelivery and changes nothing.
 */
export function ingestInbound(ctx: HubContext, inbound: InboundMessage): IngestResult {
  return ctx.commit((): IngestResult => {
    const { db } = ctx;
    const now = ctx.now();
    if (!takeWebhookReceipt(db, inbound.platform, inbound.platformMessageId, now)) {
      return { stored: false, reason: 'duplicate' };
    }
    const sent = sentTime(inbound.sentAt, now);
    const result = triage(
      { text: inbound.text, platform: inbound.platform, kind: inbound.kind },
      ctx.profanity?.(),
    );
    const routed = route(result);
    const category: Category = result.emergency ? 'emergency' : result.category;

    const existing = findContact(db, inbound.platform, inbound.senderId);
    // Whether the person already has a confidential conversation: asked only when it
    // matters, at most once (a new contact has none).
    let knownConfidential: boolean | undefined;
    const contactConfidential = (): boolean =>
      (knownConfidential ??= existing !== null && isConfidentialContact(db, existing.id));
    const contact: Contact = {
      id: existing?.id ?? newId(),
      platform: inbound.platform,
      platformUserId: inbound.senderId,
      displayName: clip(inbound.senderName ?? existing?.displayName ?? '', MAX_CONTACT_NAME),
      language: result.language,
    };
    if (
      existing === null ||
      existing.displayName !== contact.displayName ||
      existing.language !== contact.language
    ) {
      putContact(db, now, contact, contactConfidential());
    }

    const previous = latestConversationFor(db, contact.id, inbound.platform, inbound.kind);
    let conversation: HubConversation;
    let assignmentChanged = false;
    if (previous === null) {
      assignmentChanged = true;
      conversation = {
        id: newId(),
        platform: inbound.platform,
        kind: inbound.kind,
        contactId: contact.id,
        queueId: routed.queueId,
        status: 'open',
        assigneeId: null,
        leaseExpiresAt: null,
        priority: routed.priority,
        language: result.language,
        category,
        confidential: routed.confidential,
        preview: preview(inbound.text),
        triageReasons: result.reasons.slice(0, MAX_REASONS),
        firstInboundAt: sent,
        firstResponseAt: null,
        lastInboundAt: sent,
        lastResponseAt: null,
        // The SLA engine sets the true due time when the conversation is saved.
        responseDueAt: null,
        updatedAt: now,
        assignedSeq: 0,
        accountId: inbound.accountId,
        replyToId: inbound.replyToId,
      };
    } else {
      const escalated = escalatedTriage(previous, result);
      const reopening = previous.status === 'resolved';
      assignmentChanged = reopening && previous.assigneeId !== null;
      conversation = {
        ...previous,
        // A reopened conversation goes back to its queue: whoever resolved it may be off shift.
        assigneeId: reopening ? null : previous.assigneeId,
        leaseExpiresAt: reopening ? null : previous.leaseExpiresAt,
        status: 'open',
        ...escalated,
        queueId: queueFor(escalated.category),
        // The list shows, and a public reply answers, the newest message: one sent before
        // it but delivered after it changes neither.
        ...(sent >= previous.lastInboundAt
          ? {
              language: result.language,
              preview: preview(inbound.text),
              accountId: inbound.accountId ?? previous.accountId,
              replyToId: inbound.replyToId ?? previous.replyToId,
            }
          : {}),
        lastInboundAt: followUpInboundAt(previous, sent, now),
        updatedAt: now,
      };
    }
    const contactWasConfidential = conversation.confidential && contactConfidential();
    putConversation(db, now, conversation, { assignmentChanged });
    if (previous !== null && !previous.confidential && conversation.confidential) {
      blankEarlierMessages(ctx, conversation, now);
    }
    if (conversation.confidential && !contactWasConfidential) withholdContactName(ctx, contact.id, now);

    const message: Message = {
      id: newId(),
      conversationId: conversation.id,
      direction: 'inbound',
      authorId: null,
      body: clip(inbound.text, MAX_MESSAGE_TEXT),
      redacted: false,
      platformMessageId: inbound.platformMessageId,
      createdAt: sent,
      ...(inbound.hideable === false ? { hideable: false } : {}),
    };
    addMessage(db, now, message, conversation);
    moderateIncoming(ctx, conversation, message, result, now);
    return { stored: true, conversationId: conversation.id, messageId: message.id };
  });
}
