import { z } from 'zod';
import { graphEndpoint, graphObjectGone, type GraphCredentials } from './platform-endpoints';
import { callPlatform, refuse, requestPlatform } from './platform-request';
import { PlatformError, type BroadcastPosting, type OutboundPost, type PublishedPost } from './types';

export interface GraphPostsConfig extends GraphCredentials {
  /** The force's Facebook Page; broadcasts go to its feed. */
  readonly pageId?: string;
}

const feedAnswerSchema = z.object({ id: z.string().min(1) });
/** `/{page-id}/photos` answers with the photo id and, for a feed story, the post id. */
const photoAnswerSchema = z.object({ id: z.string().min(1), post_id: z.string().min(1).optional() });

/**
 * Facebook Page posts through the Graph API: `POST /{page-id}/feed` for text,
 * `POST /{page-id}/photos` (multipart `source` + `message`) for an appeal photo,
 * `POST /{post-id}` to edit the message and `DELETE /{post-id}` to take it down.
 */
export function createGraphPosting(config: GraphPostsConfig): BroadcastPosting {
  const graph = graphEndpoint(config);
  const pageId = (): string => {
    if (config.pageId === undefined || config.pageId === '')
      throw new PlatformError('no Facebook Page id configured for broadcasts', false);
    return encodeURIComponent(config.pageId);
  };
  return {
    async publishPost(post: OutboundPost): Promise<PublishedPost> {
      if (post.image === null) {
        const json = await requestPlatform(graph, 'POST', `${pageId()}/feed`, {
          json: { message: post.text },
        });
        const parsed = feedAnswerSchema.safeParse(json);
        // A success without a post id: the post is probably live, so a person checks before any retry.
        if (!parsed.success)
          throw new PlatformError('Graph API answered without a post id', false, 'no-answer');
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
      const json = await requestPlatform(graph, 'POST', `${pageId()}/photos`, { form });
      const parsed = photoAnswerSchema.safeParse(json);
      // A success without a post id: the post is probably live, so a person checks before any retry.
      if (!parsed.success)
        throw new PlatformError('Graph API answered without a photo id', false, 'no-answer');
      return { postId: parsed.data.post_id ?? parsed.data.id };
    },

    async editPost(postId: string, post: OutboundPost): Promise<PublishedPost> {
      await requestPlatform(graph, 'POST', encodeURIComponent(postId), { json: { message: post.text } });
      return { postId };
    },

    async deletePost(postId: string): Promise<void> {
      const answer = await callPlatform(graph, 'DELETE', encodeURIComponent(postId));
      if (!answer.ok && !graphObjectGone(answer)) refuse(answer, graph.platform);
    },
  };
}
