import { isLead, mayWorkConversation, staffMessage, type Message, type Operator } from '../../shared/domain';
import { cannedFor } from '../../shared/canned/responses';
import { LEAD_ONLY_ACTIONS } from '../../shared/moderation/reasons';
import type { CommentModeration, OperationInput } from '../../shared/protocol';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import { getContact } from '../db/contacts';
import { getConversation, type HubConversation } from '../db/conversations';
import { getMessage } from '../db/messages';
import { enqueueModerationJob, type JobTarget, type ModerationJobKind } from '../db/moderation-jobs';
import { getBlockedAccount, getCommentModeration } from '../db/moderation';
import { freshModeration } from '../moderation/base';
import { putBlockedAccount, putCommentModeration } from '../moderation/record';
import { addMessage, putConversation } from '../record';
import { ACCEPTED, rejected, type OpOutcome } from './outcome';

type ModerateOp = Extract<OperationInput, { type: 'moderate' }> & {
  readonly opId: string;
  readonly seenSeq: number;
};

export interface ModerationScope {
  readonly ctx: HubContext;
  readonly actor: Operator;
  readonly now: number;
  /** Keeps a public reply that may not go out as a note for the holder, telling its author. */
  readonly keepReplyAsNote: (c: HubConversation, body: string) => OpOutcome;
}

/** Why a post X will not hide (`Message.hideable` false) is not hidden; X would refuse the call. */
export const NOT_HIDEABLE =
  'X lets the force hide only replies, and this post answers nobody: block the account or report the post to X instead.';

/** The reply rule: the holder, anyone while it is free, or a lead, unless it moved since they looked. */
const mayAnswer = (actor: Operator, c: HubConversation, seenSeq: number): boolean =>
  c.assigneeId === actor.id || ((c.assigneeId === null || isLead(actor)) && c.assignedSeq <= seenSeq);

function target(c: HubConversation, message: Message, extra: Partial<JobTarget> = {}): JobTarget {
  return {
    commentId: message.platformMessageId,
    accountId: c.accountId,
    userId: null,
    messageId: null,
    conversationId: c.id,
    ...extra,
  };
}

/**
 * One moderation action on one public comment. Everything it decides (the comment's new
 * state, a public reply, a block, the platform call to make and the audit row with the
 * guideline reason) is written in the operation's transaction; the platform is told
 * afterwards by the moderation worker, with retries.
 */
