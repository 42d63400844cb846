import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { hubDbPath } from '../../../src/hub/db/connection';
import { queueFor } from '../../../src/hub/routing';
import { messageSchema } from '../../../src/shared/domain/entities';
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
import { metaMessagingBody } from '../../support/webhooks';

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

  it('stores every readable event of a mixed Meta delivery and skips the rest, answering 200', async () => {
    const lines: string[] = [];
    desk = await startDesk({}, { log: (line) => lines.push(line) });
    const longText = `${'My bike was taken from the station rack. '.repeat(600)}END`;
    // One Messenger delivery as Meta batches it: a message, an opt-in from the checkbox
    // plugin (documented without `sender`, only `optin.user_ref`), a postback whose sender
    // is known only by `user_ref`, and a message longer than the desk stores.
    const body = metaMessagingBody([
      {
        sender: { id: 'psid-good' },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_000,
        message: { mid: 'm_good', text: 'Is the Station Road closure still on?' },
      },
      {
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_001,
        optin: { ref: 'signup-form', user_ref: 'ur-secret-123' },
      },
      {
        sender: { user_ref: 'ur-456' },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_002,
        postback: { title: 'Get started', payload: 'GET_STARTED' },
      },
      {
        sender: { id: 'psid-long' },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_003,
        message: { mid: 'm_long', text: longText },
      },
    ]);
    const response = await postMeta(desk.hub, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 2, skipped: 2 });

    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT platform_message_id AS mid, body FROM messages ORDER BY platform_message_id')
        .all() as { mid: string; body: string }[];
      expect(rows.map((r) => r.mid)).toEqual(['m_good', 'm_long']);
      expect(rows[0]?.body).toBe('Is the Station Road closure still on?');
      const long = rows[1]?.body ?? '';
      expect(long).toHaveLength(20_000);
      expect(long.endsWith('…')).toBe(true);
      expect(longText.startsWith(long.slice(0, -1))).toBe(true);
    } finally {
      db.close();
    }
    // One line names what was left out, and carries none of anybody's text.
    const skipped = lines.filter((l) => l.startsWith('[webhooks] meta'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/messaging\/optin/);
    expect(skipped[0]).toMatch(/messaging\/postback/);
    expect(skipped[0]).not.toMatch(/ur-secret|Get started|bike|Station Road/);

    // Meta retrying the same body stores nothing twice.
    const again = await postMeta(desk.hub, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(count(desk.dir, 'messages')).toBe(2);
  });

  it('takes in a Messenger button press (a postback) as a message the desk can answer', async () => {
    desk = await startDesk({});
    // As Meta documents messaging_postbacks: the button's title and a mid, from a person's PSID.
    const body = metaMessagingBody([
      {
        sender: { id: 'psid-menu' },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_000,
        postback: { mid: 'm_pressed', title: 'Report a crime', payload: 'REPORT_CRIME' },
      },
    ]);
    const response = await postMeta(desk.hub, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1, skipped: 0 });
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      expect(db.prepare('SELECT platform_message_id AS mid, body, direction FROM messages').all()).toEqual([
        { mid: 'm_pressed', body: '[Pressed: Report a crime]', direction: 'inbound' },
      ]);
    } finally {
      db.close();
    }
    const again = await postMeta(desk.hub, body);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });

    // Without a mid the press is named by its sender and time, kept within a message id's
    // 200 characters however long those are; the same press again is still one.
    const longSender = `psid-${'7'.repeat(190)}`;
    const noMid = metaMessagingBody([
      {
        sender: { id: longSender },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_001,
        postback: { title: 'Get started', payload: 'GET_STARTED' },
      },
    ]);
    expect(await (await postMeta(desk.hub, noMid)).json()).toMatchObject({ stored: 1, skipped: 0 });
    expect(await (await postMeta(desk.hub, noMid)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    const stored = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      const ids = stored.prepare('SELECT platform_message_id FROM messages').pluck().all() as string[];
      // Consoles take a message id of up to 200 characters: a longer one is unreadable to them.
      expect(ids.map((id) => messageSchema.shape.platformMessageId.safeParse(id).success)).toEqual([
        true,
        true,
      ]);
    } finally {
      stored.close();
    }
  });

  it('takes in a Messenger message its sender edited: the new text, triaged again', async () => {
    desk = await startDesk({});
    const delivery = (event: Record<string, unknown>) =>
      metaMessagingBody([event], { time: 1_700_000_000_500 });
    const first = await postMeta(
      desk.hub,
      delivery({
        sender: { id: 'psid-edit' },
        recipient: { id: 'PAGE1' },
        timestamp: 1_700_000_000_000,
        message: { mid: 'm_edit', text: 'Can someone call me back about my stolen bike' },
      }),
    );
    expect(first.status).toBe(200);
    // As Meta documents message_edits: the mid, the new text and how often it was edited.
    const edit = delivery({
      sender: { id: 'psid-edit' },
      recipient: { id: 'PAGE1' },
      timestamp: 1_700_000_000_400,
      message_edit: {
        mid: 'm_edit',
        text: 'Can someone call me back, the man who took my bike is outside with a knife threatening me',
        num_edit: 1,
      },
    });
    expect(await (await postMeta(desk.hub, edit)).json()).toMatchObject({ stored: 1, skipped: 0 });
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      expect(db.prepare('SELECT body FROM messages').pluck().all()).toEqual([
        'Can someone call me back, the man who took my bike is outside with a knife threatening me',
      ]);
      expect(db.prepare('SELECT category, priority FROM conversations').get()).toEqual({
        category: 'emergency',
        priority: 'urgent',
      });
    } finally {
      db.close();
    }
    expect(await (await postMeta(desk.hub, edit)).json()).toMatchObject({ stored: 0 });
  });

  it("starts a late delivery's clocks when the person sent it, within the day the platforms retry", async () => {
    desk = await startDesk({});
    const hub = desk.hub;
    const HOUR = 60 * 60_000;
    const now = Date.now();
    const dm = (psid: string, mid: string, text: string, timestamp: number) =>
      metaMessagingBody(
        [{ sender: { id: psid }, recipient: { id: 'PAGE1' }, timestamp, message: { mid, text } }],
        { time: now },
      );
    const row = (psid: string) => {
      const db = new Database(hubDbPath(hub.dataDir), { readonly: true });
      try {
        return db
          .prepare(
            `SELECT c.first_inbound_at AS first, c.last_inbound_at AS last, c.preview, c.response_due_at AS due
             FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.platform_user_id = ?`,
          )
          .get(psid) as { first: number; last: number; preview: string; due: number };
      } finally {
        db.close();
      }
    };
    // Sent three hours ago, delivered now (the hub was down and Meta retried).
    const sent = now - 3 * HOUR;
    expect(
      (await postMeta(hub, dm('psid-late', 'm_l1', 'Has anyone found a black wallet?', sent))).status,
    ).toBe(200);
    expect(row('psid-late')).toMatchObject({ first: sent, last: sent });
    expect(row('psid-late').due).toBeLessThan(Date.now());
    // Its follow-up, sent an hour ago, then one sent before it that arrives after it.
    await postMeta(hub, dm('psid-late', 'm_l3', 'It had my bank cards in it', now - HOUR));
    await postMeta(hub, dm('psid-late', 'm_l2', 'I lost it near the market', now - 2 * HOUR));
    expect(row('psid-late')).toMatchObject({
      first: sent,
      last: now - HOUR,
      preview: 'It had my bank cards in it',
    });
    const db = new Database(hubDbPath(hub.dataDir), { readonly: true });
    try {
      expect(
        db
          .prepare("SELECT body FROM messages WHERE platform_message_id LIKE 'm_l%' ORDER BY created_at")
          .pluck()
          .all(),
      ).toEqual([
        'Has anyone found a black wallet?',
        'I lost it near the market',
        'It had my bank cards in it',
      ]);
    } finally {
      db.close();
    }

    // A time with a fraction of a millisecond is kept whole: stored times are integers.
    await postMeta(hub, dm('psid-fraction', 'm_fr', 'Is the front desk open?', now - HOUR + 0.5));
    expect(row('psid-fraction').first).toBe(now - HOUR);

    // A time from the future, or from before the platforms would still retry, is not believed.
    const before = Date.now();
    await postMeta(hub, dm('psid-future', 'm_f', 'Is the front desk open?', now + 5 * HOUR));
    await postMeta(hub, dm('psid-ancient', 'm_a', 'Is the front desk open?', now - 40 * HOUR));
    for (const psid of ['psid-future', 'psid-ancient']) {
      expect(row(psid).first).toBeGreaterThanOrEqual(before);
      expect(row(psid).first).toBeLessThanOrEqual(Date.now());
    }
  });

  it('a follow-up sent before the desk answered, delivered after, still waits for an answer', async () => {
    desk = await startDesk({ alice: ['operator'] });
    const hub = desk.hub;
    const alice = await connectConsole(hub, await loginAs(hub, 'alice'));
    const dm = (mid: string, text: string, timestamp: number) =>
      metaMessagingBody(
        [{ sender: { id: 'psid-crossed' }, recipient: { id: 'PAGE1' }, timestamp, message: { mid, text } }],
        { time: timestamp },
      );
    await postMeta(hub, dm('m_c1', 'Has my stolen bike been found?', Date.now()));
    const opened = await alice.waitFor(() => allChanges(alice).find((c) => c.entity === 'conversation'));
    const id = opened.data.id;
    await alice.submit({ type: 'claim', conversationId: id });
    await alice.submit({ type: 'reply', conversationId: id, body: 'Not yet, we will let you know.' });
    const answered = await alice.waitFor(() => {
      const last = allChanges(alice).findLast((c) => c.entity === 'conversation' && c.data.id === id);
      return last?.entity === 'conversation' && last.data.lastResponseAt !== null ? last.data : undefined;
    });
    expect(answered.responseDueAt).toBeNull();
    // Written (by the platform's clock) just before the reply, delivered after it.
    const before = Date.now();
    await postMeta(hub, dm('m_c2', 'It is a red mountain bike', (answered.lastResponseAt ?? 0) - 1_000));
    const waiting = await alice.waitFor(() => {
      const last = allChanges(alice).findLast((c) => c.entity === 'conversation' && c.data.id === id);
      return last?.entity === 'conversation' && last.data.responseDueAt !== null ? last.data : undefined;
    });
    expect(waiting.lastInboundAt).toBeGreaterThanOrEqual(before);
    alice.close();
  });

  it('keeps the newest text when an older edit is delivered after a newer one', async () => {
    desk = await startDesk({});
    const hub = desk.hub;
    const bodies = (): unknown[] => {
      const db = new Database(hubDbPath(hub.dataDir), { readonly: true });
      try {
        return db
          .prepare('SELECT platform_message_id, body FROM messages ORDER BY platform_message_id')
          .all();
      } finally {
        db.close();
      }
    };
    // Messenger numbers the edits of a message (num_edit).
    const messaging = (event: Record<string, unknown>) =>
      metaMessagingBody([{ sender: { id: 'psid-late' }, recipient: { id: 'PAGE1' }, ...event }], {
        time: 1_700_000_000_500,
      });
    const dmEdit = (num: number, text: string) =>
      messaging({ timestamp: 1_700_000_000_000 + num, message_edit: { mid: 'm_late', text, num_edit: num } });
    expect(
      (await postMeta(hub, messaging({ timestamp: 1, message: { mid: 'm_late', text: 'first' } }))).status,
    ).toBe(200);
    expect(await (await postMeta(hub, dmEdit(2, 'second edit'))).json()).toMatchObject({ stored: 1 });
    expect(await (await postMeta(hub, dmEdit(1, 'first edit'))).json()).toMatchObject({
      stored: 0,
      superseded: 1,
    });
    // A comment's edits are ordered by the time of the feed entry that reports them.
    const commentEdit = (time: number, text: string) =>
      metaCommentPayload({ fromId: 'fb-late', commentId: 'c_late', text, time, verb: 'edited' });
    expect(
      (
        await postMeta(
          hub,
          metaCommentPayload({ fromId: 'fb-late', commentId: 'c_late', text: 'first', time: 100 }),
        )
      ).status,
    ).toBe(200);
    expect(await (await postMeta(hub, commentEdit(300, 'later edit'))).json()).toMatchObject({ stored: 1 });
    expect(await (await postMeta(hub, commentEdit(200, 'earlier edit'))).json()).toMatchObject({
      stored: 0,
      superseded: 1,
    });
    expect(bodies()).toEqual([
      { platform_message_id: 'c_late', body: 'later edit' },
      { platform_message_id: 'm_late', body: 'second edit' },
    ]);
    // The message itself never came, only its second edit, then its first.
    const unseen = (num: number, text: string) =>
      messaging({
        timestamp: 1_700_000_000_000 + num,
        message_edit: { mid: 'm_unseen', text, num_edit: num },
      });
    expect(await (await postMeta(hub, unseen(2, 'unseen second'))).json()).toMatchObject({ stored: 1 });
    expect(await (await postMeta(hub, unseen(1, 'unseen first'))).json()).toMatchObject({ superseded: 1 });
    expect(bodies()).toContainEqual({ platform_message_id: 'm_unseen', body: 'unseen second' });
    // A later edit still applies after a late one was set aside.
    expect(await (await postMeta(hub, dmEdit(3, 'third edit'))).json()).toMatchObject({ stored: 1 });
    expect(bodies()).toContainEqual({ platform_message_id: 'm_late', body: 'third edit' });
  });

  it('stores every readable DM of a mixed X delivery and cuts an over-long name', async () => {
    const lines: string[] = [];
    desk = await startDesk({}, { log: (line) => lines.push(line) });
    const dm = (id: string, senderId: string, text: string) => ({
      type: 'message_create',
      id,
      created_timestamp: '1700000000000',
      message_create: { target: { recipient_id: 'FORCE_X' }, sender_id: senderId, message_data: { text } },
    });
    const body = JSON.stringify({
      for_user_id: 'FORCE_X',
      direct_message_events: [
        dm('x-good', 'x-1', 'Someone keyed my car on Bryn Road'),
        { type: 'message_create', id: 'x-broken', message_create: { sender_id: 'x-2' } },
        dm('x-long', 'x-3', 'w'.repeat(20_001)),
      ],
      direct_message_indicate_typing_events: [{ created_timestamp: '1700000000000', sender_id: 'x-1' }],
      users: {
        'x-1': { id: 'x-1', name: 'N'.repeat(300), screen_name: 'longname' },
        'x-3': { id: 'x-3', screen_name: 'wyn' },
      },
    });
    const response = await postX(desk.hub, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 2, skipped: 2 });
    const db = new Database(hubDbPath(desk.dir), { readonly: true });
    try {
      const bodies = db
        .prepare('SELECT platform_message_id AS mid, length(body) AS n FROM messages ORDER BY 1')
        .all();
      expect(bodies).toEqual([
        { mid: 'x-good', n: 'Someone keyed my car on Bryn Road'.length },
        { mid: 'x-long', n: 20_000 },
      ]);
      const names = db.prepare('SELECT display_name AS name FROM contacts ORDER BY 1').all() as {
        name: string;
      }[];
      expect(names.map((n) => n.name.length).sort((a, b) => a - b)).toEqual([4, 200]);
    } finally {
      db.close();
    }
    const skipped = lines.filter((l) => l.startsWith('[webhooks] x'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/direct_message_events\/message_create unreadable/);
    expect(skipped[0]).toMatch(/direct_message_indicate_typing_events/);
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
