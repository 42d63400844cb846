import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hubDbPath } from '../../../src/hub/db/connection';
import { fakePlatform, type FakePlatform } from '../../support/fake-platform';
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

/**
 * A hub process that sends to `graph`, and alice signed in on a console. `restart` starts
 * the hub again on the same data and port, after a test has killed it.
 */
async function deskSendingTo(graph: FakePlatform, dirPrefix: string) {
  cleanup.push(() => graph.close());
  const dir = tempDir(dirPrefix);
  await addUsers(dir, { alice: ['operator'] });
  const port = await freePort();
  const env = { DESK_GRAPH_API_BASE: graph.url, DESK_FB_PAGE_TOKEN: 'page-token' };
  const desk: { dir: string; hub: ChildHub; restart: () => Promise<void> } = {
    dir,
    hub: await startChildHub(dir, port, env),
    restart: async () => {
      desk.hub = await startChildHub(dir, port, env);
    },
  };
  cleanup.push(() => desk.hub.kill());
  const alice = await signedInConsole(desk.hub.url, 'alice');
  cleanup.push(() => alice.close());
  return { desk, alice };
}

describe('the hub killed while a reply is on its way to Facebook', () => {
  it('does not send it again after the restart, and asks its author to check', async () => {
    // Facebook takes the request and has not answered when the hub dies.
    const graph = await fakePlatform(() => 'hang');
    const { desk, alice } = await deskSendingTo(graph, 'desk-sync-delivery-kill-');
    await sendDm(desk.hub.url, 'Is the swimming baths car park safe at night, okapi');
    const id = await waitForConversation(alice, 'okapi');
    await alice.call('actions.submit', { type: 'reply', conversationId: id, body: 'We patrol it nightly.' });
    await waitUntil(() => graph.seen.length === 1, 'the reply reached Facebook');
    await desk.hub.kill('SIGKILL');
    expect(deliveryRow(desk.dir)).toMatchObject({
      state: 'pending',
      sending_since: expect.any(Number) as number,
    });

    await desk.restart();
    const notice = await waitUntil(
      () => alice.eventsOf('notice').find((n) => /may or may not have reached Facebook/.test(n.text)),
      'alice is asked to check',
      30_000,
    );
    expect(notice.conversationId).toBe(id);
    expect(deliveryRow(desk.dir)).toMatchObject({
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
    const { desk, alice } = await deskSendingTo(graph, 'desk-sync-moderation-kill-');
    const commentId = 'PAGE1_POST1_kinkajou';
    const body = metaCommentBody({
      fromId: 'fb-kinkajou',
      commentId,
      text: 'When does the road reopen, kinkajou?',
    });
    expect(await postMeta(desk.hub.url, body)).toBe(200);
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
    await desk.hub.kill('SIGKILL');
    expect(replyJobRow(desk.dir)).toMatchObject({
      state: 'pending',
      sending_since: expect.any(Number) as number,
    });

    await desk.restart();
    await waitUntil(
      () =>
        alice
          .eventsOf('notice')
          .find((n) => /public reply may or may not have reached Facebook/.test(n.text)),
      'alice is asked to check',
      30_000,
    );
    expect(replyJobRow(desk.dir)).toMatchObject({
      state: 'failed',
      last_error: 'unsure: the hub stopped while sending it',
      sending_since: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(graph.seen.filter((s) => s.url.includes('/comments'))).toHaveLength(1);
  });
});
