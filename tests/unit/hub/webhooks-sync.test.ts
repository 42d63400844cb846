import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../src/hub/db/connection';
import { queueFor } from '../../../src/hub/routing';
import {
  allChanges,
  connectConsole,
  metaCommentPayload,
  metaDmPayload,
  postMeta,
  postX,
  startDesk,
  VERIFY_TOKEN,
  X_SECRET,
  xDmPayload,
  type DeskFixture,
  loginAs,
} from './helpers';
import { createHmac } from 'node:crypto';
import { get } from 'node:http';

let desk: DeskFixture | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

function count(dir: string, table: string): number {
  const db = new Database(hubDbPath(dir), { readonly: true });
  try {
    const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe('webhooks and live sync', () => {
  it('a signed Meta DM reaches a connected console in a sync:changes batch', async () => {
    desk = await startDesk({ alice: ['operator'] });
    const token = await loginAs(desk.hub, 'alice');
    const consoleA = await connectConsole(desk.hub, token);
    expect(consoleA.hello.operator.name).toBe('alice');

    const response = await postMeta(
      desk.hub,
      metaDmPayload({ senderId: 'psid-1', mid: 'm_1', text: 'My shed was broken into' }),
    );
    expect(response.status).toBe(200);

    const message = await consoleA.waitFor(() =>
      allChanges(consoleA).find((c) => c.entity === 'message' && c.data.body === 'My shed was broken into'),
    );
    expect(message.entity).toBe('message');
    const conversation = allChanges(consoleA).find((c) => c.entity === 'conversation');
    expect(conversation?.entity === 'conversation' && conversation.data.platform).toBe('facebook');
    if (conversation?.entity !== 'conversation') throw new Error('no conversation change');
    expect(conversation.data.queueId).toBe(queueFor(conversation.data.category));
    expect(conversation.data.responseDueAt).not.toBeNull();
    // Batches are contiguous: each starts where the previous one ended.
    for (let i = 1; i < consoleA.batches.length; i += 1) {
      expect(consoleA.batches[i]?.after).toBe(consoleA.batches[i - 1]?.upTo);
    }
    expect(consoleA.batches.at(-1)?.upTo).toBe(desk.hub.headSeq());
    expect(consoleA.batches.every((b) => b.hubTime > 0)).toBe(true);
    consoleA.close();
  });

  it('stores a Facebook comment and an X DM', async () => {
    desk = await startDesk({});
    expect(
      (await postMeta(desk.hub, metaCommentPayload({ fromId: 'fb-9', commentId: 'c_1', text: 'Any news?' })))
        .status,
    ).toBe(200);
    expect(
      (await postX(desk.hub, xDmPayload({ senderId: 'x-7', id: '111', text: 'Hello from X' }))).status,
    ).toBe(200);
    expect(count(desk.dir, 'messages')).toBe(2);
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    const kinds = db.prepare('SELECT platform, kind FROM conversations ORDER BY platform').all();
    db.close();
    expect(kinds).toEqual([
      { platform: 'facebook', kind: 'comment' },
      { platform: 'x', kind: 'dm' },
    ]);
  });

  it('refuses unsigned and badly signed Meta and X deliveries with 401 and stores nothing', async () => {
    desk = await startDesk({});
    const meta = metaDmPayload({ senderId: 'p', mid: 'm_bad', text: 'hi' });
    const x = xDmPayload({ senderId: 'x', id: '222', text: 'hi' });
    expect((await postMeta(desk.hub, meta, null)).status).toBe(401);
    expect((await postMeta(desk.hub, meta, 'sha256=' + 'ab'.repeat(32))).status).toBe(401);
    expect((await postX(desk.hub, x, null)).status).toBe(401);
    expect(
      (await postX(desk.hub, x, 'sha256=' + createHmac('sha256', 'wrong').update(x).digest('base64'))).status,
    ).toBe(401);
    expect(count(desk.dir, 'messages')).toBe(0);
    expect(count(desk.dir, 'webhook_receipts')).toBe(0);
    expect(count(desk.dir, 'contacts')).toBe(0);
  });

  it('answers malformed bodies with 400 and a clear error, storing nothing', async () => {
    desk = await startDesk({});
    const notJson = await postMeta(desk.hub, '{"object": "page", ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'malformed-json' });
    const wrongShape = await postMeta(
      desk.hub,
      JSON.stringify({ object: 'page', entry: [{ id: 'P', messaging: 'nope' }] }),
    );
    expect(wrongShape.status).toBe(400);
    const body = (await wrongShape.json()) as { error: string; detail: string };
    expect(body.error).toBe('invalid-payload');
    expect(body.detail).toMatch(/entry/);
    const xWrong = await postX(desk.hub, JSON.stringify({ direct_message_events: [] }));
    expect(xWrong.status).toBe(400);
    expect(count(desk.dir, 'messages')).toBe(0);
    expect(desk.hub.headSeq()).toBe(7); // only the seeded queues and the SLA policies
  });

  it('stores a redelivered platform message id once', async () => {
    desk = await startDesk({});
    const body = metaDmPayload({ senderId: 'psid-2', mid: 'm_same', text: 'Update on my report please?' });
    expect((await postMeta(desk.hub, body)).status).toBe(200);
    const seq = desk.hub.headSeq();
    const again = await postMeta(desk.hub, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(count(desk.dir, 'messages')).toBe(1);
    expect(desk.hub.headSeq()).toBe(seq);
  });

  it('answers the Meta verification challenge and the X CRC check', async () => {
    desk = await startDesk({});
    const ok = await fetch(
      `${desk.hub.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=12345`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    const bad = await fetch(
      `${desk.hub.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    );
    expect(bad.status).toBe(403);

    const crc = await fetch(`${desk.hub.url}/webhooks/x?crc_token=challenge-abc`);
    expect(crc.status).toBe(200);
    const expected = 'sha256=' + createHmac('sha256', X_SECRET).update('challenge-abc').digest('base64');
    expect(await crc.json()).toEqual({ response_token: expected });
    expect((await fetch(`${desk.hub.url}/webhooks/x`)).status).toBe(400);
  });

  it('will not sign a forged X delivery sent as a crc_token', async () => {
    desk = await startDesk({});
    const forged = JSON.stringify({
      for_user_id: '999',
      direct_message_events: [{ type: 'message_create', id: 'forged-1' }],
    });
    const crc = await fetch(`${desk.hub.url}/webhooks/x?crc_token=${encodeURIComponent(forged)}`);
    expect(crc.status).toBe(400);
    expect(await crc.json()).toMatchObject({ error: 'invalid-crc-token' });
    const tooLong = await fetch(`${desk.hub.url}/webhooks/x?crc_token=${'a'.repeat(257)}`);
    expect(tooLong.status).toBe(400);
  });

  it('answers a request target that is no URL at all with 400, and keeps running', async () => {
    desk = await startDesk({});
    const status = await new Promise<number>((resolve, reject) => {
      // fetch tidies "//" away; node:http sends the target exactly as given.
      get(desk?.hub.url ?? '', { path: '//' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(400);
    expect((await fetch(`${desk.hub.url}/healthz`)).status).toBe(200);
  });

  it('cuts a long preview before an emoji, never through it', async () => {
    desk = await startDesk({});
    const text = `${'a'.repeat(138)}😀 and the rest of a long message`;
    const body = metaDmPayload({ senderId: 'psid-emoji', mid: 'm_emoji', text });
    expect((await postMeta(desk.hub, body)).status).toBe(200);
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      const row = db.prepare('SELECT preview FROM conversations').get() as { preview: string };
      expect(row.preview).toBe(`${'a'.repeat(138)}…`);
    } finally {
      db.close();
    }
  });

  it('answers /healthz with the head sequence', async () => {
    desk = await startDesk({});
    const response = await fetch(`${desk.hub.url}/healthz`);
    expect(await response.json()).toEqual({ ok: true, seq: desk.hub.headSeq() });
  });

  it('refuses an over-long body with 413', async () => {
    desk = await startDesk({});
    const response = await postMeta(desk.hub, 'x'.repeat(1024 * 1024 + 10), 'sha256=00');
    expect(response.status).toBe(413);
  });
});
