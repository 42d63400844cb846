import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { operationAckSchema } from '../../../src/shared/protocol';
import { createGraphApiAdapter } from '../../../src/hub/adapters/graph-api';
import { createXApiAdapter } from '../../../src/hub/adapters/x-api';
import { PlatformError, type OutboundReply } from '../../../src/hub/adapters/types';
import { hubDbPath } from '../../../src/hub/db/connection';
import {
  allChanges,
  connectConsole,
  loginAs,
  metaDmPayload,
  postMeta,
  startDesk,
  type DeskFixture,
} from './helpers';
import { fakePlatform, type FakePlatform } from '../../support/fake-platform';

const servers: FakePlatform[] = [];
let desk: DeskFixture | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
  for (const s of servers.splice(0)) await s.close();
});

const dm: OutboundReply = {
  platform: 'facebook',
  kind: 'dm',
  messageId: 'm1',
  conversationId: 'c1',
  recipientId: 'PSID-42',
  accountId: 'PAGE-7',
  replyToId: null,
  text: 'Thanks for getting in touch',
};

describe('Graph API adapter', () => {
  it('sends a DM with the Send API and a comment reply to the comment', async () => {
    const fake = await fakePlatform((s) =>
      s.url.includes('/messages')
        ? { status: 200, json: { recipient_id: 'PSID-42', message_id: 'mid.999' } }
        : { status: 200, json: { id: 'PAGE-7_123_456' } },
    );
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: `${fake.url}/v21.0`, pageAccessToken: 'page-token' });
    expect(await graph.sendReply(dm)).toEqual({ platformMessageId: 'mid.999' });
    expect(fake.seen[0]?.method).toBe('POST');
    expect(fake.seen[0]?.url).toBe('/v21.0/PAGE-7/messages?access_token=page-token');
    expect(fake.seen[0]?.body).toEqual({
      recipient: { id: 'PSID-42' },
      messaging_type: 'RESPONSE',
      message: { text: dm.text },
    });

    const comment = await graph.sendReply({ ...dm, kind: 'comment', replyToId: 'PAGE-7_123' });
    expect(comment).toEqual({ platformMessageId: 'PAGE-7_123_456' });
    expect(fake.seen[1]?.url).toBe('/v21.0/PAGE-7_123/comments?access_token=page-token');
    expect(fake.seen[1]?.body).toEqual({ message: dm.text });
  });

  it('turns a Graph error into a PlatformError, retryable only for server-side failures', async () => {
    let status = 400;
    const fake = await fakePlatform(() => ({
      status,
      json: { error: { message: 'Invalid OAuth access token.', code: 190 } },
    }));
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 'bad' });
    const error = await graph.sendReply(dm).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).message).toContain('Invalid OAuth access token.');
    expect((error as PlatformError).retryable).toBe(false);
    status = 503;
    const later = await graph.sendReply(dm).catch((e: unknown) => e);
    expect((later as PlatformError).retryable).toBe(true);
  });

  it('retries a reply the Graph API throttled, though the refusal is a 400', async () => {
    // Bodies as Meta documents them: app (4), user (17), Page (32) and custom (613)
    // throttling, a business use case limit (80001), and an error flagged is_transient.
    const bodies = [
      { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4 },
      { message: '(#17) User request limit reached', type: 'OAuthException', code: 17 },
      { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32 },
      { message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 },
      { message: 'There have been too many calls to this Page account.', code: 80001 },
      { message: 'An unexpected error has occurred.', code: 100, is_transient: true },
    ];
    let body: Record<string, unknown> = {};
    const fake = await fakePlatform(() => ({ status: 400, json: { error: body } }));
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 'page-token' });
    for (const next of bodies) {
      body = { ...next, fbtrace_id: 'AbCdEf' };
      const error = await graph.sendReply(dm).catch((e: unknown) => e);
      expect(error, next.message).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).retryable, next.message).toBe(true);
      expect((error as PlatformError).message).toContain(next.message);
    }
    // A bad parameter stays final.
    body = { message: '(#100) The parameter recipient is required', type: 'OAuthException', code: 100 };
    const final = await graph.sendReply(dm).catch((e: unknown) => e);
    expect((final as PlatformError).retryable).toBe(false);
  });
});

