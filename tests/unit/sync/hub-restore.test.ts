import { cpSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/engine/db/meta';
import { markAcked } from '../../../src/engine/db/outbox';
import { startHub, type RunningHub } from '../../../src/hub/server';
import {
  META_SECRET,
  TOKEN_SECRET,
  auditedOps,
  sendDm,
  signedInConsole,
  startDesk,
  tally,
  tempDir,
  waitDrained,
  waitForConversation,
  waitUntil,
  type Desk,
  type TestConsole,
} from './helpers';

let desk: Desk;
let hub: RunningHub;
let alice: TestConsole;
let bob: TestConsole;

const restartHub = async (): Promise<RunningHub> =>
  startHub({ dataDir: desk.dir, port: hub.port, metaAppSecret: META_SECRET, tokenSecret: TOKEN_SECRET });

beforeAll(async () => {
  desk = await startDesk({ alice: ['operator'], bob: ['operator'] });
  hub = desk.hub;
  alice = await signedInConsole(hub.url, 'alice');
  bob = await signedInConsole(hub.url, 'bob');
});

afterAll(async () => {
  await alice.close();
  await bob.close();
  await hub.close();
});

describe('a hub restored from a backup', () => {
  it('gets again the accepted actions whose effect the console had not yet seen', async () => {
    await sendDm(hub.url, 'Fly-tipping behind the chapel again, wombat');
    const id = await waitForConversation(alice, 'wombat');
    await waitForConversation(bob, 'wombat');
    await alice.call('actions.submit', { type: 'claim', conversationId: id });
    await waitDrained(alice, 'alice holds it');

    // The night's backup, taken with the hub stopped.
    const backup = tempDir('desk-hub-backup-');
    await hub.close();
    cpSync(desk.dir, backup, { recursive: true });
    hub = await restartHub();
    await waitDrained(alice, 'alice back online');

    // After the backup: more traffic the consoles see, so their caches pass its head.
    await sendDm(hub.url, 'Is the coast road open yet? numbat');
    await waitForConversation(alice, 'numbat');
    // Alice resolves; the hub accepted it, then the link went before its change reached her
    // cache. Her outbox holds it as accepted, waiting for that sequence.
    await alice.engine.disconnect();
    const { opId } = await alice.call('actions.submit', { type: 'resolve', conversationId: id });
    const lastSeq = getMeta(alice.engine.db, 'lastSeq') ?? 0;
    markAcked(alice.engine.db, opId, lastSeq + 1);

    // The hub's disk fails; IT restores last night's backup.
    await hub.close();
    rmSync(desk.dir, { recursive: true, force: true });
    cpSync(backup, desk.dir, { recursive: true });
    hub = await restartHub();
    expect(hub.headSeq()).toBeLessThan(lastSeq);

    alice.engine.reconnect();
    await waitDrained(alice, 'alice caught up with the restored hub');
    // The resolve went again, and the restored hub applied it once.
    await waitUntil(
      () => bob.engine.getConversation(id).conversation.status === 'resolved',
      'bob sees it resolved',
    );
    expect(tally(auditedOps(desk.dir).map((a) => a.opId)).get(opId)).toBe(1);
    expect(alice.engine.getConversation(id).conversation.status).toBe('resolved');
  });
});
