import type { ConversationKind, Platform } from '../shared/domain';
import { triage } from '../shared/triage';
import type { HubContext } from './context';
import { appendAudit } from './db/audit';
import { isConfidentialContact } from './db/contacts';
import { getConversation, type HubConversation } from './db/conversations';
import { getCommentModeration } from './db/moderation';
import { jobsOfSubject, supersedeVisibilityJobs } from './db/moderation-jobs';
import {
  editOrderOf,
  findInboundMessage,
  messagesOf,
  reviseMessageBody,
  setEditOrder,
  takeWebhookReceipt,
} from './db/messages';
import {
  blankEarlierMessages,
  escalatedTriage,
  ingestInbound,
  preview,
  withholdContactName,
  type IngestResult,
} from './ingest';
import { freshModeration } from './moderation/base';
import { moderateEdited } from './moderation/on-ingest';
import { putCommentModeration } from './moderation/record';
import { putConversation, relogMessage } from './record';
import { queueFor } from './routing';

/**
 * A public comment its author edited (Meta's feed change with `verb: edited`), or a direct
 * message its sender edited (Messenger's `message_edit`, `kind: 'dm'`).
 */
export interface InboundCommentEdit {
  readonly platform: Platform;
  /** 'comment' unless said otherwise. */
  readonly kind?: ConversationKind;
  readonly commentId: string;
  /**
   * Names this edit and no other: a redelivery of it takes the same receipt and changes
   * nothing, while the comment's own id (taken when it was added) must not swallow it.
   */
  readonly receiptKey: string;
  readonly senderId: string;
  readonly senderName: string | null;
  readonly text: string;
  readonly accountId: string | null;
  /**
   * Where this edit stands among the message's edits, as the platform numbers them
   * (Messenger's `num_edit`, a comment's feed entry time); null when it does not say.
   * An edit numbered below the one already applied arrived late and is not applied.
   */
  readonly editOrder: number | null;
}

/** A public comment taken down on the platform (Meta's feed change with `verb: remove`). */
export interface InboundCommentRemoval {
  readonly platform: Platform;
  readonly commentId: string;
}

const duplicate: IngestResult = { stored: false, reason: 'duplicate' };

/**
 * Applies an author's edit to the comment the desk holds, in one transaction: the new
 * text replaces the old on the message (the old is kept in `message_revisions`) and goes
 * to consoles through the change log; triage and the on-arrival moderation checks run on
 * the new text. As for a follow-up message, the conversation's category, priority,
 * emergency and confidentiality only ever escalate. An edit that escalates it needs an
 * answer, so it counts as new inbound work and reopens a resolved conversation; one that
 * does not (a typo fixed) leaves the status and the clocks alone. An edit of a comment
 * the desk never stored is stored as a new comment: that is the comment as it now stands.
 */
