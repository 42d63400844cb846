import type { Message } from '../../shared/domain';
import { assessComment } from '../../shared/moderation/flags';
import type { TriageResult } from '../../shared/triage';
import type { HubContext } from '../context';
import { appendAudit } from '../db/audit';
import type { HubConversation } from '../db/conversations';
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
  const assessment = assessComment(result);
  if (!assessment.autoHide && assessment.flags.length === 0) return;
  const base = freshModeration(message.id, conversation, now);
  const hide = assessment.autoHide && message.platformMessageId !== null;
  putCommentModeration(
    ctx.db,
    now,
    {
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
    conversation.confidential,
  );
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
    },
  });
}
