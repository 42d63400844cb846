import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeskCallError,
  auditedOps,
  sendDm,
  signedInConsole,
  startDesk,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

let desk: Desk;
let alice: TestConsole;
let bob: TestConsole;
let lena: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  bob = await signedInConsole(desk.hub.url, 'bob');
  lena = await signedInConsole(desk.hub.url, 'lena');
});

afterAll(async () => {
  await alice.close();
  await bob.close();
  await lena.close();
  await desk.hub.close();
});

const id = (name: string): string => desk.ids[name] ?? '';

describe('a lead moves work while its holder is offline', () => {
  it("the holder's offline reply ends as a note for the new owner, and everyone is told", async () => {
    await sendDm(desk.hub.url, 'My neighbour’s dog has been barking for two days, wombat');
    const conversationId = await waitForConversation(alice, 'wombat');
    await alice.call('actions.submit', { type: 'claim', conversationId });
    await waitDrained(alice, 'alice claim applied');
    await waitForConversation(lena, 'wombat');
    await waitUntil(
      () =>
        lena.engine.listConversations({ filter: { search: 'wombat' }, offset: 0, limit: 1 }).rows[0]
          ?.conversation.assigneeId === id('alice'),
      'lena sees alice holds it',
    );

    // Alice's console loses the hub; she keeps working and replies.
    await alice.engine.disconnect();
    const reply = await alice.call('actions.submit', {
      type: 'reply',
      conversationId,
      body: 'An officer will visit today.',
    });

    // The lead sees alice's load on the board and moves it to bob with a reason.
    const before = await lena.call('leads.board');
    const aliceRow = before.operators.find((r) => r.operator.id === id('alice'));
    expect(aliceRow?.items.map((i) => i.id)).toContain(conversationId);
    await lena.call('actions.submit', {
      type: 'reassign',
      conversationIds: [conversationId],
      toOperatorId: id('bob'),
      reason: 'alice lost her connection',
    });
    await waitDrained(lena, 'lena move applied');
    await waitUntil(
      () => bob.engine.getConversation(conversationId).conversation.assigneeId === id('bob'),
      'bob holds it',
    );
    expect(
      bob
        .eventsOf('notice')
        .some((n) => n.kind === 'assigned-to-you' && n.text.includes('alice lost her connection')),
    ).toBe(true);

    // Alice comes back: her reply is not sent to the public but kept as a note for bob.
    alice.engine.reconnect();
    await waitDrained(alice, 'alice outbox empty');
    const outcome = alice.eventsOf('action.outcome').find((o) => o.opId === reply.opId);
    expect(outcome).toMatchObject({ outcome: 'accepted' });
    expect(outcome?.notice).toMatch(/held by bob/);
    expect(alice.eventsOf('notice').map((n) => n.kind)).toEqual(
      expect.arrayContaining(['moved-from-you', 'reply-became-note']),
    );
    await waitUntil(
      () => bob.engine.getConversation(conversationId).messages.some((m) => m.id === reply.opId),
      'bob sees the note',
    );
    const note = bob.engine.getConversation(conversationId).messages.find((m) => m.id === reply.opId);
    expect(note).toMatchObject({
      direction: 'note',
      authorName: 'alice',
      body: 'An officer will visit today.',
    });
    expect(bob.engine.getConversation(conversationId).messages.some((m) => m.direction === 'outbound')).toBe(
      false,
    );
    expect(bob.eventsOf('notice').some((n) => n.kind === 'info' && n.conversationId === conversationId)).toBe(
      true,
    );
    expect(
      auditedOps(desk.dir)
        .filter((a) => a.action === 'op.reassign' || a.opId === reply.opId)
        .map((a) => [a.action, a.outcome]),
    ).toEqual([
      ['op.reassign', 'accepted'],
      ['op.reply', 'accepted'],
    ]);
    // The board follows: bob now holds it, alice does not.
    await waitUntil(
      () => lena.engine.getConversation(conversationId).conversation.assigneeId === id('bob'),
      'lena sees the move',
    );
    const after = await lena.call('leads.board');
    const holders = after.operators.filter((r) => r.items.some((i) => i.id === conversationId));
    expect(holders.map((r) => r.operator.name)).toEqual(['bob']);
  });
});

describe('the workload board', () => {
  it('puts unclaimed emergencies first and counts load, queues, roster and volume', async () => {
    await sendDm(desk.hub.url, 'Help, there is a man with a knife outside my house right now, platypus');
    const emergency = await waitForConversation(lena, 'platypus');
    await sendDm(desk.hub.url, 'When does the station front desk open? okapi');
    const plain = await waitForConversation(bob, 'okapi');
    await bob.call('actions.submit', { type: 'claim', conversationId: plain });
    await waitDrained(bob, 'bob claim');

    const shiftId = randomUUID();
    const now = lena.engine.hubNow();
    await lena.engine.disconnect();
    // Offline, the lead's own changes show at once on the board.
    await lena.call('actions.submit', {
      type: 'shift-put',
      shiftId,
      operatorId: id('bob'),
      startsAt: now - 60 * 60_000,
      endsAt: now + 7 * 60 * 60_000,
      note: 'lates',
    });
    await lena.call('actions.submit', { type: 'set-capacity', operatorId: id('bob'), capacity: 5 });
    const offline = await lena.call('leads.board');
    expect(offline.roster.map((s) => s.id)).toContain(shiftId);
    expect(offline.operators.find((r) => r.operator.id === id('bob'))?.operator.capacity).toBe(5);

    lena.engine.reconnect();
    await waitDrained(lena, 'lena outbox empty');
    await waitUntil(
      () =>
        lena.engine.listConversations({ filter: { search: 'okapi' }, offset: 0, limit: 1 }).rows[0]
          ?.conversation.assigneeId === id('bob'),
      'lena sees bob claimed',
    );
    const board = await lena.call('leads.board');
    expect(board.unclaimedEmergencies[0]?.id).toBe(emergency);
    const bobRow = board.operators.find((r) => r.operator.id === id('bob'));
    expect(bobRow).toMatchObject({
      shift: { id: shiftId, note: 'lates' },
      operator: { capacity: 5, status: 'available' },
    });
    expect(bobRow?.held).toBeGreaterThanOrEqual(2);
    expect(bobRow?.awaitingFirstResponse).toBeGreaterThanOrEqual(1);
    expect(bobRow?.lastAction?.action).toBe('claim');
    const emergencyQueue = board.queues.find((q) => q.queue.id === 'emergency');
    expect(emergencyQueue?.unassigned).toBeGreaterThanOrEqual(1);
    expect(emergencyQueue?.items.map((i) => i.id)).toContain(emergency);
    // Every inbound message so far arrived during bob's shift: the trend counts them all.
    expect(board.trend.counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    expect(board.trend.from).toBeLessThanOrEqual(now - 60 * 60_000);

    // An operator cannot open it.
    await expect(alice.call('leads.board')).rejects.toThrow(DeskCallError);
  });
});
