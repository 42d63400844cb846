import { z } from 'zod';
import { createXPosting } from './x-api-posts';
import { createXModeration } from './x-moderation';
import { xEndpoint, type XCredentials } from './platform-endpoints';
import { requestPlatform } from './platform-request';
import { PlatformError, type OutboundReply, type PlatformAdapter, type SentReply } from './types';

/** The token needs dm.write (DM replies), tweet.write (public replies, broadcasts) and media.write. */
export type XApiConfig = XCredentials;

const postResponseSchema = z.object({ data: z.object({ id: z.string() }) });

const dmResponseSchema = z.object({
  data: z.object({ dm_conversation_id: z.string(), dm_event_id: z.string() }),
});

/**
 * X API v2: DMs with `POST /2/dm_conversations/with/:participant_id/messages`, public
 * answers with `POST /2/tweets`.
 */
export function createXApiAdapter(config: XApiConfig): PlatformAdapter {
  const x = xEndpoint(config);
  /** A public answer under the post: `POST /2/tweets` with `reply.in_reply_to_tweet_id`. */
  const answerInPublic = async (reply: OutboundReply): Promise<SentReply> => {
    if (reply.replyToId === null) throw new PlatformError('no X post to answer under', false);
    const json = await requestPlatform(x, 'POST', '/2/tweets', {
      json: { text: reply.text, reply: { in_reply_to_tweet_id: reply.replyToId } },
    });
    const parsed = postResponseSchema.safeParse(json);
    return { platformMessageId: parsed.success ? parsed.data.data.id : null };
  };
  return {
    ...createXModeration(config),
    ...createXPosting(config),
    async sendReply(reply: OutboundReply): Promise<SentReply> {
      if (reply.kind === 'comment') return answerInPublic(reply);
      const json = await requestPlatform(
        x,
        'POST',
        `/2/dm_conversations/with/${encodeURIComponent(reply.recipientId)}/messages`,
        { json: { text: reply.text } },
      );
      const parsed = dmResponseSchema.safeParse(json);
      // A success without the id we expect: it was sent all the same, and sending again would repeat it.
      return { platformMessageId: parsed.success ? parsed.data.data.dm_event_id : null };
    },
  };
}
