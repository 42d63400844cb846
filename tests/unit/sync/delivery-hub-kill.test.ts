import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { fakePlatform } from '../../support/fake-platform';
import { metaCommentBody } from '../../support/webhooks';
import {
  addUsers,
  freePort,
  postMeta,
  sendDm,
  signedInConsole,
  startChildHub,
  tempDir,
  waitForConversation,
  waitUntil,
  type ChildHub,
} from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const hubRow = (dir: string, sql: string): unknown => {
  const db = new Database(hubDbPath(dir), { readonly: true });
  try {
    return db.prepare(sql).get();
  } finally {
    db.close();
  }
};
const deliveryRow = (dir: string): unknown =>
  hubRow(dir, 'SELECT state, last_error, sending_since FROM deliveries');
const replyJobRow = (dir: string): unknown =>
  hubRow(dir, "SELECT state, last_error, sending_since FROM moderation_jobs WHERE kind = 'reply'");

describe('the hub killed while a reply is on its way to Facebook', () => {
  it('does not send it again after the restart, and asks its author to check', async () => {
    // Facebook takes the request and has not answered when the hub dies.
    const graph = await fakePlatform(() => 'hang');
    cleanup.push(() => graph.close());
    const dir = tempDir('desk-sync-delivery-kill-');
    await addUsers(dir, { alice: ['operator'] });
    const port = await freePort();
    const env = { DESK_GRAPH_API_BASE: graph.url, DESK_FB_PAGE_TOKEN: 'page-token' };
    let hub: ChildHub = await startChildHub(dir, port, env);
    cleanup.push(() => hub.kill());

    const alice = await signedInConsole(hub.url, 'alice');
    cleanup.push(() => alice.close());
    await sendDm(hub.url, 'Is the swimming baths car park safe at night, okapi');
    const id = await waitForConversation(alice, 'okapi');
    await alice.call('actions.submit', { type: 'reply', conversationId: id, body: 'We patrol it nightly.' });
    await waitUntil(() => graph.seen.length === 1, 'the reply reached Facebook');
    await hub.kill('SIGKILL');
    expect(deliveryRow(dir)).toMatchObject({ state: 'pending', sending_since: expect.any(Number) as number });

    hub = await startChildHub(dir, port, env);
    const notice = await waitUntil(
      () => alice.eventsOf('notice').find((n) => /may or may not have reached Facebook/.test(n.text)),
      'alice is asked to check',
      30_000,
    );
    expect(notice.conversationId).toBe(id);
    expect(deliveryRow(dir)).toMatchObject({
      state: 'failed',
      last_error: 'unsure: the hub stopped while sending it',
      sending_since: null,
    });
    // Nothing went to Facebook a second time.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(graph.seen).toHaveLength(1);
  });

  it('does not post a public reply under a comment again either', async () => {
    const graph = await fakePlatform((seen) =>
      seen.url.includes('/comments') ? 'hang' : { status: 200, json: { success: true } },
    );
    cleanup.push(() => graph.close());
    const dir = tempDir('desk-sync-moderation-kill-');
    await addUsers(dir, { alice: ['operator'] });
    const port = await freePort();
    const env = { DESK_GRAPH_API_BASE: graph.url, DESK_FB_PAGE_TOKEN: 'page-token' };
    let hub: ChildHub = await startChildHub(dir, port, env);
    cleanup.push(() => hub.kill());

    const alice = await signedInConsole(hub.url, 'alice');
    cleanup.push(() => alice.close());
    const commentId = 'PAGE1_POST1_kinkajou';
    const body = metaCommentBody({
      fromId: 'fb-kinkajou',
      commentId,
      text: 'When does the road reopen, kinkajou?',
    });
    expect(await postMeta(hub.url, body)).toBe(200);
    const id = await waitForConversation(alice, 'kinkajou');
    const messageId = alice.engine.getConversation(id).messages[0]?.id ?? '';
    await alice.call('actions.submit', {
      type: 'moderate',
      conversationId: id,
      messageId,
      action: 'reply',
      reason: 'unlawful',
      body: 'It reopens at six.',
    });
    await waitUntil(() => graph.seen.some((s) => s.url.includes('/comments')), 'the reply reached Facebook');
    await hub.kill('SIGKILL');
    expect(replyJobRow(dir)).toMatchObject({ state: 'pending', sending_since: expect.any(Number) as number });

    hub = await startChildHub(dir, port, env);
    await waitUntil(
      () =>
        alice
          .eventsOf('notice')
          .find((n) => /public reply may or may not have reached Facebook/.test(n.text)),
      'alice is asked to check',
      30_000,
    );
    expect(replyJobRow(dir)).toMatchObject({
      state: 'failed',
      last_error: 'unsure: the hub stopped while sending it',
      sending_since: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(graph.seen.filter((s) => s.url.includes('/comments'))).toHaveLength(1);
  });
});
