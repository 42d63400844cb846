import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../../src/engine/db/open';
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
});

afterAll(async () => {
  await alice.close();
  await desk.hub.close();
});

describe('live changes the cache could not take', () => {
  it('stops saying online, and catches up once the cache takes writes again', async () => {
    await sendDm(desk.hub.url, 'Thank you for finding my bag, kiwi');
    await waitForConversation(alice, 'kiwi');
    // Something else holds the cache's write lock (a stuck checkpoint, an antivirus scan
    // with the file open for writing): the engine's writes give up after its busy timeout,
    // shortened here so the test does not wait the five seconds.
    alice.engine.db.pragma('busy_timeout = 50');
    const other = new Database(join(alice.dataDir, CACHE_FILE));
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      await sendDm(desk.hub.url, 'Any news on the burglary at the chemist, takahe');
      await waitUntil(
        () => alice.engine.connectionState().status === 'connecting',
        'alice no longer claims to be online',
      );
      expect(alice.eventsOf('sync.state').at(-1)?.status).toBe('connecting');
      other.prepare('COMMIT').run();
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
    }
    // With nothing more from the hub, the console catches up by itself.
    await waitForConversation(alice, 'takahe');
    await waitUntil(() => alice.engine.connectionState().status === 'online', 'alice online again');
    expect(alice.engine.connectionState().lastSeq).toBe(desk.hub.headSeq());
  });
});
