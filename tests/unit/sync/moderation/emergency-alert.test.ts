import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendDm,
  signedInConsole,
  startDesk,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from '../helpers';

let desk: Desk;
let alice: TestConsole;
let bob: TestConsole;
let carol: TestConsole;

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'], carol: ['operator'] });
  [alice, bob, carol] = await Promise.all([
    signedInConsole(desk.hub.url, 'alice'),
    signedInConsole(desk.hub.url, 'bob'),
    signedInConsole(desk.hub.url, 'carol'),
  ]);
  // Carol is on a break: she sees the banner but is not rung.
  await carol.call('actions.submit', { type: 'set-status', status: 'on-break' });
  await waitDrained(carol, 'carol on break');
});

afterAll(async () => {
  await Promise.all([alice.close(), bob.close(), carol.close()]);
  await desk.hub.close();
});

const lastAlert = (c: TestConsole) => c.eventsOf('emergency.alert').at(-1);

describe('an emergency arriving', () => {
  it('goes to the top of the Emergency queue at urgent priority', async () => {
    await sendDm(desk.hub.url, 'Can someone tell me when the lost property office opens? kestrel');
    await waitForConversation(alice, 'kestrel');
    await sendDm(
      desk.hub.url,
      'There is a man outside my door with a knife threatening to kill me right now, osprey',
    );
    const id = await waitForConversation(alice, 'osprey');
    const detail = alice.engine.getConversation(id);
    expect(detail.conversation).toMatchObject({
      queueId: 'emergency',
      priority: 'urgent',
      category: 'emergency',
    });
    const all = await alice.call('conversations.list', { filter: {}, sort: 'due', offset: 0, limit: 10 });
    expect(all.rows[0]?.conversation.id).toBe(id);
    const queue = await alice.call('conversations.list', {
      filter: { queueId: 'emergency' },
      sort: 'due',
      offset: 0,
      limit: 10,
    });
    expect(queue.rows[0]?.conversation.id).toBe(id);
  });

  it('alerts every available console at once, and stops on all of them when one claims it', async () => {
    const id = await waitForConversation(bob, 'osprey');
    await waitForConversation(carol, 'osprey');
    for (const c of [alice, bob]) {
      await waitUntil(() => lastAlert(c)?.alerting === true, 'alerting');
      expect(lastAlert(c)?.emergencies.map((e) => e.conversationId)).toEqual([id]);
      expect(await c.call('emergencies.get')).toEqual(lastAlert(c));
    }
    // Not available: the banner lists it, nothing rings.
    await waitUntil(() => lastAlert(carol)?.emergencies.length === 1, 'carol sees it');
    expect(lastAlert(carol)?.alerting).toBe(false);
    expect(lastAlert(carol)?.emergencies[0]?.preview).toContain('knife');

    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    // Her own console stops at once, before the hub answers.
    expect(await alice.call('emergencies.get')).toEqual({ emergencies: [], alerting: false });
    expect(lastAlert(alice)).toEqual({ emergencies: [], alerting: false });
    for (const c of [bob, carol]) {
      await waitUntil(() => lastAlert(c)?.emergencies.length === 0, 'alert stopped');
      expect(lastAlert(c)?.alerting).toBe(false);
      expect(await c.call('emergencies.get')).toEqual({ emergencies: [], alerting: false });
    }
  });

  it('a console that starts later (a reloaded page) picks the alert up from the cache', async () => {
    await sendDm(desk.hub.url, 'Someone is attacking my neighbour with a knife right now, plover');
    const id = await waitForConversation(bob, 'plover');
    const state = await bob.call('emergencies.get');
    expect(state.alerting).toBe(true);
    expect(state.emergencies.map((e) => e.conversationId)).toEqual([id]);
    // Bob goes on a break: his alert goes quiet while it stays listed.
    await bob.call('actions.submit', { type: 'set-status', status: 'on-break' });
    expect(await bob.call('emergencies.get')).toMatchObject({
      alerting: false,
      emergencies: [{ conversationId: id }],
    });
  });
});
