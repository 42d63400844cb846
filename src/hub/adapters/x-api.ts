import { z } from 'zod';
import { createXPosting } from './x-api-posts';
import { createXModeration } from './x-moderation';
import { PlatformError, type OutboundReply, type PlatformAdapter, type SentReply } from './types';

export interface XApiConfig {
  /** e.g. https://api.x.com */
  readonly baseUrl: string;
  /** OAuth 2.0 user-context token with dm.write for the force's account. */
  readonly accessToken: string;
  readonly fetch?: typeof fetch;
}

const dmResponseSchema = z.object({
  data: z.object({ dm_conversation_id: z.string(), dm_event_id: z.string() }),
});
const errorResponseSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

/** X API v2: `POST /2/dm_conversations/with/:participant_id/messages`. */
export function createXApiAdapter(config: XApiConfig): PlatformAdapter {
  return {
    ...createXModeration(config),
    ...createXPosting(config),
    async sendReply(reply: OutboundReply): Promise<SentReply> {
      if (reply.kind !== 'dm')
        throw new PlatformError('X replies to public posts are not supported yet', false);
      const url = `${config.baseUrl.replace(/\/+$/, '')}/2/dm_conversations/with/${encodeURIComponent(reply.recipientId)}/messages`;
      let response: Response;
      try {
        response = await (config.fetch ?? fetch)(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${config.accessToken}` },
          body: JSON.stringify({ text: reply.text }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new PlatformError(
          `X API unreachable: ${error instanceof Error ? error.message : String(error)}`,
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
        const message = parsed.success ? (parsed.data.detail ?? parsed.data.title ?? '') : text.slice(0, 200);
        throw new PlatformError(
          `X API ${response.status}: ${message}`,
          response.status >= 500 || response.status === 429,
        );
      }
      const parsed = dmResponseSchema.safeParse(json);
      if (!parsed.success) throw new PlatformError('X API answered without a dm_event_id', true);
      return { platformMessageId: parsed.data.data.dm_event_id };
    },
  };
}
