import { z } from 'zod';
import { createXPosting } from './x-api-posts';
import { createXModeration } from './x-moderation';
import { xEndpoint, type XCredentials } from './platform-endpoints';
import { requestPlatform } from './platform-request';
import { PlatformError, type OutboundReply, type PlatformAdapter, type SentReply } from './types';

/** The token needs dm.write (replies), tweet.write and media.write (broadcasts). */
export type XApiConfig = XCredentials;

const dmResponseSchema = z.object({
  data: z.object({ dm_conversation_id: z.string(), dm_event_id: z.string() }),
});

/** X API v2: `POST /2/dm_conversations/with/:participant_id/messages`. */
export function createXApiAdapter(config: XApiConfig): PlatformAdapter {
  const x = xEndpoint(config);
  return {
    ...createXModeration(config),
    ...createXPosting(config),
    async sendReply(reply: OutboundReply): Promise<SentReply> {
      if (reply.kind !== 'dm')
        throw new PlatformError('X replies to public posts are not supported yet', false);
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
