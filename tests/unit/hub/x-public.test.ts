import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createXApiAdapter } from '../../../src/hub/adapters/x-api';
import { hubDbPath } from '../../../src/hub/db/connection';
import { xTweetPayload } from '../../../src/hub/webhooks/payloads';
import { operationAckSchema } from '../../../src/shared/protocol';
import { fakePlatform, type FakePlatform } from '../../support/fake-platform';
import { allChanges, connectConsole, loginAs, postX, startDesk, type DeskFixture } from './helpers';

let desk: DeskFixture | null = null;
const servers: FakePlatform[] = [];
afterEach(async () => {
  await desk?.close();
  desk = null;
  for (const s of servers.splice(0)) await s.close();
});

const FORCE = '1716450569358098432';
const LONG =
  'Huge queue of traffic on the A470 northbound past Pontypridd, nothing moving for forty minutes. ' +
  'Has there been a crash? People are getting out of their cars. @ExamplePolice is anyone coming?';

describe('posts on X that mention or answer the force', () => {
  it('are taken in as public comments and answered under the post', async () => {
    const fake = await fakePlatform(() => ({
      status: 201,
      json: { data: { id: '1800000000000000001', text: 'ok' } },
    }));
    servers.push(fake);
    const x = createXApiAdapter({ baseUrl: fake.url, accessToken: 'user-token' });
    desk = await startDesk({ alice: ['operator'] }, { adapters: { facebook: x, x } });
    const alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
    const sentAt = Date.now() - 60_000;
    const mention = xTweetPayload(FORCE, {
      id: '1799999999999999999',
      createdAt: sentAt,
      userId: '4242',
      userName: 'Rhys Evans',
      screenName: 'rhys_e',
      text: LONG,
    });
    // Our own post and a retweet of it come in the same stream and need no answer.
    const envelope = JSON.parse(mention) as { tweet_create_events: Record<string, unknown>[] };
    const ours = {
      ...envelope.tweet_create_events[0],
      id_str: '1799999999999999990',
      user: { id_str: FORCE, name: 'Example Police' },
    };
    const retweet = {
      ...envelope.tweet_create_events[0],
      id_str: '1799999999999999991',
      retweeted_status: { id_str: '1' },
    };
    envelope.tweet_create_events.push(ours, retweet, { id_str: 'no user' });
    const answer = await postX(desk.hub, JSON.stringify(envelope));
    expect(await answer.json()).toMatchObject({ received: 1, stored: 1, skipped: 2 });

    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    expect(conversation.data).toMatchObject({
      platform: 'x',
      kind: 'comment',
      firstInboundAt: sentAt,
    });
    const contact = allChanges(alice).find((c) => c.entity === 'contact');
    expect(contact?.entity === 'contact' && contact.data.displayName).toBe('Rhys Evans');
    const message = allChanges(alice).find((c) => c.entity === 'message');
    expect(message?.entity === 'message' && message.data.body).toBe(LONG);

    const ack = operationAckSchema.parse(
      await alice.submit({
        type: 'reply',
        conversationId: conversation.data.id,
        body: 'Officers are on scene. Please stay in your vehicle.',
      }),
    );
    expect(ack.outcome).toBe('accepted');
    await alice.waitFor(
      () =>
        allChanges(alice).find(
          (c) => c.entity === 'message' && c.data.platformMessageId === '1800000000000000001',
        ),
      10_000,
    );
    expect(fake.seen[0]?.url).toBe('/2/tweets');
    expect(fake.seen[0]?.body).toEqual({
      text: 'Officers are on scene. Please stay in your vehicle.',
      reply: { in_reply_to_tweet_id: '1799999999999999999' },
    });
    alice.close();
  });

  it('a post its author deletes is marked deleted on the desk', async () => {
    desk = await startDesk({});
    await postX(
      desk.hub,
      xTweetPayload(FORCE, {
        id: '1799999999999999777',
        createdAt: Date.now(),
        userId: '4343',
        userName: 'Someone',
        screenName: 'someone',
        text: '@ExamplePolice useless as always',
        inReplyTo: '1799999999999999000',
      }),
    );
    const deletion = JSON.stringify({
      for_user_id: FORCE,
      tweet_delete_events: [
        { status: { id: '1799999999999999777', user_id: '4343' }, timestamp_ms: String(Date.now()) },
      ],
    });
    expect(await (await postX(desk.hub, deletion)).json()).toMatchObject({ received: 1, skipped: 0 });
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      expect(db.prepare('SELECT state FROM comment_moderation').pluck().all()).toEqual(['deleted']);
    } finally {
      db.close();
    }
  });
});
