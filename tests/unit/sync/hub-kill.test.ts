import { afterAll, describe, expect, it } from 'vitest';
import {
  addUsers,
  auditedOps,
  freePort,
  sendDm,
  signedInConsole,
  startChildHub,
  tally,
  tempDir,
  waitDrained,
  waitForConversation,
  waitUntil,
  type ChildHub,
  type TestConsole,
} from './helpers';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('the hub killed and restarted mid-replay', () => {
  it('loses nothing and duplicates nothing', async () => {
    const dir = tempDir('desk-sync-hubkill-');
    await addUsers(dir, { alice: ['operator'] });
    const port = await freePort();
    let hub: ChildHub = await startChildHub(dir, port);
    cleanup.push(() => hub.kill());

    const alice: TestConsole = await signedInConsole(hub.url, 'alice');
    cleanup.push(() => alice.close());
    await sendDm(hub.url, 'My neighbour has not been seen for days, ibex');
    const id = await waitForConversation(alice, 'ibex');

    await alice.engine.disconnect();
    // Enough that the pipelined replay is still under way when the hub dies.
    const bodies = Array.from({ length: 600 }, (_, i) => `welfare check note ${String(i)}`);
    const opIds = [
      (await alice.call('actions.submit', { type: 'claim', conversationId: id })).opId,
      ...(
        await Promise.all(
          bodies.map((body) => alice.call('actions.submit', { type: 'note', conversationId: id, body })),
        )
      ).map((r) => r.opId),
    ];
    alice.engine.reconnect();
    await waitUntil(() => auditedOps(dir).some((a) => opIds.includes(a.opId)), 'replay under way', 30_000);
    await hub.kill('SIGKILL');
    await waitUntil(() => alice.engine.connectionState().status === 'offline', 'alice sees the hub go');
    expect(alice.engine.connectionState().pendingActions).toBeGreaterThan(0);
    // Failed reconnect attempts do not move "offline since".
    const offlineSince = alice.engine.connectionState().since;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(alice.engine.connectionState()).toMatchObject({ status: 'offline', since: offlineSince });
    // Work continues while the hub is down.
    opIds.push(
      (
        await alice.call('actions.submit', {
          type: 'note',
          conversationId: id,
          body: 'written while the hub was down',
        })
      ).opId,
    );
    bodies.push('written while the hub was down');

    hub = await startChildHub(dir, port);
    await waitDrained(alice, 'alice outbox empty after the hub restarts', 40_000);

    const counts = tally(auditedOps(dir).map((a) => a.opId));
    expect(opIds.map((opId) => counts.get(opId) ?? 0)).toEqual(opIds.map(() => 1));
    const notes = alice.engine
      .getConversation(id)
      .messages.filter((m) => m.direction === 'note')
      .map((m) => m.body);
    expect(notes.sort()).toEqual([...bodies].sort());

    // A fresh console reading everything from the hub sees the same, once each.
    const fresh = await signedInConsole(hub.url, 'alice');
    cleanup.push(() => fresh.close());
    await waitForConversation(fresh, 'ibex');
    const fromHub = fresh.engine
      .getConversation(id)
      .messages.filter((m) => m.direction === 'note')
      .map((m) => m.body);
    expect(fromHub.sort()).toEqual([...bodies].sort());
  });
});
