import type { ConversationKind, Platform } from '../../shared/domain';
import type { PlatformModeration } from './moderation-types';

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
  /**
   * When the person's latest message in this conversation was sent (the platform's time
   * where believable, else when the hub received it: see `sentTime` in ingest.ts).
   * Messenger lets a Page answer freely only within 24 hours of it, and a human agent
   * within 7 days (Meta's standard messaging window and HUMAN_AGENT tag).
   */
  readonly lastInboundAt: number;
  /**
   * When this attempt is made, by the same clock as `lastInboundAt`: the hub's, not the
   * adapter's, so the window is judged consistently (and can be tested with a set clock).
   */
  readonly attemptAt: number;
}

export interface SentReply {
  /** The platform's id for what we posted, when it tells us. */
  readonly platformMessageId: string | null;
}

/** One public post of a broadcast on one platform (a Facebook Page post, an X post). */
export interface OutboundPost {
  readonly broadcastId: string;
  /** Facebook carries one bilingual post; X one post per language. */
  readonly part: 'bilingual' | 'cy' | 'en';
  readonly text: string;
  readonly image: {
    readonly name: string;
    readonly mime: 'image/png' | 'image/jpeg';
    readonly bytes: Uint8Array;
    readonly alt: string;
  } | null;
  /** The same for every attempt at the same post: adapters that can dedupe use it. */
  readonly idempotencyKey: string;
}

export interface PublishedPost {
  readonly postId: string;
}

/** Broadcast posting (issue 7): publish, edit in place where the platform can, take down. */
export interface BroadcastPosting {
  publishPost(post: OutboundPost): Promise<PublishedPost>;
  /** Replaces a live post's text; platforms that cannot edit repost, so the id may change. */
  editPost(postId: string, post: OutboundPost): Promise<PublishedPost>;
  /** Takes a post down; a post that is already gone counts as done. */
  deletePost(postId: string): Promise<void>;
}

/**
 * One social platform's outbound side: replies and broadcasts; moderation (hide/delete
 * comment) will join here.
 */
export interface PlatformAdapter extends BroadcastPosting, PlatformModeration {
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
    /**
     * Whether the platform may have done it although no success came back: `no-answer` when
     * the call timed out, the link dropped after the request went or a success's body never
     * arrived; `server-error` for a 5xx (the platform says to retry, but a post can be
     * created before one). Sending it again could post to the public twice.
     */
    readonly unsure: 'no' | 'server-error' | 'no-answer' = 'no',
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
