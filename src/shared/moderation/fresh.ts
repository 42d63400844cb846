import type { Conversation } from '../domain/entities';
import type { CommentModeration } from '../protocol/entities-moderation';

/** A comment nobody has acted on yet: visible, nothing to review. */
export function freshModeration(
  messageId: string,
  conversation: Pick<Conversation, 'id' | 'contactId' | 'platform'>,
  at: number,
): CommentModeration {
  return {
    id: messageId,
    conversationId: conversation.id,
    contactId: conversation.contactId,
    platform: conversation.platform,
    state: 'visible',
    review: 'none',
    flags: [],
    autoHidden: false,
    suggestedReason: null,
    suggestedCanned: null,
    lastAction: null,
    reason: null,
    actorId: null,
    actedAt: null,
    platformSync: 'none',
    platformError: null,
    createdAt: at,
    updatedAt: at,
  };
}
