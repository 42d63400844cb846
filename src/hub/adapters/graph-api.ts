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

const HOUR_MS = 60 * 60 * 1000;
/** Meta's standard messaging window: a Page may answer freely within 24 hours of the person's last message. */
const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Meta's HUMAN_AGENT tag lets a person on the desk (never automation) answer up to 7 days after it. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Told to the reply's author, so they know no retry will help and what to do instead. */
export const MESSENGER_WINDOW_CLOSED =
  'Facebook no longer lets the force message this person: their last message was more than 7 days ago. ' +
  'Ask them to message again, or reply another way.';

type MessagingType = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

/**
 * How the Send API must label a DM reply, by how long ago the person last wrote. A plain
 * RESPONSE after 24 hours is refused by Graph for good, so a desk answering an overnight
 * backlog needs the tag; after 7 days nothing a desk may send gets through, so the reply
 * fails at once rather than after a refused call.
 */
function messagingTypeFor(reply: OutboundReply): MessagingType {
  const sinceLastMessage = reply.attemptAt - reply.lastInboundAt;
  if (sinceLastMessage < STANDARD_WINDOW_MS) return { messaging_type: 'RESPONSE' };
  if (sinceLastMessage <= HUMAN_AGENT_WINDOW_MS) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  throw new PlatformError(MESSENGER_WINDOW_CLOSED, false);
}

const sendApiResponseSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string() });
const commentResponseSchema = z.object({ id: z.string() });

/**
 * Facebook via the Graph API: Messenger Send API for DMs (`POST /{page-id}/messages`)
 * and comment replies (`POST /{comment-id}/comments`). DMs after 24 hours go out with the
 * HUMAN_AGENT tag, which the Page must have been granted (Human Agent permission).
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
        // A success without the id we expect: it was sent all the same, and sending again would repeat it.
        return { platformMessageId: parsed.success ? parsed.data.id : null };
      }
      if (reply.accountId === null) throw new PlatformError('no page id for this conversation', false);
      const messagingType = messagingTypeFor(reply);
      const json = await requestPlatform(graph, 'POST', `${encodeURIComponent(reply.accountId)}/messages`, {
        json: {
          recipient: { id: reply.recipientId },
          ...messagingType,
          message: { text: reply.text },
        },
      });
      const parsed = sendApiResponseSchema.safeParse(json);
      // A success without the id we expect: it was sent all the same, and sending again would repeat it.
      return { platformMessageId: parsed.success ? parsed.data.message_id : null };
    },
  };
}
