import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/engine/db/meta';
import {
  PASSWORD,
  addUsers,
  freePort,
  openConsole,
  sendDm,
  signedInConsole,
  startDesk,
  tempDir,
  waitForConversation,
  waitUntil,
  type Desk,
} from './helpers';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { selfSignedCert } from '../../support/tls';

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk(
    { alice: ['operator'], bob: ['operator'], carol: ['operator'], locky: ['operator'] },
    { loginPolicy: { freeFailures: 0, lockAfter: 2, slowStepMs: 1 } },
  );
});
afterAll(async () => {
  await desk.hub.close();
});

describe('signing in', () => {
  it('maps a wrong password, a locked name and an unreachable hub to their codes, changing nothing', async () => {
    const desk1 = openConsole();
    try {
      await expect(
        desk1.call('session.signIn', { hubUrl: desk.hub.url, name: 'alice', password: 'wrong password' }),
      ).rejects.toMatchObject({ code: 'bad-credentials' });
      await desk1
        .call('session.signIn', { hubUrl: desk.hub.url, name: 'locky', password: 'nope nope' })
        .catch(() => undefined);
      await desk1
        .call('session.signIn', { hubUrl: desk.hub.url, name: 'locky', password: 'nope nope' })
        .catch(() => undefined);
      await expect(
        desk1.call('session.signIn', { hubUrl: desk.hub.url, name: 'locky', password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'locked' });
      const closedPort = await freePort();
      await expect(
        desk1.call('session.signIn', {
          hubUrl: `http://127.0.0.1:${String(closedPort)}`,
          name: 'alice',
          password: PASSWORD,
        }),
      ).rejects.toMatchObject({ code: 'unreachable' });
      expect(await desk1.call('session.getState')).toMatchObject({ signedIn: false, operator: null });
      expect(await desk1.call('sync.getState')).toMatchObject({ status: 'signed-out' });
    } finally {
      await desk1.close();
    }
  });

  it('remembers the hub, keeps the cache on sign-out, and reconnects by itself after a restart', async () => {
    const alice = await signedInConsole(desk.hub.url, 'alice');
    await sendDm(desk.hub.url, 'Is the road closed at the bridge? pelican');
    const id = await waitForConversation(alice, 'pelican');
    expect(await alice.call('session.getState')).toMatchObject({
      hubUrl: desk.hub.url,
      signedIn: true,
      operator: { name: 'alice' },
    });
    const dataDir = alice.dataDir;
    await alice.close();

    const again = openConsole(dataDir);
    try {
      await waitUntil(
        () => again.engine.connectionState().status === 'online',
        'reconnected with the stored session',
      );
      const out = await again.call('session.signOut');
      expect(out).toMatchObject({ signedIn: false, hubUrl: desk.hub.url });
      expect(getMeta(again.engine.db, 'token')).toBeNull();
      expect(again.engine.connectionState().status).toBe('signed-out');
      // The cache stays for the next sign-in.
      expect(again.engine.getConversation(id).conversation.id).toBe(id);
    } finally {
      await again.close();
    }
    const afterSignOut = openConsole(dataDir);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(afterSignOut.engine.connectionState().status).toBe('signed-out');
    } finally {
      await afterSignOut.close();
    }
  });

  it('asks the operator to sign in again when the session ends while connected, keeping waiting actions', async () => {
    const short = await startDesk({ dora: ['operator'] }, { loginPolicy: { tokenTtlMs: 3000 } });
    const dora = await signedInConsole(short.hub.url, 'dora');
    try {
      await sendDm(short.hub.url, 'Is the A48 open yet, pangolin');
      const id = await waitForConversation(dora, 'pangolin');
      await dora.engine.disconnect();
      await dora.call('actions.submit', { type: 'note', conversationId: id, body: 'note before expiry' });
      dora.engine.reconnect();
      // The hub closes the link when the session ends; the console then forgets the token.
      await waitUntil(() => dora.engine.connectionState().status === 'signed-out', 'signed out', 10_000);
      expect(await dora.call('session.getState')).toMatchObject({ signedIn: false });
      expect(getMeta(dora.engine.db, 'token')).toBeNull();
      // Signing in again sends what was waiting.
      await dora.call('session.signIn', { hubUrl: short.hub.url, name: 'dora', password: PASSWORD });
      await waitUntil(() => dora.engine.connectionState().pendingActions === 0, 'note sent');
      expect(dora.engine.getConversation(id).messages.map((m) => m.body)).toContain('note before expiry');
    } finally {
      await dora.close();
      await short.hub.close();
    }
  });

  it("empties the cache when another operator signs in on the same console, so nobody sees another's cache", async () => {
    const alice = await signedInConsole(desk.hub.url, 'alice');
    await sendDm(desk.hub.url, 'private matter, flamingo');
    const id = await waitForConversation(alice, 'flamingo');
    await alice.engine.disconnect();
    await alice.call('actions.submit', { type: 'note', conversationId: id, body: 'alice offline note' });
    await alice.call('session.signOut');
    await alice.call('session.signIn', { hubUrl: desk.hub.url, name: 'bob', password: PASSWORD });
    await waitUntil(() => alice.engine.connectionState().status === 'online', 'bob online');
    // Bob sees the conversation from the hub, without alice's unsent note, and none of her pending work.
    await waitForConversation(alice, 'flamingo');
    expect(alice.engine.getConversation(id).messages.map((m) => m.body)).not.toContain('alice offline note');
    expect(alice.engine.connectionState().pendingActions).toBe(0);
    await alice.close();
  });

  it('does not announce the next operator as viewing what the last one had open', async () => {
    const shared = await signedInConsole(desk.hub.url, 'alice');
    const carol = await signedInConsole(desk.hub.url, 'carol');
    try {
      await sendDm(desk.hub.url, 'Someone is following me home, tapir');
      await sendDm(desk.hub.url, 'Lost wallet near the library, quokka');
      const open = await waitForConversation(shared, 'tapir');
      const other = await waitForConversation(shared, 'quokka');
      const viewersOf = (id: string): string[] | undefined =>
        carol
          .eventsOf('presence.viewers')
          .filter((v) => v.conversationId === id)
          .at(-1)?.names;
      await shared.call('conversations.view', { id: open });
      await waitUntil(() => viewersOf(open)?.includes('alice'), 'carol sees alice viewing');

      // Sign-out, then the window closes the conversation (as the console does when it unmounts).
      await shared.call('session.signOut');
      await shared.call('conversations.view', { id: null });
      const heardBefore = carol.eventsOf('presence.viewers').length;
      await shared.call('session.signIn', { hubUrl: desk.hub.url, name: 'bob', password: PASSWORD });
      await waitUntil(() => shared.engine.connectionState().status === 'online', 'bob online');
      // Bob opens something else; once carol hears that, she has heard all bob's console said before.
      await waitForConversation(shared, 'quokka');
      await shared.call('conversations.view', { id: other });
      await waitUntil(() => viewersOf(other)?.includes('bob'), 'carol sees bob viewing the other one');
      const heardSince = carol.eventsOf('presence.viewers').slice(heardBefore);
      expect(heardSince.filter((v) => v.conversationId === open && v.names.includes('bob'))).toEqual([]);
    } finally {
      await shared.close();
      await carol.close();
    }
  });

  it('with a locked hub address, uses the policy address and refuses another', async () => {
    const locked = openConsole(undefined, {
      hubUrlPolicy: { url: desk.hub.url, locked: true, reason: 'Set by force IT' },
    });
    try {
      expect(await locked.call('session.getState')).toMatchObject({
        hubUrl: desk.hub.url,
        hubUrlLocked: true,
        hubUrlLockReason: 'Set by force IT',
      });
      await expect(
        locked.call('session.signIn', {
          hubUrl: 'https://elsewhere.example',
          name: 'alice',
          password: PASSWORD,
        }),
      ).rejects.toMatchObject({ code: 'setting-locked' });
      await locked.call('session.signIn', { hubUrl: desk.hub.url, name: 'alice', password: PASSWORD });
      await waitUntil(
        () => locked.engine.connectionState().status === 'online',
        'online via the policy address',
      );
    } finally {
      await locked.close();
    }
  });
});

