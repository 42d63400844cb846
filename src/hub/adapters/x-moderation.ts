import { z } from 'zod';
import type { AccountTarget, CommentTarget, PlatformModeration } from './moderation-types';
import { xEndpoint, type XCredentials } from './platform-endpoints';
import { requestPlatform } from './platform-request';
import { PlatformError } from './types';

const hiddenSchema = z.object({ data: z.object({ hidden: z.boolean() }) });
const blockingSchema = z.object({ data: z.object({ blocking: z.boolean() }) });

/**
 * X moderation through API v2: hide replies (`PUT /2/tweets/:id/hidden`) and blocks
 * (`POST /2/users/:id/blocking`). X has no way for an account to delete someone else's
 * reply, so the hub refuses that action before it gets here.
 */
export function createXModeration(config: XCredentials): PlatformModeration {
  const x = xEndpoint(config);
  return {
    async setCommentHidden(target: CommentTarget, hidden: boolean) {
      const json = await requestPlatform(
        x,
        'PUT',
        `/2/tweets/${encodeURIComponent(target.commentId)}/hidden`,
        {
          json: { hidden },
        },
      );
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
      const json = await requestPlatform(
        x,
        'POST',
        `/2/users/${encodeURIComponent(target.accountId)}/blocking`,
        { json: { target_user_id: target.userId } },
      );
      const parsed = blockingSchema.safeParse(json);
      if (!parsed.success || !parsed.data.data.blocking) {
        throw new PlatformError('X API did not confirm the block', true);
      }
    },
  };
}
