import { z } from 'zod';
import { createGraphPosting } from './graph-api-posts';
import { createGraphModeration } from './graph-moderation';
import { graphEndpoint, type GraphCredentials } from './platform-endpoints';
import { requestPlatform } from './platform-request';
import { PlatformError, type OutboundReply, type PlatformAdapter, type SentReply } from './types';

export interface GraphApiConfig extends GraphCredentials {
  /** The force's Page, for broadcasts (`/{page-id}/feed`). */
  readonly pageId?: string;
}

const sendApiResponseSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string() });
const commentResponseSchema = z.object({ id: z.string() });

/**
 * Facebook via the Graph API: Messenger Send API for DMs (`POST /{page-id}/messages`)
 * and comment replies (`POST /{comment-id}/comments`).
 */
export function createGraphApiAdapter(config: GraphApiConfig): PlatformAdapter {
  const graph = graphEndpoint(config);
  return {
    ...createGraphModeration(config),
    ...createGraphPosting(config),
    async sendReply(reply: OutboundReply): Promise<SentReply> {
      if (reply.kind === 'comment') {
        if (reply.replyToId === null) throw new PlatformError('no comment to reply to', false);
        const json = await requestPlatform(graph, 'POST', `${encodeURIComponent(reply.replyToId)}/comments`, {
          json: { message: reply.text },
        });
        const parsed = commentResponseSchema.safeParse(json);
        if (!parsed.success) throw new PlatformError('Graph API answered without a comment id', true);
        return { platformMessageId: parsed.data.id };
      }
      if (reply.accountId === null) throw new PlatformError('no page id for this conversation', false);
      const json = await requestPlatform(graph, 'POST', `${encodeURIComponent(reply.accountId)}/messages`, {
        json: {
          recipient: { id: reply.recipientId },
          messaging_type: 'RESPONSE',
          message: { text: reply.text },
        },
      });
      const parsed = sendApiResponseSchema.safeParse(json);
      if (!parsed.success) throw new PlatformError('Graph API answered without a message id', true);
      return { platformMessageId: parsed.data.message_id };
    },
  };
}
