import { z } from 'zod';
import { createGraphPosting } from './graph-api-posts';
import { createGraphModeration } from './graph-moderation';
import { PlatformError, type OutboundReply, type PlatformAdapter, type SentReply } from './types';

export interface GraphApiConfig {
  /** e.g. https://graph.facebook.com/v21.0 */
  readonly baseUrl: string;
  readonly pageAccessToken: string;
  /** The force's Page, for broadcasts (`/{page-id}/feed`). */
  readonly pageId?: string;
  readonly fetch?: typeof fetch;
}

const sendApiResponseSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string() });
const commentResponseSchema = z.object({ id: z.string() });
const errorResponseSchema = z.object({
  error: z.object({ message: z.string(), code: z.number().optional() }),
});

async function post(config: GraphApiConfig, path: string, body: unknown): Promise<unknown> {
  const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/${path}`);
  url.searchParams.set('access_token', config.pageAccessToken);
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new PlatformError(
      `Graph API unreachable: ${error instanceof Error ? error.message : String(error)}`,
      true,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // handled below
  }
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(json);
    const message = parsed.success ? parsed.data.error.message : text.slice(0, 200);
    throw new PlatformError(
      `Graph API ${response.status}: ${message}`,
      response.status >= 500 || response.status === 429,
    );
  }
  return json;
}

/**
 * Facebook via the Graph API: Messenger Send API for DMs (`POST /{page-id}/messages`)
 * and comment replies (`POST /{comment-id}/comments`).
 */
export function createGraphApiAdapter(config: GraphApiConfig): PlatformAdapter {
  return {
    ...createGraphModeration(config),
    ...createGraphPosting(config),
    async sendReply(reply: OutboundReply): Promise<SentReply> {
      if (reply.kind === 'comment') {
        if (reply.replyToId === null) throw new PlatformError('no comment to reply to', false);
        const json = await post(config, `${encodeURIComponent(reply.replyToId)}/comments`, {
          message: reply.text,
        });
        const parsed = commentResponseSchema.safeParse(json);
        if (!parsed.success) throw new PlatformError('Graph API answered without a comment id', true);
        return { platformMessageId: parsed.data.id };
      }
      if (reply.accountId === null) throw new PlatformError('no page id for this conversation', false);
      const json = await post(config, `${encodeURIComponent(reply.accountId)}/messages`, {
        recipient: { id: reply.recipientId },
        messaging_type: 'RESPONSE',
        message: { text: reply.text },
      });
      const parsed = sendApiResponseSchema.safeParse(json);
      if (!parsed.success) throw new PlatformError('Graph API answered without a message id', true);
      return { platformMessageId: parsed.data.message_id };
    },
  };
}
