/** One public comment on our page (Facebook) or a reply to our post (X). */
export interface CommentTarget {
  /** The platform's id of the comment. */
  readonly commentId: string;
  /** Our page (Facebook) or account (X) it was posted to. */
  readonly accountId: string | null;
}

/** A member of the public to block from our page or account. */
export interface AccountTarget {
  readonly accountId: string;
  /** Their platform id: the commenter's id on Facebook, the user id on X. */
  readonly userId: string;
}

/**
 * The moderation side of a platform. Each call is idempotent at the platform (hiding a
 * hidden comment succeeds), so a retry after an interrupted call is safe.
 */
export interface PlatformModeration {
  setCommentHidden(target: CommentTarget, hidden: boolean): Promise<void>;
  deleteComment(target: CommentTarget): Promise<void>;
  blockAccount(target: AccountTarget): Promise<void>;
}
