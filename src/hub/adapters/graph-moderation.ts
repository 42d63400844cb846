import { z } from 'zod';
import type { AccountTarget, CommentTarget, PlatformModeration } from './moderation-types';
import { graphEndpoint, graphObjectGone, type GraphCredentials } from './platform-endpoints';
import { callPlatform, refuse, requestPlatform } from './platform-request';
import { PlatformError } from './types';

const successSchema = z.object({ success: z.boolean() });
/** `POST /{page-id}/blocked` answers with a map of each id to whether it is now blocked. */
const blockedSchema = z.record(z.string(), z.boolean());

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
export function createGraphModeration(config: GraphCredentials): PlatformModeration {
  const graph = graphEndpoint(config);
  return {
    async setCommentHidden(target: CommentTarget, hidden: boolean) {
      const json = await requestPlatform(graph, 'POST', encodeURIComponent(target.commentId), {
        json: { is_hidden: hidden },
      });
      requireSuccess(json, hidden ? 'hide' : 'unhide');
    },
    async deleteComment(target: CommentTarget) {
      const answer = await callPlatform(graph, 'DELETE', encodeURIComponent(target.commentId));
      // A comment its author (or another admin) already deleted is what the desk asked for:
      // reporting it as refused would tell the operator a removed comment is still up.
      if (!answer.ok && graphObjectGone(answer)) return;
      if (!answer.ok) refuse(answer, graph.platform);
      requireSuccess(answer.json, 'delete');
    },
    async blockAccount(target: AccountTarget) {
      const json = await requestPlatform(graph, 'POST', `${encodeURIComponent(target.accountId)}/blocked`, {
        json: { user: [target.userId] },
      });
      const parsed = blockedSchema.safeParse(json);
      if (!parsed.success || parsed.data[target.userId] !== true) {
        throw new PlatformError('Graph API did not confirm the block', true);
      }
    },
  };
}
