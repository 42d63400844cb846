import type { Conversation, Message } from '../../shared/domain/entities';
import { staffMessage } from '../../shared/domain/staff-message';
import type { Broadcast } from '../../shared/protocol/entities-broadcasts';
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
    case 'account-disable':
    case 'account-enable':
    case 'account-sign-out':
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

type BroadcastSave = Extract<Operation, { type: 'broadcast-save' }>;

/**
 * The photo a save will leave, under the id the hub gives it (`<opId>-image` for a new file
 * or a new description), so a further edit made before the hub answers names the right one.
 */
function forecastImage(current: Broadcast['image'], op: BroadcastSave): Broadcast['image'] {
  if (op.image === null) return null;
  if (op.image !== undefined) {
    const { name, mime, alt, base64 } = op.image;
    return { id: `${op.opId}-image`, name, mime, bytes: Buffer.byteLength(base64, 'base64'), alt };
  }
  // A description for another photo than the one shown will be refused: show the photo as is.
  // (Once the hub's row has arrived the image already carries this op's id and description.)
  if (op.imageAlt === undefined || current === null || current.id !== op.imageAlt.imageId) return current;
  if (current.alt === op.imageAlt.alt) return current;
  return { ...current, id: `${op.opId}-image`, alt: op.imageAlt.alt };
}

/**
 * A saved broadcast as the operator wrote it, before the hub answers: the text, channels
 * and photo they saved. Status and version stay the hub's to say (the row is marked
 * pending meanwhile); a refusal removes the action and with it this forecast.
 */
export function applyToBroadcast(broadcast: Broadcast, op: Operation): Broadcast {
  if (op.type !== 'broadcast-save' || op.broadcastId !== broadcast.id) return broadcast;
  if (broadcast.status === 'retracted') return broadcast;
  return {
    ...broadcast,
    templateId: op.templateId,
    title: op.title,
    textEn: op.textEn,
    textCy: op.textCy,
    channels: [...new Set(op.channels)],
    image: forecastImage(broadcast.image, op),
  };
}