describe('a hub on TLS', () => {
  let hub: RunningHub;
  let cert: string;
  beforeAll(async () => {
    const dir = tempDir('desk-sync-tls-');
    const made = selfSignedCert(dir);
    cert = made.cert;
    const key = made.key;
    const data = tempDir('desk-sync-tls-hub-');
    await addUsers(data, { alice: ['operator'] });
    hub = await startHub({ dataDir: data, tls: { certFile: cert, keyFile: key } });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('is refused as untrusted without the force CA', async () => {
    const plain = openConsole();
    try {
      expect(hub.url.startsWith('https://')).toBe(true);
      await expect(
        plain.call('session.signIn', { hubUrl: hub.url, name: 'alice', password: PASSWORD }),
      ).rejects.toMatchObject({
        code: 'untrusted-certificate',
      });
    } finally {
      await plain.close();
    }
  });

  it('signs in and syncs over WSS when the extra CA file is trusted', async () => {
    const trusted = openConsole(undefined, { extraCaFile: cert });
    try {
      await trusted.call('session.signIn', { hubUrl: hub.url, name: 'alice', password: PASSWORD });
      await waitUntil(() => trusted.engine.connectionState().status === 'online', 'online over WSS');
      expect(trusted.engine.listQueues().length).toBeGreaterThan(0);
    } finally {
      await trusted.close();
    }
  });

  it('a missing extra CA file does not stop the console, and sign-in says why the hub is untrusted', async () => {
    const misconfigured = openConsole(undefined, { extraCaFile: join(tempDir('desk-ca-'), 'missing.pem') });
    try {
      await expect(
        misconfigured.call('session.signIn', { hubUrl: hub.url, name: 'alice', password: PASSWORD }),
      ).rejects.toMatchObject({
        code: 'untrusted-certificate',
        message: expect.stringContaining('Cannot read the extra CA file') as unknown,
      });
    } finally {
      await misconfigured.close();
    }
  });
});

describe('closing', () => {
  it('a reconnect asked for while the engine closes opens no link to a closed cache', async () => {
    const c = await signedInConsole(desk.hub.url, 'bob');
    const thrown: unknown[] = [];
    const record = (error: unknown): void => {
      thrown.push(error);
    };
    process.on('uncaughtException', record);
    try {
      const closing = c.close();
      // The window or the session timer asks for a link in the middle of shutting down.
      c.engine.reconnect();
      await closing;
      // Long enough for a link opened then to connect and be greeted by the hub.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(thrown).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
