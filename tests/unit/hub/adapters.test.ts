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

const HOUR = 60 * 60_000;
/** A DM written in the evening, answered within the hour. */
const wroteAt = Date.UTC(2025, 0, 6, 22, 0);
const dm: OutboundReply = {
  platform: 'facebook',
  kind: 'dm',
  messageId: 'm1',
  conversationId: 'c1',
  recipientId: 'PSID-42',
  accountId: 'PAGE-7',
  replyToId: null,
  text: 'Thanks for getting in touch',
  lastInboundAt: wroteAt,
  attemptAt: wroteAt + HOUR,
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

  it("labels a DM by Messenger's window: RESPONSE within 24 h, HUMAN_AGENT to 7 days, refused after", async () => {
    const fake = await fakePlatform((s) =>
      s.url.includes('/messages')
        ? { status: 200, json: { recipient_id: 'PSID-42', message_id: 'mid.1' } }
        : { status: 200, json: { id: 'PAGE-7_1_2' } },
    );
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 'page-token' });

    await graph.sendReply({ ...dm, attemptAt: wroteAt + HOUR });
    expect(fake.seen[0]?.body).toEqual({
      recipient: { id: 'PSID-42' },
      messaging_type: 'RESPONSE',
      message: { text: dm.text },
    });

    // Answered the next day from an overnight backlog: only a human agent may, with the tag.
    await graph.sendReply({ ...dm, attemptAt: wroteAt + 30 * HOUR });
    expect(fake.seen[1]?.body).toEqual({
      recipient: { id: 'PSID-42' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: dm.text },
    });

    // Past 7 days nothing may be sent: refused at once, for good, with no call to Graph.
    const late = await graph
      .sendReply({ ...dm, attemptAt: wroteAt + 8 * 24 * HOUR })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(PlatformError);
    expect((late as PlatformError).retryable).toBe(false);
    expect((late as PlatformError).message).toBe(
      'Facebook no longer lets the force message this person: their last message was more than 7 days ago. ' +
        'Ask them to message again, or reply another way.',
    );
    expect(fake.seen).toHaveLength(2);

    // Comment replies have no such window.
    await graph.sendReply({
      ...dm,
      kind: 'comment',
      replyToId: 'PAGE-7_1',
      attemptAt: wroteAt + 8 * 24 * HOUR,
    });
    expect(fake.seen[2]?.body).toEqual({ message: dm.text });
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

describe('a success without the expected id', () => {
  it('counts a reply as sent: sending it again would repeat it in public', async () => {
    const fake = await fakePlatform((s) =>
      s.url.includes('/messages')
        ? { status: 200, json: { recipient_id: 'PSID-42' } }
        : { status: 201, json: {} },
    );
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 'page-token' });
    expect(await graph.sendReply(dm)).toEqual({ platformMessageId: null });
    const x = createXApiAdapter({ baseUrl: fake.url, accessToken: 'user-token' });
    expect(await x.sendReply({ ...dm, platform: 'x', recipientId: '9876' })).toEqual({
      platformMessageId: null,
    });
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

/** A hub whose Graph client talks to `fake`, alice signed in, and one DM from the public on Page `PAGE-<tag>`. */
async function deskAnsweredBy(fake: FakePlatform, tag: string, text: string) {
  servers.push(fake);
  const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 't' });
  const started = await startDesk({ alice: ['operator'] }, { adapters: { facebook: graph, x: graph } });
  desk = started;
  const alice = await connectConsole(started.hub, await loginAs(started.hub, 'alice'));
  const senderId = `psid-${tag.toLowerCase()}`;
  await postMeta(started.hub, metaDmPayload({ senderId, mid: `m_${tag}`, text, pageId: `PAGE-${tag}` }));
  const conversation = await alice.waitFor(() => allChanges(alice).find((c) => c.entity === 'conversation'));
  return { hubDir: started.dir, alice, conversation };
}

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
    const { hubDir, alice, conversation } = await deskAnsweredBy(fake, 'R', 'Road closed?');
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
    const db = new Database(hubDbPath(hubDir), { readonly: true });
    const row = db.prepare('SELECT state, attempts, last_error FROM deliveries').get();
    db.close();
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    alice.close();
  });

  it('does not send a reply again when the platform may have taken it, and asks its author to check', async () => {
    // Facebook reads the request, then the link drops: the reply may well be posted.
    const fake = await fakePlatform(() => 'drop');
    const { hubDir, alice, conversation } = await deskAnsweredBy(fake, 'U', 'Is the bridge open?');
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
    const db = new Database(hubDbPath(hubDir), { readonly: true });
    const row = db.prepare('SELECT state, last_error, sending_since FROM deliveries').get();
    db.close();
    expect(row).toMatchObject({ state: 'failed', sending_since: null });
    expect((row as { last_error: string }).last_error).toMatch(/^unsure: Graph API did not answer/);
    alice.close();
  });
});

