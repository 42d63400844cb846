import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { operationAckSchema } from '../../../src/shared/protocol';
import type { Conversation } from '../../../src/shared/domain';
import { hubDbPath } from '../../../src/hub/db/connection';
import { disableUser } from '../../../src/hub/user-accounts';
import { allChanges, connectConsole, sendDm, type RawConsole, deskPerTest } from './helpers';

const desks = deskPerTest();

const open = desks.open;

function latestConversation(c: RawConsole): Conversation {
  const changes = allChanges(c).filter((x) => x.entity === 'conversation');
  const last = changes.at(-1);
  if (last?.entity !== 'conversation') throw new Error('no conversation seen');
  return last.data;
}

async function conversationOn(c: RawConsole, text: string): Promise<Conversation> {
  const desk = desks.current();
  await sendDm(desk.hub, text);
  await c.waitFor(() => allChanges(c).some((x) => x.entity === 'message' && x.data.body === text));
  return latestConversation(c);
}

const ack = (value: unknown) => operationAckSchema.parse(value);

function rows(table: string, where = '1 = 1'): unknown[] {
  const desk = desks.current();
  const db = new Database(hubDbPath(desk.dir), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE ${where}`).all();
  } finally {
    db.close();
  }
}

describe('operations', () => {
  it('applies an operation exactly once: the same opId twice gets the same ack and one effect', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await open('alice');
    const conversation = await conversationOn(alice, 'Can I have an update please');
    const opId = randomUUID();
    const first = ack(
      await alice.submit(
        { type: 'note', conversationId: conversation.id, body: 'called back' },
        undefined,
        opId,
      ),
    );
    const headAfterFirst = desk.hub.headSeq();
    const second = ack(
      await alice.submit(
        { type: 'note', conversationId: conversation.id, body: 'called back' },
        undefined,
        opId,
      ),
    );
    expect(first.outcome).toBe('accepted');
    expect(second).toEqual(first);
    expect(desk.hub.headSeq()).toBe(headAfterFirst);
    expect(rows('messages', "direction = 'note'")).toHaveLength(1);
    expect(rows('applied_operations')).toHaveLength(1);
  });

  it('refuses what a disabled account sends before its link is closed, and audits the refusal', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await open('alice');
    const conversation = await conversationOn(alice, 'Can someone call me back about my car');
    // The administrator disables her from the hub's command line; her link is still up.
    disableUser(desk.dir, 'alice');
    expect(alice.socket.connected).toBe(true);
    const answer = ack(await alice.submit({ type: 'claim', conversationId: conversation.id }));
    expect(answer).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    expect(answer.outcome === 'rejected' && answer.reason).toMatch(/disabled/);
    expect(rows('conversations', 'assignee_id IS NOT NULL')).toHaveLength(0);
    expect(rows('audit', "action = 'op.claim' AND detail LIKE '%\"rejected\"%'")).toHaveLength(1);
  });

  it('two racing claims: one owner, the other told who holds it', async () => {
    const desk = await desks.start({ alice: ['operator'], bob: ['operator'] });
    const alice = await open('alice');
    const bob = await open('bob');
    const conversation = await conversationOn(alice, 'Someone stole my bike');
    const [a, b] = (
      await Promise.all([
        alice.submit({ type: 'claim', conversationId: conversation.id }),
        bob.submit({ type: 'claim', conversationId: conversation.id }),
      ])
    ).map(ack);
    const outcomes = [a?.outcome, b?.outcome].sort();
    expect(outcomes).toEqual(['accepted', 'rejected']);
    const loser = a?.outcome === 'rejected' ? a : b;
    const winnerName = a?.outcome === 'accepted' ? 'alice' : 'bob';
    expect(loser?.outcome === 'rejected' && loser.code).toBe('conflict');
    expect(loser?.outcome === 'rejected' && loser.reason).toContain(winnerName);
    const stored = rows('conversations') as { assignee_id: string }[];
    expect(stored[0]?.assignee_id).toBe(desk.ids[winnerName]);
  });

  it('an operator cannot reassign; a lead can, and that beats an older claim', async () => {
    const desk = await desks.start({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const bob = await open('bob');
    const lena = await open('lena');
    const conversation = await conversationOn(alice, 'Noise complaint again');
    expect(ack(await alice.submit({ type: 'claim', conversationId: conversation.id })).outcome).toBe(
      'accepted',
    );

    const forbidden = ack(
      await bob.submit({
        type: 'reassign',
        conversationIds: [conversation.id],
        toOperatorId: desk.ids.bob ?? null,
      }),
    );
    expect(forbidden.outcome === 'rejected' && forbidden.code).toBe('forbidden');

    const beforeMove = desk.hub.headSeq();
    const moved = ack(
      await lena.submit({
        type: 'reassign',
        conversationIds: [conversation.id],
        toOperatorId: desk.ids.bob ?? null,
        reason: 'balancing',
      }),
    );
    expect(moved.outcome).toBe('accepted');
    const stored = rows('conversations') as { assignee_id: string }[];
    expect(stored[0]?.assignee_id).toBe(desk.ids.bob);
    // Bob is told it is his, Alice that it moved; neither sees the other's notice.
    await bob.waitFor(() =>
      allChanges(bob).find((c) => c.entity === 'notice' && c.data.kind === 'assigned-to-you'),
    );
    await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'notice' && c.data.kind === 'moved-from-you'),
    );
    expect(allChanges(bob).some((c) => c.entity === 'notice' && c.data.operatorId !== desk.ids.bob)).toBe(
      false,
    );

    // Alice's later resolve, written before she saw the move, is refused as a conflict naming Bob.
    const stale = ack(await alice.submit({ type: 'resolve', conversationId: conversation.id }, beforeMove));
    expect(stale.outcome === 'rejected' && stale.code).toBe('conflict');
    expect(stale.outcome === 'rejected' && stale.reason).toContain('bob');
  });

  it('a reply written before a reassignment becomes a note for the new owner, and the author is told', async () => {
    const desk = await desks.start({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
    const alice = await open('alice');
    const lena = await open('lena');
    const conversation = await conversationOn(alice, 'I want to report a theft');
    ack(await alice.submit({ type: 'claim', conversationId: conversation.id }));
    const seenByAlice = desk.hub.headSeq();
    ack(
      await lena.submit({
        type: 'reassign',
        conversationIds: [conversation.id],
        toOperatorId: desk.ids.bob ?? null,
      }),
    );

    const result = ack(
      await alice.submit(
        { type: 'reply', conversationId: conversation.id, body: 'Thanks, we will call you' },
        seenByAlice,
      ),
    );
    expect(result.outcome).toBe('accepted');
    expect(result.outcome === 'accepted' && result.notice).toContain('bob');
    expect(rows('messages', "direction = 'outbound'")).toHaveLength(0);
    const notes = rows('messages', "direction = 'note'") as { body: string; author_id: string }[];
    expect(notes).toEqual([
      expect.objectContaining({ body: 'Thanks, we will call you', author_id: desk.ids.alice }),
    ]);
    const notice = await alice.waitFor(() =>
      allChanges(alice).find((c) => c.entity === 'notice' && c.data.kind === 'reply-became-note'),
    );
    expect(notice.entity === 'notice' && notice.data.conversationId).toBe(conversation.id);
    expect(rows('deliveries')).toHaveLength(0);
  });

  it('a reply by the holder is stored, delivered through the adapter and clears the due time', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await open('alice');
    const conversation = await conversationOn(alice, 'Is the road closed?');
    const result = ack(
      await alice.submit({ type: 'reply', conversationId: conversation.id, body: 'Yes until 6pm' }),
    );
    expect(result.outcome).toBe('accepted');
    const updated = await alice.waitFor(() => {
      const c = latestConversation(alice);
      return c.firstResponseAt !== null ? c : null;
    });
    expect(updated.responseDueAt).toBeNull();
    expect(updated.assigneeId).toBe(desk.ids.alice);
    await alice.waitFor(() => (rows('deliveries', "state = 'sent'").length === 1 ? true : null));
    // Delivery gives the message its platform id, which consoles receive too.
    await alice.waitFor(() =>
      allChanges(alice).find(
        (c) => c.entity === 'message' && c.data.direction === 'outbound' && c.data.platformMessageId !== null,
      ),
    );
  });

  it('refuses operators acting on others\u2019 conversations and checks set-status', async () => {
    await desks.start({ alice: ['operator'], bob: ['operator'] });
    const alice = await open('alice');
    const bob = await open('bob');
    const conversation = await conversationOn(alice, 'Where is my car?');
    ack(await alice.submit({ type: 'claim', conversationId: conversation.id }));
    const resolve = ack(await bob.submit({ type: 'resolve', conversationId: conversation.id }));
    expect(resolve.outcome === 'rejected' && resolve.code).toBe('forbidden');
    expect(resolve.outcome === 'rejected' && resolve.reason).toContain('alice');
    const release = ack(await bob.submit({ type: 'release', conversationId: conversation.id }));
    expect(release.outcome === 'rejected' && release.code).toBe('forbidden');
    const missing = ack(await bob.submit({ type: 'claim', conversationId: 'no-such-conversation' }));
    expect(missing.outcome === 'rejected' && missing.code).toBe('not-found');
    const status = ack(await bob.submit({ type: 'set-status', status: 'on-break' }));
    expect(status.outcome).toBe('accepted');
    await alice.waitFor(() =>
      allChanges(alice).find(
        (c) => c.entity === 'operator' && c.data.name === 'bob' && c.data.status === 'on-break',
      ),
    );
    // Every operation, accepted or not, is in the audit log.
    expect(rows('audit', "action LIKE 'op.%'").length).toBe(5);
  });

  it('answers malformed socket events with clear errors and changes nothing', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    const alice = await open('alice');
    const head = desk.hub.headSeq();
    const badOp = (await alice.emitAck('op:submit', { type: 'claim' })) as { error: string };
    expect(badOp.error).toMatch(/invalid operation/);
    const badType = (await alice.emitAck('op:submit', {
      opId: randomUUID(),
      consoleId: alice.consoleId,
      consoleSeq: 1,
      seenSeq: 0,
      createdAt: 1,
      type: 'delete-everything',
    })) as { error: string };
    expect(badType.error).toMatch(/invalid operation/);
    const badPull = (await alice.emitAck('sync:pull', { afterSeq: -1, limit: 10 })) as {
      kind: string;
      error: string;
    };
    expect(badPull).toMatchObject({ kind: 'error' });
    expect(badPull.error).toMatch(/afterSeq/);
    const badSnapshot = (await alice.emitAck('sync:snapshot', { cursor: 5 })) as { kind: string };
    expect(badSnapshot.kind).toBe('error');
    const badCursor = (await alice.emitAck('sync:snapshot', { cursor: 'garbage', limit: 10 })) as {
      kind: string;
    };
    expect(badCursor.kind).toBe('error');
    alice.socket.emit('presence:viewing', 'nonsense');
    alice.socket.emit('op:submit', 'no ack at all');
    // Still connected and still answering.
    const fine = (await alice.emitAck('sync:pull', { afterSeq: 0, limit: 1 })) as { kind: string };
    expect(fine.kind).toBe('changes');
    expect(desk.hub.headSeq()).toBe(head);
    expect(rows('applied_operations')).toHaveLength(0);
  });

  it('refuses connections without a valid token or with a malformed handshake', async () => {
    const desk = await desks.start({ alice: ['operator'] });
    await expect(connectConsole(desk.hub, 'not-a-token')).rejects.toThrow(/unauthorized/);
    const { io } = await import('socket.io-client');
    const socket = io(desk.hub.url, {
      auth: { token: 'x', consoleId: 'not-a-uuid', lastSeq: 0 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error.message).toMatch(/invalid-handshake: consoleId/);
  });
});
