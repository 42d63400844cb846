import type { Message } from './entities';

/**
 * A message staff wrote in an operation, as the hub stores it and as the console shows it
 * until the hub's row arrives. Its id is the operation's id, so that row replaces the
 * console's copy in place.
 */
export const staffMessage = (m: {
  readonly opId: string;
  readonly conversationId: string;
  readonly authorId: string;
  readonly direction: 'note' | 'outbound';
  readonly body: string;
  readonly at: number;
}): Message => ({
  id: m.opId,
  conversationId: m.conversationId,
  direction: m.direction,
  authorId: m.authorId,
  body: m.body,
  redacted: false,
  platformMessageId: null,
  createdAt: m.at,
});
