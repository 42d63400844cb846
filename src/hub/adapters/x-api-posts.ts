import { z } from 'zod';
import { callPlatform, refuse } from './platform-request';
import { PlatformError, type BroadcastPosting, type OutboundPost, type PublishedPost } from './types';

export interface XPostsConfig {
  readonly baseUrl: string;
  /** OAuth 2.0 user-context token with tweet.write and media.write. */
  readonly accessToken: string;
  readonly fetch?: typeof fetch;
}

const tweetAnswerSchema = z.object({
  data: z.object({ id: z.string().min(1), text: z.string().optional() }),
});
const mediaAnswerSchema = z.object({ data: z.object({ id: z.string().min(1) }) });
const errorSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

const describe = (json: unknown): string | null => {
  const parsed = errorSchema.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.detail ?? parsed.data.title ?? null;
};

/**
 * X API v2 posts: `POST /2/media/upload` (base64 `media`, `media_category: tweet_image`),
 * `POST /2/tweets` with `media.media_ids`, and `DELETE /2/tweets/:id`. X cannot edit a post
 * through the API, so an edit deletes the old post and publishes the new text.
 */
export function createXPosting(config: XPostsConfig): BroadcastPosting {
  const base = config.baseUrl.replace(/\/+$/, '');
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${config.accessToken}`,
  };

  const uploadMedia = async (image: NonNullable<OutboundPost['image']>): Promise<string> => {
    const answer = await callPlatform({
      platform: 'X API',
      url: new URL(`${base}/2/media/upload`),
      method: 'POST',
      headers,
      body: JSON.stringify({
        media: Buffer.from(image.bytes).toString('base64'),
        media_category: 'tweet_image',
        media_type: image.mime,
      }),
      fetch: config.fetch,
      describeError: describe,
    });
    if (!answer.ok) refuse(answer, 'X API');
    const parsed = mediaAnswerSchema.safeParse(answer.json);
    if (!parsed.success) throw new PlatformError('X API answered the upload without a media id', false);
    return parsed.data.data.id;
  };

  const publishPost = async (post: OutboundPost): Promise<PublishedPost> => {
    const mediaId = post.image === null ? null : await uploadMedia(post.image);
    const answer = await callPlatform({
      platform: 'X API',
      url: new URL(`${base}/2/tweets`),
      method: 'POST',
      headers,
      body: JSON.stringify(
        mediaId === null ? { text: post.text } : { text: post.text, media: { media_ids: [mediaId] } },
      ),
      fetch: config.fetch,
      describeError: describe,
    });
    if (!answer.ok) refuse(answer, 'X API');
    const parsed = tweetAnswerSchema.safeParse(answer.json);
    if (!parsed.success) throw new PlatformError('X API answered without a post id', false);
    return { postId: parsed.data.data.id };
  };

  const deletePost = async (postId: string): Promise<void> => {
    const answer = await callPlatform({
      platform: 'X API',
      url: new URL(`${base}/2/tweets/${encodeURIComponent(postId)}`),
      method: 'DELETE',
      headers: { authorization: headers.authorization },
      fetch: config.fetch,
      describeError: describe,
    });
    if (!answer.ok && answer.status !== 404) refuse(answer, 'X API');
  };

  return {
    publishPost,
    async editPost(postId, post) {
      await deletePost(postId);
      return publishPost(post);
    },
    deletePost,
  };
}