describe('X API adapter', () => {
  it('sends a DM to the participant with a bearer token', async () => {
    const fake = await fakePlatform(() => ({
      status: 201,
      json: { data: { dm_conversation_id: '1-2', dm_event_id: '1582838' } },
    }));
    servers.push(fake);
    const x = createXApiAdapter({ baseUrl: fake.url, accessToken: 'user-token' });
    const sent = await x.sendReply({ ...dm, platform: 'x', recipientId: '9876' });
    expect(sent).toEqual({ platformMessageId: '1582838' });
    expect(fake.seen[0]?.url).toBe('/2/dm_conversations/with/9876/messages');
    expect(fake.seen[0]?.headers.authorization).toBe('Bearer user-token');
    expect(fake.seen[0]?.body).toEqual({ text: dm.text });
  });
});

describe('delivery through the hub', () => {
  it('keeps a reply whose delivery failed, retries it and records it as sent', async () => {
    let failuresLeft = 1;
    const fake = await fakePlatform(() => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return { status: 500, json: { error: { message: 'temporarily unavailable' } } };
      }
      return { status: 200, json: { recipient_id: 'psid-r', message_id: 'mid.delivered' } };
    });
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 't' });
    desk = await startDesk({ alice: ['operator'] }, { adapters: { facebook: graph, x: graph } });
    const alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
    await postMeta(
      desk.hub,
      metaDmPayload({ senderId: 'psid-r', mid: 'm_r', text: 'Road closed?', pageId: 'PAGE-R' }),
    );
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    const ack = operationAckSchema.parse(
      await alice.submit({ type: 'reply', conversationId: conversation.data.id, body: 'Yes, until 6pm' }),
    );
    expect(ack.outcome).toBe('accepted');

    const delivered = await alice.waitFor(
      () =>
        allChanges(alice).find((c) => c.entity === 'message' && c.data.platformMessageId === 'mid.delivered'),
      10_000,
    );
    expect(delivered.entity === 'message' && delivered.data.body).toBe('Yes, until 6pm');
    expect(fake.seen).toHaveLength(2);
    expect(fake.seen[1]?.url).toBe('/PAGE-R/messages?access_token=t');
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const row = db.prepare('SELECT state, attempts, last_error FROM deliveries').get();
    db.close();
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    alice.close();
  });

  it('does not send a reply again when the platform may have taken it, and asks its author to check', async () => {
    // Facebook reads the request, then the link drops: the reply may well be posted.
    const fake = await fakePlatform(() => 'drop');
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 't' });
    desk = await startDesk({ alice: ['operator'] }, { adapters: { facebook: graph, x: graph } });
    const alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
    await postMeta(
      desk.hub,
      metaDmPayload({ senderId: 'psid-u', mid: 'm_u', text: 'Is the bridge open?', pageId: 'PAGE-U' }),
    );
    const conversation = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'conversation'),
    );
    await alice.submit({ type: 'reply', conversationId: conversation.data.id, body: 'Yes, it reopened.' });
    const notice = await alice.waitFor(
      () =>
        allChanges(alice).find(
          (c) => c.entity === 'notice' && /may or may not have reached/.test(c.data.text),
        ),
      10_000,
    );
    expect(notice.entity === 'notice' && notice.data.conversationId).toBe(conversation.data.id);
    // A retry would come after 2 s: none comes.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(fake.seen).toHaveLength(1);
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const row = db.prepare('SELECT state, last_error, sending_since FROM deliveries').get();
    db.close();
    expect(row).toMatchObject({ state: 'failed', sending_since: null });
    expect((row as { last_error: string }).last_error).toMatch(/^unsure: Graph API did not answer/);
    alice.close();
  });
});
