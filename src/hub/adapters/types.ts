import type { ConversationKind, Platform } from '../../shared/domain';

/** Everything a platform needs to post one reply. */
export interface OutboundReply {
  readonly platform: Platform;
  readonly kind: ConversationKind;
  readonly messageId: string;
  readonly conversationId: string;
  /** The member of the public: Page-scoped id (Facebook) or user id (X). */
  readonly recipientId: string;
  /** Our page / account the conversation came in on. */
  readonly accountId: string | null;
  /** For comments: the comment to answer under. */
  readonly replyToId: string | null;
  readonly text: string;
}

export interface SentReply {
  /** The platform's id for what we posted, when it tells us. */
  readonly platformMessageId: string | null;
}

/**
 * One social platform's outbound side. Replies now; moderation (hide/delete comment) and
 * broadcasts (page posts) will join here.
 */
export interface PlatformAdapter {
  sendReply(reply: OutboundReply): Promise<SentReply>;
}

export interface PlatformAdapters {
  readonly facebook: PlatformAdapter;
  readonly x: PlatformAdapter;
}

export class PlatformError extends Error {
  constructor(
    message: string,
    /** false for errors a retry cannot fix (bad request, missing target). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