export function applyModeration(scope: ModerationScope, op: ModerateOp): OpOutcome {
  const { ctx, actor, now } = scope;
  const { db } = ctx;
  const c = getConversation(db, op.conversationId);
  if (c === null) return rejected('not-found', `No conversation ${op.conversationId}.`);
  if (c.kind !== 'comment') return rejected('invalid', 'Only public comments can be moderated.');
  const message = getMessage(db, op.messageId);
  if (message === null || message.conversationId !== c.id) {
    return rejected('not-found', `No comment ${op.messageId} in this conversation.`);
  }
  if (message.direction !== 'inbound')
    return rejected('invalid', 'Only comments from the public can be moderated.');
  // As for every other action on a confidential conversation: only staff who may read it.
  if (!mayWorkConversation(actor, c)) {
    return rejected(
      'forbidden',
      'Cannot moderate it: it is confidential and you are not cleared for confidential work.',
    );
  }
  // A public answer goes out only from whoever holds the conversation (or a lead), as a reply does.
  if ((op.action === 'reply' || op.action === 'ask-private') && !mayAnswer(actor, c, op.seenSeq)) {
    // Written (often offline) before the conversation moved on: the words are kept as a
    // note for whoever holds it now, as an ordinary reply's are. Only the canned request
    // to message privately, which nobody typed, is simply refused.
    if (op.body !== undefined) return scope.keepReplyAsNote(c, op.body);
    return rejected('forbidden', 'Cannot answer it in public: the conversation is held by someone else.');
  }
  if (LEAD_ONLY_ACTIONS.has(op.action) && !isLead(actor)) {
    return rejected('forbidden', 'Only shift leads and admins can block an account.');
  }
  const before = getCommentModeration(db, message.id) ?? freshModeration(message.id, c, now);
  const needsComment = op.action !== 'block' && op.action !== 'dismiss';
  if (needsComment && message.platformMessageId === null) {
    return rejected(
      'invalid',
      'The platform did not give this comment an id, so it cannot be acted on there.',
    );
  }
  if (before.state === 'deleted' && op.action !== 'block' && op.action !== 'dismiss') {
    return rejected('conflict', 'The comment has already been deleted.');
  }
  if (op.action === 'delete' && c.platform === 'x') {
    return rejected('invalid', 'X does not let the force delete replies by other people: hide it instead.');
  }
  if (op.action === 'hide' && message.hideable === false) {
    return rejected('invalid', NOT_HIDEABLE);
  }

  let state = before.state;
  let job: ModerationJobKind | null = null;
  let jobTarget = target(c, message);
  let subjectId = message.id;
  let outboundId: string | null = null;
  switch (op.action) {
    case 'hide':
    case 'unhide': {
      const wanted = op.action === 'hide' ? 'hidden' : 'visible';
      if (state !== wanted) job = op.action;
      state = wanted;
      break;
    }
    case 'delete':
      state = 'deleted';
      job = 'delete';
      break;
    case 'dismiss':
      break;
    case 'reply':
    case 'ask-private': {
      const body =
        op.body ?? (op.action === 'ask-private' ? cannedFor('message-privately', c.language) : null);
      if (body === null) return rejected('invalid', 'A public reply needs some text.');
      // The opId, like an ordinary reply: the console's optimistic copy is replaced in place.
      outboundId = op.opId;
      addMessage(
        db,
        now,
        staffMessage({
          opId: outboundId,
          conversationId: c.id,
          authorId: actor.id,
          direction: 'outbound',
          body,
          at: now,
        }),
        c,
      );
      putConversation(db, now, {
        ...c,
        firstResponseAt: c.firstResponseAt ?? now,
        lastResponseAt: now,
        responseDueAt: null,
        updatedAt: now,
      });
      job = 'reply';
      jobTarget = target(c, message, { messageId: outboundId });
      break;
    }
    case 'block': {
      const contact = getContact(db, c.contactId);
      if (contact === null) return rejected('not-found', 'The account that posted this comment is unknown.');
      if (c.accountId === null) return rejected('invalid', 'No page or account is known to block them from.');
      if (getBlockedAccount(db, contact.id) === null) {
        putBlockedAccount(db, now, {
          id: contact.id,
          platform: c.platform,
          reason: op.reason,
          blockedBy: actor.id,
          blockedAt: now,
          messageId: message.id,
          platformSync: 'pending',
          platformError: null,
        });
        job = 'block';
        subjectId = contact.id;
        jobTarget = target(c, message, { userId: contact.platformUserId });
      }
      break;
    }
  }

  const after: CommentModeration = {
    ...before,
    state,
    review: before.review === 'none' ? 'none' : 'done',
    lastAction: op.action,
    reason: op.reason,
    actorId: actor.id,
    actedAt: now,
    platformSync: job !== null && subjectId === message.id ? 'pending' : before.platformSync,
    platformError: job !== null && subjectId === message.id ? null : before.platformError,
    updatedAt: now,
  };
  putCommentModeration(db, now, after, c.confidential);
  if (job !== null) {
    enqueueModerationJob(db, { kind: job, platform: c.platform, subjectId, target: jobTarget, at: now });
  }
  appendAudit(db, {
    at: now,
    actorId: actor.id,
    action: `moderation.${op.action}`,
    subjectId: message.id,
    detail: {
      opId: op.opId,
      reason: op.reason,
      conversationId: c.id,
      contactId: c.contactId,
      platform: c.platform,
      commentId: message.platformMessageId,
      stateBefore: before.state,
      stateAfter: state,
      platformCall: job,
      ...(outboundId === null ? {} : { replyMessageId: outboundId }),
    },
  });
  return ACCEPTED;
}
