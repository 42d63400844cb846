import { afterEach, describe, expect, it } from 'vitest';
import { createGraphApiAdapter } from '../../../../src/hub/adapters/graph-api';
import { PlatformError } from '../../../../src/hub/adapters/types';
import { createXApiAdapter } from '../../../../src/hub/adapters/x-api';
import { fakePlatform, graphAnswer, graphObjectMissing, type FakePlatform } from './fixtures';

const fakes: FakePlatform[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(answer: Parameters<typeof fakePlatform>[0]): Promise<FakePlatform> {
  const f = await fakePlatform(answer);
  fakes.push(f);
  return f;
}

const comment = { commentId: '123_456', accountId: 'PAGE-7' };

describe('Graph API moderation', () => {
  it('hides, unhides and deletes a comment and blocks its author, as documented', async () => {
    const f = await fake(graphAnswer);
    const graph = createGraphApiAdapter({ baseUrl: `${f.url}/v21.0`, pageAccessToken: 'tok' });
    await graph.setCommentHidden(comment, true);
    await graph.setCommentHidden(comment, false);
    await graph.deleteComment(comment);
    await graph.blockAccount({ accountId: 'PAGE-7', userId: 'user-9' });
    expect(f.seen.map((s) => [s.method, new URL(s.url, f.url).pathname, s.body])).toEqual([
      ['POST', '/v21.0/123_456', { is_hidden: true }],
      ['POST', '/v21.0/123_456', { is_hidden: false }],
      ['DELETE', '/v21.0/123_456', null],
      ['POST', '/v21.0/PAGE-7/blocked', { user: ['user-9'] }],
    ]);
    expect(f.seen.every((s) => new URL(s.url, f.url).searchParams.get('access_token') === 'tok')).toBe(true);
  });

  it('a refusal is final, a server error or an unconfirmed answer is retried', async () => {
    let status = 400;
    const f = await fake(() =>
      status === 200
        ? { status: 200, json: { success: false } }
        : { status, json: { error: { message: 'Unsupported post request', code: 100 } } },
    );
    const graph = createGraphApiAdapter({ baseUrl: f.url, pageAccessToken: 'tok' });
    const bad = await graph.setCommentHidden(comment, true).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PlatformError);
    expect((bad as PlatformError).retryable).toBe(false);
    expect((bad as PlatformError).message).toContain('Unsupported post request');
    status = 503;
    expect(((await graph.deleteComment(comment).catch((e: unknown) => e)) as PlatformError).retryable).toBe(
      true,
    );
    status = 200;
    expect(((await graph.deleteComment(comment).catch((e: unknown) => e)) as PlatformError).retryable).toBe(
      true,
    );
  });

  it('deleting a comment that is already gone succeeds: the goal is reached', async () => {
    let answer: { status: number; json: unknown } = graphObjectMissing(comment.commentId);
    const f = await fake(() => answer);
    const graph = createGraphApiAdapter({ baseUrl: f.url, pageAccessToken: 'tok' });
    await graph.deleteComment(comment);
    answer = { status: 404, json: { error: { message: 'Not found', code: 803 } } };
    await graph.deleteComment(comment);
    expect(f.seen.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
    // Any other refusal of a delete is still final and reported.
    answer = { status: 403, json: { error: { message: '(#200) Permissions error', code: 200 } } };
    const refused = await graph.deleteComment(comment).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).retryable).toBe(false);
    expect((refused as PlatformError).message).toContain('Permissions error');
  });

  it('a block the answer does not confirm is an error', async () => {
    const f = await fake(() => ({ status: 200, json: { 'user-9': false } }));
    const graph = createGraphApiAdapter({ baseUrl: f.url, pageAccessToken: 'tok' });
    await expect(graph.blockAccount({ accountId: 'PAGE-7', userId: 'user-9' })).rejects.toThrow(/block/);
  });
});

describe('X API moderation', () => {
  it('hides and unhides a reply with PUT /2/tweets/:id/hidden and blocks with POST /2/users/:id/blocking', async () => {
    const f = await fake((s) =>
      s.url.endsWith('/hidden')
        ? { status: 200, json: { data: { hidden: (s.body as { hidden: boolean }).hidden } } }
        : { status: 200, json: { data: { blocking: true } } },
    );
    const x = createXApiAdapter({ baseUrl: f.url, accessToken: 'user-token' });
    await x.setCommentHidden({ commentId: '1232720193182412800', accountId: 'FORCE' }, true);
    await x.setCommentHidden({ commentId: '1232720193182412800', accountId: 'FORCE' }, false);
    await x.blockAccount({ accountId: 'FORCE', userId: '2244994945' });
    expect(f.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['PUT', '/2/tweets/1232720193182412800/hidden', { hidden: true }],
      ['PUT', '/2/tweets/1232720193182412800/hidden', { hidden: false }],
      ['POST', '/2/users/FORCE/blocking', { target_user_id: '2244994945' }],
    ]);
    expect(f.seen.every((s) => s.headers.authorization === 'Bearer user-token')).toBe(true);
  });

  it('cannot delete someone else’s reply, and says so without retrying', async () => {
    const f = await fake(() => ({ status: 200, json: {} }));
    const x = createXApiAdapter({ baseUrl: f.url, accessToken: 't' });
    const error = await x.deleteComment({ commentId: '1', accountId: 'FORCE' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).retryable).toBe(false);
    expect(f.seen).toHaveLength(0);
  });

  it('a rate limit is retried; an answer that does not confirm the hide is an error', async () => {
    let limited = true;
    const f = await fake(() =>
      limited
        ? { status: 429, json: { title: 'Too Many Requests', detail: 'Too Many Requests' } }
        : { status: 200, json: { data: { hidden: false } } },
    );
    const x = createXApiAdapter({ baseUrl: f.url, accessToken: 't' });
    const error = await x
      .setCommentHidden({ commentId: '1', accountId: null }, true)
      .catch((e: unknown) => e);
    expect((error as PlatformError).retryable).toBe(true);
    limited = false;
    await expect(x.setCommentHidden({ commentId: '1', accountId: null }, true)).rejects.toThrow(/confirm/);
  });
});
