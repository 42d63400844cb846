import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  metaDmBody,
  postMeta,
  sendDm,
  signedInConsole,
  startDesk,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

let desk: Desk;
let alice: TestConsole;
let bob: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  bob = await signedInConsole(desk.hub.url, 'bob');
});

afterAll(async () => {
  await alice.close();
  await bob.close();
  await desk.hub.close();
});

describe('a signed Meta webhook message', () => {
  it('reaches two consoles live, with the body searchable in each cache', async () => {
    await sendDm(desk.hub.url, 'Somebody keyed my car on Heol y Frenhines, zebrafinch');
    const [inAlice, inBob] = await Promise.all([
      waitForConversation(alice, 'zebrafinch'),
      waitForConversation(bob, 'zebrafinch'),
    ]);
    expect(inAlice).toBe(inBob);
    const detail = await bob.call('conversations.get', { id: inBob });
    expect(detail.messages.map((m) => [m.direction, m.body, m.pending])).toEqual([
      ['inbound', 'Somebody keyed my car on Heol y Frenhines, zebrafinch', false],
    ]);
    expect(detail.conversation.platform).toBe('facebook');
    expect(alice.eventsOf('data.changed').some((e) => e.conversationIds.includes(inAlice))).toBe(true);
    const state = await alice.call('sync.getState');
    expect(state).toMatchObject({ status: 'online', pendingActions: 0 });
    expect(state.lastSeq).toBe(desk.hub.headSeq());
  });

  it('a badly signed one is refused and reaches nobody', async () => {
    const before = alice.engine.connectionState().lastSeq;
    const body = metaDmBody([{ senderId: 'user-x', mid: 'm_forged', text: 'forged quokkaword' }]);
    expect(await postMeta(desk.hub.url, body, 'not-the-secret')).toBe(401);
    await sendDm(desk.hub.url, 'a genuine wombatword');
    await waitForConversation(alice, 'wombatword');
    const forged = await alice.call('conversations.list', {
      filter: { search: 'quokkaword' },
      offset: 0,
      limit: 5,
    });
    expect(forged.total).toBe(0);
    expect(alice.engine.connectionState().lastSeq).toBeGreaterThan(before);
  });

  it('one operator claiming is seen by the other, and presence names who is looking', async () => {
    await sendDm(desk.hub.url, 'Lost dog near the pier, kookaburra');
    const id = await waitForConversation(alice, 'kookaburra');
    await waitForConversation(bob, 'kookaburra');
    const { opId } = await alice.call('actions.submit', { type: 'claim', conversationId: id });
    // Optimistic: alice sees it at once, before any network round trip.
    const mine = await alice.call('conversations.list', { filter: { mine: true }, offset: 0, limit: 10 });
    expect(mine.rows.map((r) => r.conversation.id)).toContain(id);
    await waitUntil(() => bob.engine.getConversation(id).assigneeName === 'alice', 'bob sees alice holds it');
    await waitUntil(() => alice.engine.connectionState().pendingActions === 0, 'alice outbox drained');
    expect(alice.eventsOf('action.outcome').find((o) => o.opId === opId)).toMatchObject({
      outcome: 'accepted',
    });
    await bob.call('conversations.view', { id });
    await waitUntil(
      () =>
        alice.eventsOf('presence.viewers').some((v) => v.conversationId === id && v.names.includes('bob')),
      'alice hears bob is viewing',
    );
  });
});
