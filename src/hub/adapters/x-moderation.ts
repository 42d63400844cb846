import { z } from 'zod';
import type { AccountTarget, CommentTarget, PlatformModeration } from './moderation-types';
import { PlatformError } from './types';
import type { XApiConfig } from './x-api';

const hiddenSchema = z.object({ data: z.object({ hidden: z.boolean() }) });
const blockingSchema = z.object({ data: z.object({ blocking: z.boolean() }) });
const errorSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

async function call(
  config: XApiConfig,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
): Promise<unknown> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.accessToken}` },
      body: JSON.stringify(body),
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
    const parsed = errorSchema.safeParse(json);
    const message = parsed.success ? (parsed.data.detail ?? parsed.data.title ?? '') : text.slice(0, 200);
    throw new PlatformError(
      `X API ${response.status}: ${message}`,
      response.status >= 500 || response.status === 429,
    );
  }
  return json;
}

/**
 * X moderation through API v2: hide replies (`PUT /2/tweets/:id/hidden`) and blocks
 * (`POST /2/users/:id/blocking`). X has no way for an account to delete someone else's
 * reply, so the hub refuses that action before it gets here.
 */
export function createXModeration(config: XApiConfig): PlatformModeration {
  return {
    async setCommentHidden(target: CommentTarget, hidden: boolean) {
      const json = await call(config, 'PUT', `/2/tweets/${encodeURIComponent(target.commentId)}/hidden`, {
        hidden,
      });
      const parsed = hiddenSchema.safeParse(json);
      if (!parsed.success || parsed.data.data.hidden !== hidden) {
        throw new PlatformError('X API did not confirm the reply visibility', true);
      }
    },
    deleteComment() {
      return Promise.reject(
        new PlatformError('X does not let an account delete replies by other people; hide it instead', false),
      );
    },
    async blockAccount(target: AccountTarget) {
      const json = await call(config, 'POST', `/2/users/${encodeURIComponent(target.accountId)}/blocking`, {
        target_user_id: target.userId,
      });
      const parsed = blockingSchema.safeParse(json);
      if (!parsed.success || !parsed.data.data.blocking) {
        throw new PlatformError('X API did not confirm the block', true);
      }
    },
  };
}