describe("delivery within Messenger's window", () => {
  it('tags a next-day reply HUMAN_AGENT, and fails one after 7 days at once and tells its author', async () => {
    const fake = await fakePlatform(() => ({
      status: 200,
      json: { recipient_id: 'psid-next-day', message_id: 'mid.tagged' },
    }));
    servers.push(fake);
    const graph = createGraphApiAdapter({ baseUrl: fake.url, pageAccessToken: 't' });
    // The hub's own clock decides, set here: one person wrote 8 days ago, another 30 hours ago.
    const start = Date.now();
    let clock = start;
    desk = await startDesk(
      { alice: ['operator'] },
      { adapters: { facebook: graph, x: graph }, now: () => clock },
    );
    const alice = await connectConsole(desk.hub, await loginAs(desk.hub, 'alice'));
    const write = async (senderId: string, text: string): Promise<void> => {
      const hub = desk?.hub;
      if (hub === undefined) throw new Error('no desk');
      const response = await postMeta(
        hub,
        metaDmPayload({ senderId, mid: `m_${senderId}`, text, pageId: 'PAGE-W' }),
      );
      expect(response.status).toBe(200);
    };
    await write('psid-last-week', 'Any news on my bike?');
    clock = start + 8 * 24 * HOUR - 30 * HOUR;
    await write('psid-next-day', 'Is the road open yet?');
    clock = start + 8 * 24 * HOUR;

    const messages = await alice.waitFor(() => {
      const inbound = allChanges(alice).flatMap((c) => (c.entity === 'message' ? [c.data] : []));
      return inbound.length === 2 ? inbound : null;
    });
    const conversationOf = (text: string): string =>
      messages.find((m) => m.body === text)?.conversationId ?? '';
    for (const [text, body] of [
      ['Any news on my bike?', 'Sorry for the delay: CAD 123'],
      ['Is the road open yet?', 'Yes, since this morning'],
    ] as const) {
      const ack = operationAckSchema.parse(
        await alice.submit({ type: 'reply', conversationId: conversationOf(text), body }),
      );
      expect(ack.outcome).toBe('accepted');
    }

    const notice = await alice.waitFor(
      () => allChanges(alice).find((c) => c.entity === 'notice' && /7 days ago/.test(c.data.text)),
      10_000,
    );
    expect(notice.entity === 'notice' && notice.data.conversationId).toBe(
      conversationOf('Any news on my bike?'),
    );
    expect(notice.entity === 'notice' && notice.data.text).toContain(
      'Ask them to message again, or reply another way.',
    );
    await alice.waitFor(
      () =>
        allChanges(alice).find((c) => c.entity === 'message' && c.data.platformMessageId === 'mid.tagged'),
      10_000,
    );

    // Only the next-day reply reached Graph, tagged; the week-old one was never sent.
    expect(fake.seen.map((s) => s.body)).toEqual([
      {
        recipient: { id: 'psid-next-day' },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Yes, since this morning' },
      },
    ]);
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const rows = db
      .prepare('SELECT state, attempts, last_error AS error FROM deliveries ORDER BY state')
      .all();
    db.close();
    expect(rows).toEqual([
      {
        state: 'failed',
        attempts: 1,
        error:
          'Facebook no longer lets the force message this person: their last message was more than 7 days ago. ' +
          'Ask them to message again, or reply another way.',
      },
      { state: 'sent', attempts: 1, error: null },
    ]);
    alice.close();
  });
});