export function ingestCommentEdit(ctx: HubContext, edit: InboundCommentEdit): IngestResult {
  return ctx.commit((): IngestResult => {
    const { db } = ctx;
    const now = ctx.now();
    if (!takeWebhookReceipt(db, edit.platform, edit.receiptKey, now)) return duplicate;
    const stored = findInboundMessage(db, edit.platform, edit.commentId);
    if (stored === null) {
      const kind = edit.kind ?? 'comment';
      const result = ingestInbound(ctx, {
        platform: edit.platform,
        kind,
        platformMessageId: edit.commentId,
        senderId: edit.senderId,
        senderName: edit.senderName,
        text: edit.text,
        accountId: edit.accountId,
        replyToId: kind === 'comment' ? edit.commentId : null,
      });
      // The edit that created the message still ranks among its edits: an older one
      // delivered after it must not put the older text back.
      if (result.stored && edit.editOrder !== null) setEditOrder(db, result.messageId, edit.editOrder);
      return result;
    }
    // The same edit delivered again in a new envelope: nothing to do.
    if (stored.body === edit.text) return duplicate;
    const previous = getConversation(db, stored.conversationId);
    if (previous === null) throw new Error(`message ${stored.id} has no conversation`);
    const applied = editOrderOf(db, stored.id);
    if (edit.editOrder !== null && applied !== null && edit.editOrder < applied) {
      // A delivery delayed past a later edit: the text it carries is already out of date.
      appendAudit(db, {
        at: now,
        actorId: null,
        action: 'message.edit-superseded',
        subjectId: stored.id,
        detail: { conversationId: previous.id, editOrder: edit.editOrder, applied },
      });
      return { stored: false, reason: 'superseded' };
    }

    reviseMessageBody(db, stored, edit.text, now);
    if (edit.editOrder !== null) setEditOrder(db, stored.id, edit.editOrder);
    const message = { ...stored, body: edit.text };
    const result = triage(
      { text: edit.text, platform: edit.platform, kind: previous.kind },
      ctx.profanity?.(),
    );
    const { category, priority, confidential, triageReasons } = escalatedTriage(previous, result);
    const escalated =
      category !== previous.category ||
      priority !== previous.priority ||
      confidential !== previous.confidential;
    const inbound = messagesOf(db, previous.id).filter((m) => m.direction === 'inbound');
    const latest = inbound.at(-1)?.id === stored.id;
    const reopening = escalated && previous.status === 'resolved';
    const conversation: HubConversation = {
      ...previous,
      // As for a follow-up: whoever resolved it may be off shift, so it goes back to its queue.
      assigneeId: reopening ? null : previous.assigneeId,
      leaseExpiresAt: reopening ? null : previous.leaseExpiresAt,
      status: escalated ? 'open' : previous.status,
      category,
      queueId: category === previous.category ? previous.queueId : queueFor(category),
      priority,
      confidential,
      language: latest ? result.language : previous.language,
      // The list shows the newest message from the public; an older one's edit does not replace it.
      preview: latest ? preview(edit.text) : previous.preview,
      triageReasons,
      lastInboundAt: escalated ? now : previous.lastInboundAt,
      updatedAt: now,
    };
    const turned = !previous.confidential && conversation.confidential;
    const contactWasConfidential = turned && isConfidentialContact(db, previous.contactId);
    putConversation(db, now, conversation, {
      assignmentChanged: reopening && previous.assigneeId !== null,
    });
    if (turned) {
      blankEarlierMessages(ctx, conversation, now);
      if (!contactWasConfidential) withholdContactName(ctx, previous.contactId, now);
    } else {
      relogMessage(db, now, stored.id, conversation.confidential);
    }
    moderateEdited(ctx, conversation, message, result, now);
    appendAudit(db, {
      at: now,
      actorId: null,
      action: (edit.kind ?? 'comment') === 'dm' ? 'message.edited' : 'comment.edited',
      subjectId: stored.id,
      detail: {
        conversationId: conversation.id,
        platform: conversation.platform,
        commentId: edit.commentId,
        escalated,
        reopened: reopening,
      },
    });
    return { stored: true, conversationId: conversation.id, messageId: stored.id };
  });
}

/**
 * A comment taken down on the platform (by its author, or by a page admin outside the
 * desk): the desk keeps the message and its text, since what was said is still the record,
 * and marks its moderation state `deleted` so nobody tries to hide or answer what is gone.
 * Who took it down is not recorded as a person's action (Meta does not say who), and a
 * review someone still owes stays owed. A comment the desk never stored is ignored.
 */
export function ingestCommentRemoval(ctx: HubContext, removal: InboundCommentRemoval): IngestResult {
  return ctx.commit((): IngestResult => {
    const { db } = ctx;
    const now = ctx.now();
    const stored = findInboundMessage(db, removal.platform, removal.commentId);
    if (stored === null) return { stored: false, reason: 'unknown' };
    if (!takeWebhookReceipt(db, removal.platform, `${removal.commentId}#removed`, now)) return duplicate;
    const conversation = getConversation(db, stored.conversationId);
    if (conversation === null) throw new Error(`message ${stored.id} has no conversation`);
    const before = getCommentModeration(db, stored.id) ?? freshModeration(stored.id, conversation, now);
    // Already deleted by the desk: this is Meta confirming it.
    if (before.state === 'deleted') return duplicate;
    const superseded = supersedeVisibilityJobs(db, stored.id);
    const stillPending = jobsOfSubject(db, stored.id).some((j) => j.state === 'pending');
    putCommentModeration(
      db,
      now,
      {
        ...before,
        state: 'deleted',
        platformSync: stillPending ? 'pending' : superseded > 0 ? 'none' : before.platformSync,
        platformError: superseded > 0 ? null : before.platformError,
        updatedAt: now,
      },
      conversation.confidential,
    );
    appendAudit(db, {
      at: now,
      actorId: null,
      action: 'moderation.removed-on-platform',
      subjectId: stored.id,
      detail: {
        conversationId: conversation.id,
        platform: conversation.platform,
        commentId: removal.commentId,
        stateBefore: before.state,
        supersededCalls: superseded,
      },
    });
    return { stored: true, conversationId: conversation.id, messageId: stored.id };
  });
}
