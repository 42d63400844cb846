import type { Conversation, Operator } from './entities';

/** Shift leads and admins: who supervises the desk, moves work and approves broadcasts. */
export const isLead = (operator: Pick<Operator, 'role'>): boolean =>
  operator.role === 'lead' || operator.role === 'admin';

/** Desk administrators: who manage accounts besides supervising. */
export const isAdmin = (operator: Pick<Operator, 'role'>): boolean => operator.role === 'admin';

/** Cleared staff may read intelligence and sexual-offence reports (the `confidential` skill). */
export const isCleared = (operator: Pick<Operator, 'skills'>): boolean =>
  operator.skills.includes('confidential');

/**
 * Whether someone may work a conversation (claim, answer, resolve, moderate): a
 * confidential one only if they are cleared to read it. The hub enforces it; consoles use
 * it to offer only what the hub will accept.
 */
export const mayWorkConversation = (
  operator: Pick<Operator, 'skills'>,
  conversation: Pick<Conversation, 'confidential'>,
): boolean => !conversation.confidential || isCleared(operator);

/**
 * Everything the hub's `visibleRecord` (src/hub/sync/visibility.ts) looks at besides the
 * viewer's own id: operators with the same key see the same version of any change not
 * addressed to one person. The hub encodes a batch once for all of them; a console whose
 * operator's key changed must start its cache again. Change one, change the other.
 */
export const visibilityKey = (viewer: Pick<Operator, 'skills' | 'role'>): string =>
  `${isCleared(viewer) ? 'cleared' : 'uncleared'}:${isLead(viewer) ? 'lead' : 'operator'}`;
