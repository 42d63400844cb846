import type {
  OutboundPost,
  OutboundReply,
  PlatformAdapter,
  PlatformAdapters,
  PublishedPost,
  SentReply,
} from './types';
import { createRecordingModeration, type RecordedModeration } from './recording-moderation';

/** A broadcast post as the recording adapter keeps it. */
export interface RecordedPost {
  readonly platform: 'facebook' | 'x';
  readonly postId: string;
  readonly post: OutboundPost;
  /** Text after the latest edit. */
  text: string;
  deleted: boolean;
}

export interface RecordingAdapters extends PlatformAdapters {
  /** Everything "sent", oldest first. */
  readonly sent: readonly OutboundReply[];
  /** Every broadcast post "published", oldest first. */
  readonly posts: readonly RecordedPost[];
  /** Every moderation call (hide, unhide, delete, block), oldest first. */
  readonly moderated: readonly RecordedModeration[];
}

/** Sends nothing anywhere: keeps what would have gone out. The demo and tests use it. */
export function createRecordingAdapters(): RecordingAdapters {
  const sent: OutboundReply[] = [];
  const posts: RecordedPost[] = [];
  const moderated: RecordedModeration[] = [];
  let counter = 0;
  const make = (platform: 'facebook' | 'x'): PlatformAdapter => ({
    ...createRecordingModeration(platform, moderated),
    sendReply(reply: OutboundReply): Promise<SentReply> {
      sent.push(reply);
      counter += 1;
      return Promise.resolve({ platformMessageId: `recorded-${reply.platform}-${counter}` });
    },
    publishPost(post: OutboundPost): Promise<PublishedPost> {
      // A retry of the same post gets the post it already made, as an idempotent API would.
      const existing = posts.find(
        (p) => p.platform === platform && p.post.idempotencyKey === post.idempotencyKey,
      );
      if (existing !== undefined) return Promise.resolve({ postId: existing.postId });
      counter += 1;
      const postId = `recorded-${platform}-post-${counter}`;
      posts.push({ platform, postId, post, text: post.text, deleted: false });
      return Promise.resolve({ postId });
    },
    editPost(postId: string, post: OutboundPost): Promise<PublishedPost> {
      const existing = posts.find((p) => p.postId === postId);
      if (existing !== undefined) existing.text = post.text;
      return Promise.resolve({ postId });
    },
    deletePost(postId: string): Promise<void> {
      const existing = posts.find((p) => p.postId === postId);
      if (existing !== undefined) existing.deleted = true;
      return Promise.resolve();
    },
  });
  return { facebook: make('facebook'), x: make('x'), sent, posts, moderated };
}
