import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'] });
  alice = await signedInConsole(desk.hub.url, 'alice');
  await waitUntil(() => alice.engine.connectionState().status === 'online', 'alice online');
});

afterAll(async () => {
  await alice.close();
  await desk.hub.close();
});

describe('the link state a console shows', () => {
  // Each working-out of the state reads the cache; a batch used to raise it twice (once for
  // its changes, once for the sync time), and the emergency check three times.
  it('is worked out and sent to the window once for each batch the hub sends', async () => {
    for (const word of ['heron', 'avocet', 'curlew']) {
      const before = alice.eventsOf('sync.state').length;
      const headBefore = desk.hub.headSeq();
      await sendDm(desk.hub.url, `Someone has stolen my bike from outside the station, ${word}`);
      await waitForConversation(alice, word);
      const head = desk.hub.headSeq();
      expect(head).toBeGreaterThan(headBefore);
      await waitUntil(() => alice.engine.connectionState().lastSeq === head, 'alice level with the hub');
      const states = alice.eventsOf('sync.state').slice(before);
      expect(states).toHaveLength(1);
      expect(states[0]).toMatchObject({ status: 'online', lastSeq: head, pendingActions: 0 });
    }
  });
});
