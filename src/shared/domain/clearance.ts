import type { Conversation, Operator } from './entities';

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
