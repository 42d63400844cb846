import type { Conversation, Message } from '../../shared/domain/entities';
import { staffMessage } from '../../shared/domain/staff-message';
import type { Operation, OperationInput } from '../../shared/protocol/operations';

/**
 * The conversations an action touches; their view is rebuilt when its fate is known. The
 * op's own shape says it: desk-wide actions (status, roster, broadcasts…) name none.
 */
export function targetsOf(op: OperationInput): string[] {
  if (op.type === 'reassign') return op.conversationIds;
  return 'conversationId' in op ? [op.conversationId] : [];
}

/**
 * What the operator should see at once, before the hub answers. It is only a forecast:
 * the hub's own row replaces it as soon as it arrives, so it needs to be plausible, not exact.
 */
export function applyToConversation(
  conversation: Conversation,
  op: Operation,
  operatorId: string,
): Conversation {
  if (!targetsOf(op).includes(conversation.id)) return conversation;
  const at = Math.max(conversation.updatedAt, op.createdAt);
  switch (op.type) {
    case 'claim':
      return { ...conversation, assigneeId: operatorId, leaseExpiresAt: null, updatedAt: at };
    case 'release':
      return { ...conversation, assigneeId: null, leaseExpiresAt: null, updatedAt: at };
    case 'reply':
      // Replying to free work takes it, as the hub does.
      return {
        ...conversation,
        assigneeId: conversation.assigneeId ?? operatorId,
        firstResponseAt: conversation.firstResponseAt ?? op.createdAt,
        lastResponseAt: op.createdAt,
        responseDueAt: null,
        updatedAt: at,
      };
    case 'note':
      return { ...conversation, updatedAt: at };
    case 'resolve':
      return { ...conversation, status: 'resolved', responseDueAt: null, updatedAt: at };
    case 'reopen':
      return { ...conversation, status: 'open', updatedAt: at };
    case 'mark-waiting':
      return { ...conversation, status: 'waiting-on-public', responseDueAt: null, updatedAt: at };
    case 'reassign':
      return { ...conversation, assigneeId: op.toOperatorId, leaseExpiresAt: null, updatedAt: at };
    case 'moderate':
      // A public answer to a comment counts as the desk's response, as a reply does.
      return op.action === 'reply' || op.action === 'ask-private'
        ? { ...conversation, lastResponseAt: op.createdAt, responseDueAt: null, updatedAt: at }
        : conversation;
    case 'open':
    case 'set-status':
    case 'broadcast-save':
    case 'broadcast-submit':
    case 'broadcast-approve':
    case 'broadcast-reject':
    case 'broadcast-emergency-publish':
    case 'broadcast-sign-off':
    case 'broadcast-retry':
    case 'broadcast-retract':
    case 'desk-alert-send':
    case 'desk-alert-ack':
    case 'desk-alert-cancel':
    case 'shift-put':
    case 'shift-remove':
    case 'set-capacity':
    case 'set-sla-policy':
    case 'set-auto-assign':
      return conversation;
  }
}

/** Replies and notes show in the thread at once, under the opId the hub will store them as. */
export function optimisticMessage(op: Operation, operatorId: string): Message | null {
  if (op.type !== 'reply' && op.type !== 'note') return null;
  return staffMessage({
    opId: op.opId,
    conversationId: op.conversationId,
    authorId: operatorId,
    direction: op.type === 'reply' ? 'outbound' : 'note',
    body: op.body,
    at: op.createdAt,
  });
}
