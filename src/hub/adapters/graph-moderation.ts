import { z } from 'zod';
import type { GraphApiConfig } from './graph-api';
import type { AccountTarget, CommentTarget, PlatformModeration } from './moderation-types';
import { PlatformError } from './types';

const successSchema = z.object({ success: z.boolean() });
/** `POST /{page-id}/blocked` answers with a map of each id to whether it is now blocked. */
const blockedSchema = z.record(z.string(), z.boolean());
const errorSchema = z.object({ error: z.object({ message: z.string(), code: z.number().optional() }) });

async function call(
  config: GraphApiConfig,
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
): Promise<unknown> {
  const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/${path}`);
  url.searchParams.set('access_token', config.pageAccessToken);
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
    const parsed = errorSchema.safeParse(json);
    throw new PlatformError(
      `Graph API ${response.status}: ${parsed.success ? parsed.data.error.message : text.slice(0, 200)}`,
      response.status >= 500 || response.status === 429,
    );
  }
  return json;
}

function requireSuccess(json: unknown, what: string): void {
  const parsed = successSchema.safeParse(json);
  if (!parsed.success || !parsed.data.success) {
    throw new PlatformError(`Graph API did not confirm the ${what}`, true);
  }
}

/**
 * Facebook Page comment moderation through the Graph API: `POST /{comment-id}` with
 * `is_hidden`, `DELETE /{comment-id}`, and `POST /{page-id}/blocked` with `user`.
 */
export function createGraphModeration(config: GraphApiConfig): PlatformModeration {
  return {
    async setCommentHidden(target: CommentTarget, hidden: boolean) {
      const json = await call(config, 'POST', encodeURIComponent(target.commentId), { is_hidden: hidden });
      requireSuccess(json, hidden ? 'hide' : 'unhide');
    },
    async deleteComment(target: CommentTarget) {
      const json = await call(config, 'DELETE', encodeURIComponent(target.commentId), undefined);
      requireSuccess(json, 'delete');
    },
    async blockAccount(target: AccountTarget) {
      const json = await call(config, 'POST', `${encodeURIComponent(target.accountId)}/blocked`, {
        user: [target.userId],
      });
      const parsed = blockedSchema.safeParse(json);
      if (!parsed.success || parsed.data[target.userId] !== true) {
        throw new PlatformError('Graph API did not confirm the block', true);
      }
    },
  };
}
