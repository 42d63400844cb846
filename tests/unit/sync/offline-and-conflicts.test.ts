import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeskCallError,
  auditedOps,
  openConsole,
  sendDm,
  signedInConsole,
  startDesk,
  tally,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

let desk: Desk;
let alice: TestConsole;
let bob: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  bob = await signedInConsole(desk.hub.url, 'bob');
});

afterAll(async () => {
  await alice.close();
  await bob.close();
  await desk.hub.close();
});

describe('offline work', () => {
  it('claims, replies and resolves offline, then applies each exactly once on reconnect', async () => {
    await sendDm(desk.hub.url, 'Where do I report a stolen bike? pangolin');
    const id = await waitForConversation(alice, 'pangolin');
    await waitForConversation(bob, 'pangolin');

    await alice.engine.disconnect();
    expect(alice.engine.connectionState().status).toBe('offline');
    const claim = await alice.call('actions.submit', { type: 'claim', conversationId: id });
    const reply = await alice.call('actions.submit', {
      type: 'reply',
      conversationId: id,
      body: 'Please report it online or call 101.',
    });
    const resolve = await alice.call('actions.submit', { type: 'resolve', conversationId: id });

    // The operator sees all of it at once, offline, with three actions waiting.
    const offline = await alice.call('conversations.get', { id });
    expect(offline.conversation).toMatchObject({ status: 'resolved', assigneeId: desk.ids['alice'] });
    expect(offline.messages.map((m) => [m.id, m.pending])).toContainEqual([reply.opId, true]);
    expect(await alice.call('sync.getState')).toMatchObject({ status: 'offline', pendingActions: 3 });
    expect(alice.eventsOf('sync.state').at(-1)).toMatchObject({ status: 'offline', pendingActions: 3 });
    // Nothing reached the hub: bob still sees it open and free.
    expect(bob.engine.getConversation(id).conversation).toMatchObject({ status: 'open', assigneeId: null });

    alice.engine.reconnect();
    await waitDrained(alice, 'alice outbox empty');
    await waitUntil(
      () => bob.engine.getConversation(id).conversation.status === 'resolved',
      'bob sees resolved',
    );

    const audited = auditedOps(desk.dir).filter((a) =>
      [claim.opId, reply.opId, resolve.opId].includes(a.opId),
    );
    expect(audited.map((a) => [a.opId, a.action, a.outcome])).toEqual([
      [claim.opId, 'op.claim', 'accepted'],
      [reply.opId, 'op.reply', 'accepted'],
      [resolve.opId, 'op.resolve', 'accepted'],
    ]);
    // The hub stored the reply under its opId, so the optimistic copy was replaced, not duplicated.
    const thread = alice.engine.getConversation(id).messages;
    expect(thread.filter((m) => m.direction === 'outbound').map((m) => [m.id, m.pending])).toEqual([
      [reply.opId, false],
    ]);
    expect(bob.engine.getConversation(id).messages.map((m) => m.id)).toContain(reply.opId);
    const outcomes = alice
      .eventsOf('action.outcome')
      .filter((o) => [claim.opId, reply.opId, resolve.opId].includes(o.opId));
    expect(outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(alice.eventsOf('sync.state').at(-1)).toMatchObject({ status: 'online', pendingActions: 0 });
  });

  it('an offline reply to work reassigned meanwhile becomes a note, and the author is told', async () => {
    await sendDm(desk.hub.url, 'Can someone call me back? narwhal');
    const id = await waitForConversation(alice, 'narwhal');
    await alice.engine.disconnect();
    const reply = await alice.call('actions.submit', {
      type: 'reply',
      conversationId: id,
      body: 'We will call you.',
    });
    const lena = await signedInConsole(desk.hub.url, 'lena');
    try {
      await waitForConversation(lena, 'narwhal');
      await lena.call('actions.submit', {
        type: 'reassign',
        conversationIds: [id],
        toOperatorId: desk.ids['bob'] ?? null,
      });
      await waitDrained(lena, 'lena outbox empty');
    } finally {
      await lena.close();
    }
    alice.engine.reconnect();
    await waitDrained(alice, 'alice outbox empty');
    const outcome = alice.eventsOf('action.outcome').find((o) => o.opId === reply.opId);
    expect(outcome).toMatchObject({ outcome: 'accepted' });
    expect(outcome?.notice).toMatch(/kept as an internal note/);
    expect(
      alice.eventsOf('notice').some((n) => n.kind === 'reply-became-note' && n.conversationId === id),
    ).toBe(true);
    const thread = alice.engine.getConversation(id).messages.filter((m) => m.body === 'We will call you.');
    expect(thread.map((m) => [m.direction, m.pending])).toEqual([['note', false]]);
  });
});

describe('conflicts', () => {
  it('two engines racing to claim end with one owner and the other told why', async () => {
    await sendDm(desk.hub.url, 'Noisy party next door all night, axolotl');
    const id = await waitForConversation(alice, 'axolotl');
    await waitForConversation(bob, 'axolotl');
    const [a, b] = await Promise.all([
      alice.call('actions.submit', { type: 'claim', conversationId: id }),
      bob.call('actions.submit', { type: 'claim', conversationId: id }),
    ]);
    await waitDrained(alice, 'alice outbox empty');
    await waitDrained(bob, 'bob outbox empty');
    const outcomes = [
      ...alice.eventsOf('action.outcome').filter((o) => o.opId === a.opId),
      ...bob.eventsOf('action.outcome').filter((o) => o.opId === b.opId),
    ];
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['accepted', 'rejected']);
    const winner = outcomes.find((o) => o.outcome === 'accepted')?.opId === a.opId ? 'alice' : 'bob';
    const loser = outcomes.find((o) => o.outcome === 'rejected');
    expect(loser?.reason).toContain(`Already claimed by ${winner}`);
    // The code lets a Welsh console explain the refusal in Welsh.
    expect(loser?.code).toBe('conflict');
    await waitUntil(
      () =>
        alice.engine.getConversation(id).assigneeName === winner &&
        bob.engine.getConversation(id).assigneeName === winner,
      'both consoles agree on the owner',
    );
    const pendingFlags = [alice, bob].map(
      (c) =>
        c.engine.listConversations({ filter: { search: 'axolotl' }, offset: 0, limit: 1 }).rows[0]?.pending,
    );
    expect(pendingFlags).toEqual([false, false]);
  });

  it('a rejected action is rolled back locally with the reason shown', async () => {
    await sendDm(desk.hub.url, 'Graffiti on the bus shelter, quetzal');
    const id = await waitForConversation(alice, 'quetzal');
    await waitForConversation(bob, 'quetzal');
    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    await waitDrained(alice, 'alice claim applied');
    await waitUntil(() => bob.engine.getConversation(id).assigneeName === 'alice', 'bob sees alice holds it');

    // Bob resolves offline: his console shows it resolved at once...
    await bob.engine.disconnect();
    const { opId } = await bob.call('actions.submit', { type: 'resolve', conversationId: id });
    expect(bob.engine.getConversation(id).conversation.status).toBe('resolved');
    bob.engine.reconnect();
    await waitDrained(bob, 'bob outbox empty');
    // ...and the hub's refusal puts it back exactly as it was, with the reason.
    const outcome = bob.eventsOf('action.outcome').find((o) => o.opId === opId);
    expect(outcome).toMatchObject({ outcome: 'rejected' });
    expect(outcome?.reason).toMatch(/held by alice/);
    expect(bob.engine.getConversation(id).conversation).toMatchObject({
      status: 'open',
      assigneeId: desk.ids['alice'],
    });
    expect(bob.eventsOf('data.changed').some((d) => d.conversationIds.includes(id))).toBe(true);
  });

  it("an operator's token cannot reassign another operator's work", async () => {
    await sendDm(desk.hub.url, 'Speeding cars on the estate, capybara');
    const id = await waitForConversation(alice, 'capybara');
    await waitForConversation(bob, 'capybara');
    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    await waitDrained(alice, 'alice claim applied');
    await waitUntil(() => bob.engine.getConversation(id).assigneeName === 'alice', 'bob sees alice holds it');
    const { opId } = await bob.call('actions.submit', {
      type: 'reassign',
      conversationIds: [id],
      toOperatorId: desk.ids['bob'] ?? null,
    });
    expect(bob.engine.getConversation(id).assigneeName).toBe('bob');
    await waitDrained(bob, 'bob outbox empty');
    expect(bob.eventsOf('action.outcome').find((o) => o.opId === opId)).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/Only shift leads/) as unknown,
    });
    expect(bob.engine.getConversation(id).assigneeName).toBe('alice');
    expect(tally(auditedOps(desk.dir).map((a) => a.opId)).get(opId)).toBe(1);
  });

  it('refuses actions on conversations the cache does not hold, and when signed out', async () => {
    await expect(
      alice.call('actions.submit', { type: 'claim', conversationId: 'no-such' }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
    const outsider = openConsole();
    try {
      await expect(
        outsider.call('actions.submit', { type: 'claim', conversationId: 'x' }),
      ).rejects.toBeInstanceOf(DeskCallError);
      await expect(
        outsider.call('actions.submit', { type: 'claim', conversationId: 'x' }),
      ).rejects.toMatchObject({
        code: 'not-signed-in',
      });
    } finally {
      await outsider.close();
    }
  });
});
