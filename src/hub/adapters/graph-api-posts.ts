import { z } from 'zod';
import { callPlatform, refuse, type PlatformAnswer } from './platform-request';
import { PlatformError, type BroadcastPosting, type OutboundPost, type PublishedPost } from './types';

export interface GraphPostsConfig {
  readonly baseUrl: string;
  readonly pageAccessToken: string;
  /** The force's Facebook Page; broadcasts go to its feed. */
  readonly pageId?: string;
  readonly fetch?: typeof fetch;
}

const feedAnswerSchema = z.object({ id: z.string().min(1) });
/** `/{page-id}/photos` answers with the photo id and, for a feed story, the post id. */
const photoAnswerSchema = z.object({ id: z.string().min(1), post_id: z.string().min(1).optional() });
const errorSchema = z.object({
  error: z.object({ message: z.string(), code: z.number().optional() }),
});

const describe = (json: unknown): string | null => {
  const parsed = errorSchema.safeParse(json);
  return parsed.success ? parsed.data.error.message : null;
};

/** Graph error code 100 with 404, or a plain 404: the object does not exist (any more). */
const isGone = (answer: PlatformAnswer): boolean => {
  if (answer.status === 404) return true;
  const parsed = errorSchema.safeParse(answer.json);
  return (
    parsed.success && parsed.data.error.code === 100 && /does not exist/i.test(parsed.data.error.message)
  );
};

function urlFor(config: GraphPostsConfig, path: string): URL {
  const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/${path}`);
  url.searchParams.set('access_token', config.pageAccessToken);
  return url;
}

/**
 * Facebook Page posts through the Graph API: `POST /{page-id}/feed` for text,
 * `POST /{page-id}/photos` (multipart `source` + `message`) for an appeal photo,
 * `POST /{post-id}` to edit the message and `DELETE /{post-id}` to take it down.
 */
export function createGraphPosting(config: GraphPostsConfig): BroadcastPosting {
  const pageId = (): string => {
    if (config.pageId === undefined || config.pageId === '')
      throw new PlatformError('no Facebook Page id configured for broadcasts', false);
    return encodeURIComponent(config.pageId);
  };
  return {
    async publishPost(post: OutboundPost): Promise<PublishedPost> {
      if (post.image === null) {
        const answer = await callPlatform({
          platform: 'Graph API',
          url: urlFor(config, `${pageId()}/feed`),
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: post.text }),
          fetch: config.fetch,
          describeError: describe,
        });
        if (!answer.ok) refuse(answer, 'Graph API');
        const parsed = feedAnswerSchema.safeParse(answer.json);
        if (!parsed.success) throw new PlatformError('Graph API answered without a post id', false);
        return { postId: parsed.data.id };
      }
      const form = new FormData();
      form.set('message', post.text);
      if (post.image.alt !== '') form.set('alt_text_custom', post.image.alt);
      form.set(
        'source',
        new Blob([new Uint8Array(post.image.bytes)], { type: post.image.mime }),
        post.image.name,
      );
      const answer = await callPlatform({
        platform: 'Graph API',
        url: urlFor(config, `${pageId()}/photos`),
        method: 'POST',
        body: form,
        fetch: config.fetch,
        describeError: describe,
      });
      if (!answer.ok) refuse(answer, 'Graph API');
      const parsed = photoAnswerSchema.safeParse(answer.json);
      if (!parsed.success) throw new PlatformError('Graph API answered without a photo id', false);
      return { postId: parsed.data.post_id ?? parsed.data.id };
    },

    async editPost(postId: string, post: OutboundPost): Promise<PublishedPost> {
      const answer = await callPlatform({
        platform: 'Graph API',
        url: urlFor(config, encodeURIComponent(postId)),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: post.text }),
        fetch: config.fetch,
        describeError: describe,
      });
      if (!answer.ok) refuse(answer, 'Graph API');
      return { postId };
    },

    async deletePost(postId: string): Promise<void> {
      const answer = await callPlatform({
        platform: 'Graph API',
        url: urlFor(config, encodeURIComponent(postId)),
        method: 'DELETE',
        fetch: config.fetch,
        describeError: describe,
      });
      if (!answer.ok && !isGone(answer)) refuse(answer, 'Graph API');
    },
  };
}
