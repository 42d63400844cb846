import type { Message } from '../../shared/domain';
import type { CommentModeration } from '../../shared/protocol';
import { assessComment, type CommentAssessment } from '../../shared/moderation/flags';
import type { TriageResult } from '../../shared/triage';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import type { HubConversation } from '../db/conversations';
import { getCommentModeration } from '../db/moderation';
import { enqueueModerationJob } from '../db/moderation-jobs';
import { freshModeration } from './base';
import { putCommentModeration } from './record';

/**
 * Runs inside the ingest transaction for every inbound message. Public comments with
 * profanity or hate are hidden at once and listed for review; personal details, other
 * breaches and crime reports are flagged for a person to decide, with the reason and the
 * reply to offer. The hub does this (not a console) so it happens with nobody on shift.
 */
export function moderateIncoming(
  ctx: HubContext,
  conversation: HubConversation,
  message: Message,
  result: TriageResult,
  now: number,
): void {
  if (conversation.kind !== 'comment' || message.direction !== 'inbound') return;
  moderateFirstTime(ctx, conversation, message, result, now, false);
}

function moderateFirstTime(
  ctx: HubContext,
  conversation: HubConversation,
  message: Message,
  result: TriageResult,
  now: number,
  edited: boolean,
): void {
  const assessment = assessComment(result);
  if (!assessment.autoHide && assessment.flags.length === 0) return;
  const base = freshModeration(message.id, conversation, now);
  const hide = assessment.autoHide && mayHide(message);
  record(ctx, conversation, message, now, {
    moderation: {
      ...base,
      state: hide ? 'hidden' : 'visible',
      review: 'pending',
      flags: [...assessment.flags],
      autoHidden: hide,
      suggestedReason: assessment.suggestedReason,
      suggestedCanned: assessment.suggestedCanned,
      lastAction: hide ? 'hide' : null,
      reason: hide ? assessment.suggestedReason : null,
      actedAt: hide ? now : null,
      platformSync: hide ? 'pending' : 'none',
    },
    hide,
    assessment,
    edited,
  });
}

/**
 * The same checks for a comment its author has just edited: the new text is judged as a
 * new comment would be, but only ever adds to what the desk already decided. A comment
 * edited into abuse is hidden even if someone had unhidden the old text (that decision
 * was about words no longer there); one edited clean stays as it was until a person acts,
 * since hiding and unhiding are people's decisions. A deleted comment is left alone.
 */
export function moderateEdited(
  ctx: HubContext,
  conversation: HubConversation,
  message: Message,
  result: TriageResult,
  now: number,
): void {
  if (conversation.kind !== 'comment' || message.direction !== 'inbound') return;
  const before = getCommentModeration(ctx.db, message.id);
  if (before === null) {
    moderateFirstTime(ctx, conversation, message, result, now, true);
    return;
  }
  if (before.state === 'deleted') return;
  const assessment = assessComment(result);
  const added = assessment.flags.filter((flag) => !before.flags.includes(flag));
  const hide = assessment.autoHide && before.state === 'visible' && mayHide(message);
  if (added.length === 0 && !hide) return;
  record(ctx, conversation, message, now, {
    moderation: {
      ...before,
      state: hide ? 'hidden' : before.state,
      // New grounds for concern: someone must look again, even if they had looked before.
      review: 'pending',
      flags: [...before.flags, ...added],
      autoHidden: before.autoHidden || hide,
      suggestedReason: assessment.suggestedReason ?? before.suggestedReason,
      suggestedCanned: assessment.suggestedCanned ?? before.suggestedCanned,
      lastAction: hide ? 'hide' : before.lastAction,
      reason: hide ? assessment.suggestedReason : before.reason,
      actorId: hide ? null : before.actorId,
      actedAt: hide ? now : before.actedAt,
      platformSync: hide ? 'pending' : before.platformSync,
      platformError: hide ? null : before.platformError,
      updatedAt: now,
    },
    hide,
    assessment,
    edited: true,
  });
}

/**
 * Whether the platform can be asked to hide it: it has an id there, and the platform allows
 * it (X hides only replies). Otherwise abuse is only flagged, so a person can block or report
 * the account, and nobody is told that a hide which could never work has failed.
 */
const mayHide = (message: Message): boolean =>
  message.platformMessageId !== null && message.hideable !== false;

function record(
  ctx: HubContext,
  conversation: HubConversation,
  message: Message,
  now: number,
  decision: {
    moderation: CommentModeration;
    hide: boolean;
    assessment: CommentAssessment;
    edited: boolean;
  },
): void {
  const { moderation, hide, assessment, edited } = decision;
  putCommentModeration(ctx.db, now, moderation, conversation.confidential);
  if (hide && message.platformMessageId !== null) {
    enqueueModerationJob(ctx.db, {
      kind: 'hide',
      platform: conversation.platform,
      subjectId: message.id,
      target: {
        commentId: message.platformMessageId,
        accountId: conversation.accountId,
        userId: null,
        messageId: null,
        conversationId: conversation.id,
      },
      at: now,
    });
  }
  appendAudit(ctx.db, {
    at: now,
    actorId: null,
    action: hide ? 'moderation.auto-hide' : 'moderation.flag',
    subjectId: message.id,
    detail: {
      conversationId: conversation.id,
      platform: conversation.platform,
      commentId: message.platformMessageId,
      flags: assessment.flags,
      reason: assessment.suggestedReason,
      suggestedCanned: assessment.suggestedCanned,
      ...(edited ? { edited: true } : {}),
      ...(message.hideable === false ? { hideable: false } : {}),
    },
  });
}
