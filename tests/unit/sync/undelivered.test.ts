import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  openConsole,
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
let lena: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'], lena: ['lead'] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  lena = await signedInConsole(desk.hub.url, 'lena');
});

afterAll(async () => {
  await alice.close();
  await lena.close();
  await desk.hub.close();
});

/**
 * Bob's console as the app starts it: the engine opens with the stored session and replays
 * its outbox at once, before any window is there to hear the events it raises.
 */
const restart = (dataDir: string): TestConsole => openConsole(dataDir, { emit: () => undefined });

describe('what the operator must be told, when no window was listening', () => {
  it('keeps a refusal of a replayed action, and a notice, until the window says it showed them', async () => {
    await sendDm(desk.hub.url, 'Someone keeps ringing my doorbell at night, pademelon');
    const id = await waitForConversation(alice, 'pademelon');
    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    await waitDrained(alice, 'alice holds it');

    let bob = await signedInConsole(desk.hub.url, 'bob');
    await waitUntil(() => bob.engine.getConversation(id).assigneeName === 'alice', 'bob sees alice holds it');
    await bob.engine.disconnect();
    // Made offline; the hub will refuse it (alice holds the work).
    const { opId } = await bob.call('actions.submit', { type: 'resolve', conversationId: id });
    const dataDir = bob.dataDir;
    await bob.close();

    // Meanwhile a lead moves other work to bob: a notice addressed to him.
    await sendDm(desk.hub.url, 'My car was broken into overnight, bilby');
    const other = await waitForConversation(lena, 'bilby');
    await lena.call('actions.submit', {
      type: 'reassign',
      conversationIds: [other],
      toOperatorId: desk.ids['bob'] ?? null,
    });
    await waitDrained(lena, 'lena moved it');

    bob = restart(dataDir);
    try {
      await waitDrained(bob, 'bob outbox replayed');
      await waitUntil(
        () => bob.engine.getConversation(other).assigneeName === 'bob',
        'bob caught up with the move',
      );
      const pending = await bob.call('notices.pending');
      // In the order they happened: the move, then the refusal when the outbox replayed.
      expect(pending.map((p) => p.event)).toEqual(['notice', 'action.outcome']);
      expect(pending[1]).toMatchObject({
        key: `outcome:${opId}`,
        payload: { opId, type: 'resolve', outcome: 'rejected', code: 'forbidden' },
      });
      expect(pending[1]?.payload).toMatchObject({
        reason: expect.stringMatching(/held by alice/) as unknown,
      });
      expect(pending[0]).toMatchObject({
        event: 'notice',
        payload: { kind: 'assigned-to-you', conversationId: other, operatorId: desk.ids['bob'] },
      });
      // The refused action itself is gone from the outbox: this is the only record of it.
      expect(bob.engine.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    } finally {
      await bob.close();
    }

    // A crash or a quit before any window showed them keeps them.
    bob = restart(dataDir);
    try {
      await waitUntil(() => bob.engine.connectionState().status === 'online', 'bob online again');
      const again = await bob.call('notices.pending');
      expect(again.map((p) => p.key)).toEqual([
        expect.stringMatching(/^notice:/) as unknown,
        `outcome:${opId}`,
      ]);
      // The window showed the refusal only: the notice stays on offer.
      await bob.call('notices.shown', { keys: [`outcome:${opId}`] });
      expect((await bob.call('notices.pending')).map((p) => p.event)).toEqual(['notice']);
      await bob.call('notices.shown', { keys: again.map((p) => p.key) });
      expect(await bob.call('notices.pending')).toEqual([]);
    } finally {
      await bob.close();
    }
    bob = restart(dataDir);
    try {
      await waitUntil(() => bob.engine.connectionState().status === 'online', 'bob online once more');
      expect(await bob.call('notices.pending')).toEqual([]);
    } finally {
      await bob.close();
    }
  });

  it("offers one operator's undelivered events to nobody else signed in on the console", async () => {
    const shared = await signedInConsole(desk.hub.url, 'bob');
    try {
      await sendDm(desk.hub.url, 'Lost dog near the park, quokka');
      const id = await waitForConversation(shared, 'quokka');
      await alice.call('actions.submit', { type: 'claim', conversationId: id });
      await waitDrained(alice, 'alice holds it');
      await waitUntil(() => shared.engine.getConversation(id).assigneeName === 'alice', 'bob sees it held');
      await shared.call('actions.submit', { type: 'resolve', conversationId: id });
      await waitDrained(shared, 'refused');
      expect((await shared.call('notices.pending')).map((p) => p.event)).toContain('action.outcome');

      await shared.call('session.signOut');
      expect(await shared.call('notices.pending')).toEqual([]);
      await shared.call('session.signIn', { hubUrl: desk.hub.url, name: 'alice', password: PASSWORD });
      expect(await shared.call('notices.pending')).toEqual([]);
      // Confirming keys of someone else's events does not touch them.
      const bobs = shared.engine.db.prepare('SELECT key FROM undelivered').pluck().all() as string[];
      await shared.call('notices.shown', { keys: bobs });
      expect(shared.engine.db.prepare('SELECT count(*) FROM undelivered').pluck().get()).toBe(bobs.length);
    } finally {
      await shared.close();
    }
  });
});
