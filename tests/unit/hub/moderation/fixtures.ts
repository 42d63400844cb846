import { fakePlatform, type FakePlatform, type Seen } from '../../../support/fake-platform';
import { hubRows } from '../../../support/hub';
import type { Change } from '../../../../src/shared/protocol';
import { allChanges, type RawConsole } from '../helpers';

export { fakePlatform, type FakePlatform, type Seen };

/** Graph API answers as documented: `{success: true}` for comment edits, a map for blocks. */
export function graphAnswer(seen: Seen): { status: number; json: unknown } {
  if (seen.url.includes('/blocked')) {
    const users = (seen.body as { user?: string[] } | null)?.user ?? [];
    return { status: 200, json: Object.fromEntries(users.map((u) => [u, true])) };
  }
  if (seen.url.includes('/comments')) return { status: 200, json: { id: 'PAGE1_POST1_reply' } };
  return { status: 200, json: { success: true } };
}

/**
 * Graph's documented answer for an object that is gone (here, a comment its author
 * deleted): HTTP 400, code 100, subcode 33.
 */
export function graphObjectMissing(id: string): { status: number; json: unknown } {
  return {
    status: 400,
    json: {
      error: {
        message:
          `Unsupported delete request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
          'missing permissions, or does not support this operation. Please read the Graph API ' +
          'documentation at https://developers.facebook.com/docs/graph-api',
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: 'AqMvhP1xY8Ksz1yQ',
      },
    },
  };
}

export interface AuditRow {
  readonly action: string;
  readonly actorId: string | null;
  readonly subjectId: string | null;
  readonly detail: Record<string, unknown>;
}

export function auditRows(hubDir: string, prefix: string): AuditRow[] {
  const rows = hubRows<{
    action: string;
    actorId: string | null;
    subjectId: string | null;
    detail: string;
  }>(
    hubDir,
    'SELECT action, actor_id AS actorId, subject_id AS subjectId, detail FROM audit WHERE action LIKE ? ORDER BY id',
    `${prefix}%`,
  );
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export { hubRows };

/** The inbound message a console received for a platform comment id. */
export async function commentMessage(
  c: RawConsole,
  commentId: string,
): Promise<{ messageId: string; conversationId: string }> {
  const change = await c.waitFor(() =>
    allChanges(c).find(
      (ch): ch is Extract<Change, { entity: 'message' }> =>
        ch.entity === 'message' && ch.data.platformMessageId === commentId,
    ),
  );
  return { messageId: change.data.id, conversationId: change.data.conversationId };
}

/** The latest moderation record of a comment as the console received it. */
export function latestModeration(c: RawConsole, messageId: string) {
  return allChanges(c)
    .filter(
      (ch): ch is Extract<Change, { entity: 'comment-moderation' }> => ch.entity === 'comment-moderation',
    )
    .filter((ch) => ch.data.id === messageId)
    .at(-1)?.data;
}
