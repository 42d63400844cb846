import { z } from 'zod';
import { xEndpoint, type XCredentials } from './platform-endpoints';
import { callPlatform, refuse, requestPlatform } from './platform-request';
import { PlatformError, type BroadcastPosting, type OutboundPost, type PublishedPost } from './types';

/** The token needs tweet.write and media.write. */
export type XPostsConfig = XCredentials;

const tweetAnswerSchema = z.object({
  data: z.object({ id: z.string().min(1), text: z.string().optional() }),
});
const mediaAnswerSchema = z.object({ data: z.object({ id: z.string().min(1) }) });

/**
 * X API v2 posts: `POST /2/media/upload` (base64 `media`, `media_category: tweet_image`),
 * `POST /2/tweets` with `media.media_ids`, and `DELETE /2/tweets/:id`. X cannot edit a post
 * through the API, so an edit deletes the old post and publishes the new text.
 */
export function createXPosting(config: XPostsConfig): BroadcastPosting {
  const x = xEndpoint(config);

  const uploadMedia = async (image: NonNullable<OutboundPost['image']>): Promise<string> => {
    const json = await requestPlatform(x, 'POST', '/2/media/upload', {
      json: {
        media: Buffer.from(image.bytes).toString('base64'),
        media_category: 'tweet_image',
        media_type: image.mime,
      },
    });
    const parsed = mediaAnswerSchema.safeParse(json);
    if (!parsed.success) throw new PlatformError('X API answered the upload without a media id', false);
    return parsed.data.data.id;
  };

  const publishPost = async (post: OutboundPost): Promise<PublishedPost> => {
    const mediaId = post.image === null ? null : await uploadMedia(post.image);
    const json = await requestPlatform(x, 'POST', '/2/tweets', {
      json: mediaId === null ? { text: post.text } : { text: post.text, media: { media_ids: [mediaId] } },
    });
    const parsed = tweetAnswerSchema.safeParse(json);
    // A success without a post id: the post is probably live, so a person checks before any retry.
    if (!parsed.success) throw new PlatformError('X API answered without a post id', false, 'no-answer');
    return { postId: parsed.data.data.id };
  };

  const deletePost = async (postId: string): Promise<void> => {
    const answer = await callPlatform(x, 'DELETE', `/2/tweets/${encodeURIComponent(postId)}`);
    if (!answer.ok && answer.status !== 404) refuse(answer, x.platform);
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
